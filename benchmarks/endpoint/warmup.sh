#!/bin/bash
# Whether a fresh server speeds up over its first seconds: DESCRIBE of a report's own entity (run.py's
# row of that name, every request distinct, each run with its own nonce RUN), four 6 s wrk runs in a row
# on a fresh `ungraph serve`, at 1x (in memory, the default) and at 100x (on disk). Needs `make build`,
# wrk, and the 100x store of `run.py --scale 100` (build/bench-x100/). Prints wrk's RESULT line of each
# run. (It seemed to, 2026-12-02 01:32 UTC: that was the runs repeating each other's request texts,
# answered from the answer cache; with the nonce the runs are flat. benchmarks/endpoint/README.md.)
#
#     bash benchmarks/endpoint/warmup.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-8392}
for scale in 1 100; do
  if [ "$scale" = 1 ]; then store=build/store dump=build/ungraph.nq; else store=build/bench-x100/store dump=build/bench-x100/data.nq; fi
  mix=$(mktemp)
  .venv/bin/python - "$store" "$mix" <<'PY'
import sys
sys.path[:0] = [".", "benchmarks/endpoint"]
from pathlib import Path
import pyoxigraph as ox
from run import queries, write_mix
write_mix(Path(sys.argv[2]), "/sparql", queries(ox.Store.read_only(sys.argv[1]))["DESCRIBE (a report's own entity)"], "")
PY
  UNGRAPH_BASE=http://127.0.0.1:8080/ UNGRAPH_RATE_LIMIT= UNGRAPH_QUERY_BUDGET=0 UNGRAPH_STORE=$store \
    UNGRAPH_DUMP=$dump UNGRAPH_PORT=$PORT .venv/bin/python -m ungraph serve > /dev/null 2>&1 &
  server=$!
  until curl -s "localhost:$PORT/health" > /dev/null; do sleep 0.2; done
  for i in 1 2 3 4; do
    echo "x$scale run $i $(MIX_FILE=$mix UNIQUE=1 RUN=$scale.$i wrk -t2 -c8 -d6s -s benchmarks/endpoint/mix.lua "http://127.0.0.1:$PORT/" | grep RESULT)"
  done
  kill "$server"; wait "$server" 2>/dev/null || true
  rm -f "$mix"
  sleep 3
done
