#!/usr/bin/env bash
# Start the local Neo4j Community 5.26 (embedded DBMS, Bolt on 127.0.0.1:7687) in the background.
#   npm run neo4j:up        (or: bash scripts/neo4j/up.sh)
# First run resolves org.neo4j:neo4j from Maven Central with mvn (cached in ~/.m2) and compiles
# the launcher into .neo4j/build; later runs start straight from the cached classpath.
# Idempotent: if it is already running, says so and exits 0.
#
# Env: NEO4J_PASSWORD (initial password of user neo4j, default kg-local-dev), NEO4J_BOLT_PORT
# (default 7687), NEO4J_BOLT_HOST (default 127.0.0.1), NEO4J_START_TIMEOUT (s, default 180),
# NEO4J_PAGECACHE (MiB, default 256), NEO4J_JAVA_OPTS (extra JVM flags, e.g. -Xmx2g),
# NEO4J_RESET_PASSWORD=1 (force the password to NEO4J_PASSWORD), NEO4J_LOCAL_DIR (default .neo4j).
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

START_TIMEOUT="${NEO4J_START_TIMEOUT:-180}"
POM="$NEO4J_SCRIPT_DIR/pom.xml"
SRC_DIR="$NEO4J_SCRIPT_DIR/src/main/java"
CLASSPATH_FILE="$BUILD_DIR/classpath.txt"
CLASSES_DIR="$BUILD_DIR/classes"

take_lock 600

if pid="$(running_pid)"; then
  port="$(cat "$PORT_FILE" 2>/dev/null || echo "$NEO4J_BOLT_PORT")"
  log "already running (pid $pid) on bolt://$NEO4J_BOLT_HOST:$port"
  if [ "$port" != "$NEO4J_BOLT_PORT" ]; then
    log "note: it listens on $port, not NEO4J_BOLT_PORT=$NEO4J_BOLT_PORT; run neo4j:down first to change the port"
  fi
  exit 0
fi
rm -f "$PID_FILE" "$READY_FILE" "$PORT_FILE"

if port_open "$NEO4J_BOLT_HOST" "$NEO4J_BOLT_PORT"; then
  err "port $NEO4J_BOLT_HOST:$NEO4J_BOLT_PORT is already in use by another process; stop it or set NEO4J_BOLT_PORT"
  exit 1
fi

for tool in "$JAVA" "$JAVAC"; do
  command -v "$tool" >/dev/null 2>&1 || { err "$tool not found (Java 17+ JDK required)"; exit 1; }
done
java_major="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [ -z "$java_major" ] || [ "${java_major%%.*}" -lt 17 ]; then
  err "Neo4j 5.26 needs Java 17 or newer; $JAVA is ${java_major:-unknown}"
  exit 1
fi

mkdir -p "$BUILD_DIR" "$LOG_DIR" "$RUN_DIR"

hash_of() { cat "$@" | sha256sum | cut -d' ' -f1; }

# 1. Runtime classpath (only when the POM changed or a cached jar vanished from ~/.m2).
cp_stamp="$(hash_of "$POM")"
cp_ok=0
if [ -s "$CLASSPATH_FILE" ] && [ "$(cat "$BUILD_DIR/classpath.stamp" 2>/dev/null)" = "$cp_stamp" ]; then
  cp_ok=1
  IFS=: read -r -a jars < "$CLASSPATH_FILE" || true  # no trailing newline: read returns 1
  for jar in "${jars[@]}"; do [ -f "$jar" ] || { cp_ok=0; break; }; done
fi
if [ "$cp_ok" != 1 ]; then
  command -v mvn >/dev/null 2>&1 || { err "mvn not found (Maven is needed once to fetch Neo4j from Maven Central)"; exit 1; }
  log "resolving org.neo4j:neo4j from Maven Central with mvn (first run may take a few minutes)..."
  mvn_log="$BUILD_DIR/mvn.log"
  t0=$SECONDS
  mvn -B -f "$POM" dependency:build-classpath \
      -Dmdep.outputFile="$CLASSPATH_FILE.tmp" -Dmdep.includeScope=runtime >"$mvn_log" 2>&1 &
  mvn_pid=$!
  while kill -0 "$mvn_pid" 2>/dev/null; do
    sleep 5
    if kill -0 "$mvn_pid" 2>/dev/null; then
      log "  ...still resolving ($((SECONDS - t0)) s, $(grep -c 'Downloaded from' "$mvn_log" 2>/dev/null || true) files downloaded so far)"
    fi
  done
  if ! wait "$mvn_pid" || [ ! -s "$CLASSPATH_FILE.tmp" ]; then
    err "mvn dependency resolution failed; last lines of $mvn_log:"
    tail -n 30 "$mvn_log" >&2
    exit 1
  fi
  mv "$CLASSPATH_FILE.tmp" "$CLASSPATH_FILE"
  echo "$cp_stamp" > "$BUILD_DIR/classpath.stamp"
  log "classpath resolved in $((SECONDS - t0)) s ($(tr ':' '\n' < "$CLASSPATH_FILE" | wc -l) jars, $(grep -c 'Downloaded from' "$mvn_log" || true) files downloaded)"
