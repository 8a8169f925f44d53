#!/bin/sh
# Throughput of `extract` beside underthesea's own word_tokenize and sent_tokenize on the same
# texts, in one run, whole processes timed in turns. Settings come from the environment:
#   DOCUMENTS (216)  documents in the benchmark corpus (copies of corpus/ and the dev texts)
#   RUNS (5)         counted runs of each command, after one warm-up
#   BENCH_CORPUS (/tmp/vn-facts-bench-corpus), BENCH_DB (/tmp/vn-facts-bench.db)
# Where the time goes: .venv/bin/python bench/profile_stages.py "$BENCH_CORPUS"
set -eu
. "$(dirname "$0")/corpus.sh"
"$BIN/python" bench/compare.py --corpus "$BENCH_CORPUS" --runs "${RUNS:-5}" \
    --command "extract-j1=$BIN/extract -j 1 --force --corpus $BENCH_CORPUS --db $BENCH_DB -q" \
    --command "extract-j2=$BIN/extract -j 2 --force --corpus $BENCH_CORPUS --db $BENCH_DB -q" \
    --command "word_tokenize=$BIN/python bench/word_tokenize_corpus.py $BENCH_CORPUS" \
    --command "sent_tokenize=$BIN/python bench/word_tokenize_corpus.py --function sent_tokenize $BENCH_CORPUS"
