#!/bin/sh
# `extract --engine dask` (a LocalCluster of 2 worker processes, started by the run) beside
# `extract -j 2` (the local process pool) on the benchmark corpus, whole processes in turns; then
# the rates of what stays in the main process (reading files, the SQLite writer) beside one core's
# stage rate (bench/serial_rates.py). Settings as in run.sh: DOCUMENTS (216), RUNS (3),
# BENCH_CORPUS (/tmp/vn-facts-bench-corpus), BENCH_DB (/tmp/vn-facts-bench.db).
set -eu
. "$(dirname "$0")/corpus.sh"
"$BIN/python" bench/compare.py --corpus "$BENCH_CORPUS" --runs "${RUNS:-3}" \
    --command "pool-j2=$BIN/extract --force --corpus $BENCH_CORPUS --db $BENCH_DB -q -j 2" \
    --command "dask-local-2=$BIN/extract --force --corpus $BENCH_CORPUS --db $BENCH_DB -q --engine dask -j 2"
"$BIN/python" bench/serial_rates.py "$BENCH_CORPUS"
