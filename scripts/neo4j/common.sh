# Shared settings for scripts/neo4j/up.sh and down.sh (sourced, not run).
# Local Neo4j Community 5.26 (embedded, Bolt only), resolved from Maven Central.

NEO4J_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$NEO4J_SCRIPT_DIR/../.." && pwd)"

# Everything lives under one gitignored folder: build/ (classpath + compiled launcher),
# data/ (databases, transaction logs, users), logs/ (Neo4j logs + launcher.log), run/ (pid).
NEO4J_LOCAL_DIR="${NEO4J_LOCAL_DIR:-$REPO_ROOT/.neo4j}"
BUILD_DIR="$NEO4J_LOCAL_DIR/build"
RUN_DIR="$NEO4J_LOCAL_DIR/run"
LOG_DIR="$NEO4J_LOCAL_DIR/logs"
PID_FILE="$RUN_DIR/neo4j.pid"
PORT_FILE="$RUN_DIR/neo4j.port"
READY_FILE="$RUN_DIR/ready"
LAUNCHER_LOG="$LOG_DIR/launcher.log"
LAUNCHER_CLASS="kg.neo4jlocal.Launcher"

NEO4J_BOLT_HOST="${NEO4J_BOLT_HOST:-127.0.0.1}"
NEO4J_BOLT_PORT="${NEO4J_BOLT_PORT:-7687}"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVAC="${JAVA_HOME:+$JAVA_HOME/bin/}javac"

log() { printf '[neo4j] %s\n' "$*"; }
err() { printf '[neo4j] ERROR: %s\n' "$*" >&2; }

# Is something accepting TCP connections on host:port?
port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# Pid from the pid file if that process is alive and really is our launcher.
running_pid() {
  local pid
  [ -f "$PID_FILE" ] || return 1
  pid="$(cat "$PID_FILE" 2>/dev/null)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "$LAUNCHER_CLASS" || return 1
  echo "$pid"
}

# Serialise up/down (e.g. parallel test workers calling up) on one lock file.
take_lock() {
  mkdir -p "$RUN_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$RUN_DIR/lock"
    if ! flock -w "${1:-600}" 9; then
      err "another neo4j up/down still holds $RUN_DIR/lock"
      exit 1
    fi
  fi
}

log_tail() {
  if [ -f "$LAUNCHER_LOG" ]; then
    echo "----- last lines of $LAUNCHER_LOG -----" >&2
    tail -n "${1:-40}" "$LAUNCHER_LOG" >&2
    echo "---------------------------------------" >&2
  fi
}
