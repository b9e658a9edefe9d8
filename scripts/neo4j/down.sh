#!/usr/bin/env bash
# Stop the local Neo4j started by scripts/neo4j/up.sh: SIGTERM (the launcher's shutdown hook
# checkpoints and closes the databases), wait, SIGKILL after NEO4J_STOP_TIMEOUT s (default 60).
#   npm run neo4j:down      (or: bash scripts/neo4j/down.sh)
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

STOP_TIMEOUT="${NEO4J_STOP_TIMEOUT:-60}"

take_lock 600

if ! pid="$(running_pid)"; then
  rm -f "$PID_FILE" "$PORT_FILE" "$READY_FILE"
  log "not running"
  exit 0
fi
port="$(cat "$PORT_FILE" 2>/dev/null || echo "$NEO4J_BOLT_PORT")"

log "stopping Neo4j (pid $pid)..."
t0=$SECONDS
kill -TERM "$pid" 2>/dev/null || true
while kill -0 "$pid" 2>/dev/null; do
  if [ $((SECONDS - t0)) -ge "$STOP_TIMEOUT" ]; then
    err "still running after ${STOP_TIMEOUT} s; sending SIGKILL (next start will run recovery)"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
    break
  fi
  sleep 0.5
done
rm -f "$PID_FILE" "$PORT_FILE" "$READY_FILE"

for _ in $(seq 1 20); do port_open "$NEO4J_BOLT_HOST" "$port" || break; sleep 0.5; done
if port_open "$NEO4J_BOLT_HOST" "$port"; then
  err "port $NEO4J_BOLT_HOST:$port is still open after stopping pid $pid"
  exit 1
fi
log "stopped in $((SECONDS - t0)) s"
