# Sourced by the benchmark scripts: the venv, and the benchmark corpus built afresh from the
# environment's settings: DOCUMENTS (216) documents, BENCH_CORPUS (/tmp/vn-facts-bench-corpus),
# BENCH_DB (/tmp/vn-facts-bench.db).
cd "$(dirname "$0")/.."
BIN=.venv/bin
BENCH_CORPUS=${BENCH_CORPUS:-/tmp/vn-facts-bench-corpus}
BENCH_DB=${BENCH_DB:-/tmp/vn-facts-bench.db}
"$BIN/python" bench/make_corpus.py --out "$BENCH_CORPUS" --documents "${DOCUMENTS:-216}"
