#!/usr/bin/env bash
# events.sh: the event benchmark of issue 4 (bench/EventsBench.java does the measuring).
#   fan-out   one push event to N WebSocket subscribers on loopback: ms from sending the commit
#             request to each subscriber's receipt (p50, p99, last; medians over rounds)
#   heap      Hearth's heap after a full GC, without and with N subscribers (jcmd)
#   webhooks  deliveries per second to a local receiver, from a backlog of M member events
# Starts Hearth from server/target/hearth.jar (build it first: ./mvnw -q -B -DskipTests package) on a
# fresh data dir under $EVENTS_SCRATCH (default /tmp/hearth-events-bench), SSH off, rate limits lifted,
# webhooks allowed to reach 127.0.0.1; stops it at the end (only the PID it started).
#
# Usage: bench/events.sh [-p PORT] [-n SUBSCRIBERS] [-r ROUNDS] [-m HOOK_EVENTS] [-h]
#   -p PORT         Hearth's HTTP port (default 18095)
#   -n SUBSCRIBERS  WebSocket subscribers (default 1000)
#   -r ROUNDS       measured fan-out rounds after two warm-up rounds (default 20)
#   -m HOOK_EVENTS  member events queued for the webhook run (default 400)
# Env: HEARTH_BENCH_JAVA_OPTS  Hearth's JVM options (default: the launcher's, -Xms64m -Xmx320m -XX:+UseSerialGC)
set -euo pipefail

usage() { sed -n '2,/^set -e/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; }
HERE=$(cd "$(dirname "$0")" && pwd)
PROJECT=$(cd "$HERE/.." && pwd)
PORT=18095 N=1000 ROUNDS=20 M=400
while getopts "p:n:r:m:h" o; do
  case $o in
    p) PORT=$OPTARG ;; n) N=$OPTARG ;; r) ROUNDS=$OPTARG ;; m) M=$OPTARG ;;
    h) usage; exit 0 ;; *) usage >&2; exit 2 ;;
  esac
done

find_jdk25() { for d in "${JAVA_HOME:-}" /usr/lib/jvm/*; do [ -x "$d/bin/javac" ] || continue
  v=$("$d/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ "${v%%.*}" -ge 25 ] 2>/dev/null && { echo "$d"; return 0; }; done; return 1; }
JDK=$(find_jdk25) || { echo "events.sh: no JDK 25+ found (set JAVA_HOME)" >&2; exit 1; }
JAR=$PROJECT/server/target/hearth.jar
[ -f "$JAR" ] || { echo "events.sh: no $JAR; build first: ./mvnw -q -B -DskipTests package" >&2; exit 1; }
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then echo "events.sh: port $PORT is in use" >&2; exit 1; fi

S=${EVENTS_SCRATCH:-/tmp/hearth-events-bench}
rm -rf "$S"; mkdir -p "$S"
ADMIN_PASS=events-Root-Pass-1
JAVA_OPTS=${HEARTH_BENCH_JAVA_OPTS:--Xms64m -Xmx320m -XX:+UseSerialGC -XX:MaxDirectMemorySize=64m -Xss512k}
# shellcheck disable=SC2086
HEARTH_ADMIN_PASSWORD=$ADMIN_PASS "$JDK/bin/java" $JAVA_OPTS --enable-native-access=ALL-UNNAMED -jar "$JAR" serve \
  --host 127.0.0.1 --port "$PORT" --ssh-port 0 --data "$S/data" --rate-limit 1000000000 \
  --rate-limit-anonymous 1000000000 --webhook-allowed-hosts 127.0.0.1 >"$S/hearth.log" 2>&1 </dev/null &
HPID=$!
trap 'kill "$HPID" 2>/dev/null || true; wait "$HPID" 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  kill -0 "$HPID" 2>/dev/null || { tail -20 "$S/hearth.log" >&2; exit 1; }
  sleep 0.5
done
echo "Hearth pid $HPID on port $PORT, JVM: $JAVA_OPTS; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$JDK/bin/java" -Xmx1g "$HERE/EventsBench.java" "http://127.0.0.1:$PORT" "$ADMIN_PASS" "$HPID" "$N" "$ROUNDS" "$M"
echo "Hearth peak RSS: $(awk '/VmHWM/ {printf "%.0f MiB", $2/1024}' /proc/$HPID/status)"