fi
CP="$(cat "$CLASSPATH_FILE")"

# 2. Compile the launcher (only when its source, the POM or the JDK changed).
mapfile -t sources < <(find "$SRC_DIR" -name '*.java' | sort)
cls_stamp="$(hash_of "$POM" "${sources[@]}")-$("$JAVAC" -version 2>&1)"
if [ "$(cat "$BUILD_DIR/classes.stamp" 2>/dev/null)" != "$cls_stamp" ] || [ ! -d "$CLASSES_DIR" ]; then
  log "compiling the launcher..."
  rm -rf "$CLASSES_DIR"
  mkdir -p "$CLASSES_DIR"
  "$JAVAC" --release 17 -encoding UTF-8 -cp "$CP" -d "$CLASSES_DIR" "${sources[@]}"
  echo "$cls_stamp" > "$BUILD_DIR/classes.stamp"
fi

# 3. Start detached. Heap ~1g, page cache 256m (off heap): fits a 2-core dev/CI machine.
# The JVM flags follow the ones Neo4j's own neo4j.conf ships (add-opens let the page cache
# and the transaction log use direct buffers and native file advice).
java_opts=(
  -Xms256m -Xmx1g
  -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+ExitOnOutOfMemoryError
  -XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields -XX:+DisableExplicitGC
  -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true
  -Dlog4j2.disable.jmx=true -Dfile.encoding=UTF-8
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
)
# shellcheck disable=SC2206
extra_opts=(${NEO4J_JAVA_OPTS:-})

log "starting Neo4j on bolt://$NEO4J_BOLT_HOST:$NEO4J_BOLT_PORT (log: ${LAUNCHER_LOG#"$REPO_ROOT"/})"
t_start=$SECONDS
cd "$REPO_ROOT"
: >"$LAUNCHER_LOG"
NEO4J_HOME_DIR="$NEO4J_LOCAL_DIR" NEO4J_BOLT_HOST="$NEO4J_BOLT_HOST" NEO4J_BOLT_PORT="$NEO4J_BOLT_PORT" \
NEO4J_READY_FILE="$READY_FILE" \
  setsid nohup "$JAVA" "${java_opts[@]}" "${extra_opts[@]}" -cp "$CLASSES_DIR:$CP" "$LAUNCHER_CLASS" \
  >>"$LAUNCHER_LOG" 2>&1 </dev/null 9>&- &
pid=$!
echo "$pid" > "$PID_FILE"
echo "$NEO4J_BOLT_PORT" > "$PORT_FILE"

# 4. Wait until Bolt accepts connections and the launcher has set the password.
next_note=$((SECONDS + 10))
while :; do
  if ! kill -0 "$pid" 2>/dev/null; then
    err "Neo4j exited during startup (see $LAUNCHER_LOG and $LOG_DIR/debug.log)"
    log_tail 40
    rm -f "$PID_FILE" "$PORT_FILE"
    exit 1
  fi
  if [ -f "$READY_FILE" ] && port_open "$NEO4J_BOLT_HOST" "$NEO4J_BOLT_PORT"; then
    break
  fi
  if [ $((SECONDS - t_start)) -ge "$START_TIMEOUT" ]; then
    err "Bolt not ready on $NEO4J_BOLT_HOST:$NEO4J_BOLT_PORT after ${START_TIMEOUT} s; stopping pid $pid"
    log_tail 40
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$PID_FILE" "$PORT_FILE" "$READY_FILE"
    exit 1
  fi
  if [ "$SECONDS" -ge "$next_note" ]; then
    log "  ...waiting for Bolt ($((SECONDS - t_start)) s)"
    next_note=$((SECONDS + 10))
  fi
  sleep 0.5
done
log "ready in $((SECONDS - t_start)) s: bolt://$NEO4J_BOLT_HOST:$NEO4J_BOLT_PORT user neo4j (pid $pid)"
