#!/usr/bin/env bash
# transport-hearth.sh: Hearth in the shared git transport benchmark, end to end.
#
# Runs the harness in $BENCH_DIR (default ../shared/bench beside the project: make-repo.py, prepare-repo.sh, peers.sh,
# run-all.sh, transport.sh, summarize.sh) with Hearth as an extra peer beside C git's `git http-backend`
# behind apache2 ("apache", the reference), `git daemon`, JGit's own GitServlet in Jetty ("jgit") and
# file:// ("file"). Steps:
#   1. makes $PERF_SCRATCH/repo.git + seed.git if missing (make-repo.py --commits $COMMITS, prepare-repo.sh)
#   2. copies JAR and the lib/ beside it to $PERF_SCRATCH/hearth-dist (a rebuild in the project cannot
#      change the running server), starts Hearth on a fresh $PERF_SCRATCH/hearth-data,
#      stdout+stderr in $PERF_SCRATCH/hearth.log
#   3. creates user bench, a token and the repositories bench/repo and bench/push-hearth through the API,
#      `git push --mirror`s $PERF_SCRATCH/srv/repo.git and a fresh push copy into them
#   4. waits (bounded) until Hearth's background repack left exactly one .pack and one .bitmap in each
#   5. runs run-all.sh with EXTRA_PEERS="hearth=URL,PUSH_URL,PID" (Hearth's CPU and memory are read)
#   6. stops Hearth and prints the summaries, a ratio table against apache and Hearth's WARN/ERROR lines
# It builds nothing: build Hearth first (./mvnw -q -B -DskipTests package).
# Everything it writes goes under $PERF_SCRATCH, never into the project.
#
# Usage: bench/transport-hearth.sh [-j JAR] [-p PORT] [-s SRC_GITDIR] [-k] [-h]
#   -j JAR    Hearth's jar, with its lib/ directory beside it (default server/target/hearth.jar in this project)
#   -p PORT   Hearth's port (default 8080)
#   -s SRC    a git dir to build the benchmark repo from if $PERF_SCRATCH/repo.git is missing
#             (default: generate $PERF_SCRATCH/src.git with make-repo.py --commits $COMMITS)
#   -k        keep Hearth running at the end (prints its PID; stop it with kill PID)
#   -h        this help
# Env: JAVA_HOME        a JDK 25+ (required: the default java may be older); also used for the jgit peer
#      PERF_SCRATCH     scratch root (default /tmp/perfbase)
#      BENCH_DIR        the harness (default ../shared/bench beside the project)
#      COMMITS          make-repo.py --commits (default 20000)
#      HEARTH_BENCH_JAVA_OPTS  JVM options for Hearth (default: the ./hearth launcher's)
#      HEARTH_ADMIN_PASSWORD   admin password on the first start (default perf-Root-Pass-1; Hearth refuses a
#                              password that contains the login, e.g. "bench-Admin-Pass-1" for admin)
#      BENCH_USER_PASSWORD     password of user bench (default perf-User-Pass-1; must not contain "bench")
#      READY_TIMEOUT (60) REPACK_TIMEOUT (900) seconds
#      PEER_LIST REPS_SMALL REPS_BIG CONC CONC_REPS   passed on to run-all.sh
set -euo pipefail

usage() { sed -n '2,/^set -e/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; }
PROJECT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$PROJECT/server/target/hearth.jar PORT=8080 SRC="" KEEP=0
while getopts "j:p:s:kh" o; do
  case $o in
    j) JAR=$OPTARG ;; p) PORT=$OPTARG ;; s) SRC=$OPTARG ;; k) KEEP=1 ;;
    h) usage; exit 0 ;; *) usage >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || { usage >&2; exit 2; }

export PERF_SCRATCH=${PERF_SCRATCH:-/tmp/perfbase}
BENCH_DIR=${BENCH_DIR:-$PROJECT/../shared/bench}
COMMITS=${COMMITS:-20000}
JAVA_OPTS=${HEARTH_BENCH_JAVA_OPTS:--Xms64m -Xmx320m -XX:+UseSerialGC -XX:MaxDirectMemorySize=64m -Xss512k --enable-native-access=ALL-UNNAMED}
ADMIN_PASS=${HEARTH_ADMIN_PASSWORD:-perf-Root-Pass-1}
USER_PASS=${BENCH_USER_PASSWORD:-perf-User-Pass-1}
READY_TIMEOUT=${READY_TIMEOUT:-60} REPACK_TIMEOUT=${REPACK_TIMEOUT:-900}
DIST=$PERF_SCRATCH/hearth-dist DATA=$PERF_SCRATCH/hearth-data HLOG=$PERF_SCRATCH/hearth.log
H=http://127.0.0.1:$PORT
export GIT_TERMINAL_PROMPT=0

die() { echo "transport-hearth: error: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# --- prerequisites -----------------------------------------------------------------------------
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] || die "set JAVA_HOME to a JDK 25+"
jv=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
[ "${jv%%.*}" -ge 25 ] 2>/dev/null || die "JAVA_HOME ($JAVA_HOME) is Java $jv; Hearth needs 25+"
export JAVA_HOME
[ -f "$JAR" ] || die "no $JAR: build Hearth first (./mvnw -q -B -DskipTests package)"
[ -d "$(dirname "$JAR")/lib" ] || die "no lib/ beside $JAR"
[ -x "$BENCH_DIR/run-all.sh" ] || die "no harness at $BENCH_DIR"
for c in git curl python3 apache2 htpasswd; do command -v "$c" >/dev/null || die "$c not found (apt-get install -y apache2 time)"; done
[ -x /usr/bin/time ] || die "GNU time not found (apt-get install -y time)"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then die "port $PORT is already in use"; fi
case $DATA in "$PROJECT"/*) die "PERF_SCRATCH must be outside the project" ;; esac

# --- 1. the benchmark repository ---------------------------------------------------------------
if [ ! -d "$PERF_SCRATCH/repo.git" ] || [ ! -d "$PERF_SCRATCH/seed.git" ]; then
  mkdir -p "$PERF_SCRATCH"
  if [ -z "$SRC" ]; then
    SRC=$PERF_SCRATCH/src.git
    if [ ! -d "$SRC" ]; then
      log "generating $SRC (make-repo.py --commits $COMMITS)"
      python3 "$BENCH_DIR/make-repo.py" "$SRC" --commits "$COMMITS"
    fi
  fi
  "$BENCH_DIR/prepare-repo.sh" "$SRC"
fi

# --- 2. start Hearth -------------------------------------------------------------------------
HPID=""
stop_hearth() {
  [ -n "$HPID" ] || return 0
  if kill -0 "$HPID" 2>/dev/null; then
    log "stopping Hearth (pid $HPID)"
    kill "$HPID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$HPID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$HPID" 2>/dev/null && { log "Hearth did not stop in 30 s: SIGKILL"; kill -9 "$HPID" 2>/dev/null || true; }
  fi
  HPID=""
}
trap 'stop_hearth' EXIT

rm -rf "$DATA"
if [ "$(realpath "$(dirname "$JAR")")" != "$(realpath -m "$DIST")" ]; then
  rm -rf "$DIST"; mkdir -p "$DIST"
  cp -r "$JAR" "$DIST/hearth.jar"; cp -r "$(dirname "$JAR")/lib" "$DIST/lib"
fi
log "starting Hearth from $DIST on port $PORT, data $DATA, log $HLOG"
# shellcheck disable=SC2086
HEARTH_ADMIN_PASSWORD=$ADMIN_PASS nohup "$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$DIST/hearth.jar" \
  serve --port "$PORT" --ssh-port 0 --data "$DATA" >"$HLOG" 2>&1 </dev/null &
HPID=$!
end=$((SECONDS + READY_TIMEOUT))
until curl -sf "$H/readyz" >/dev/null 2>&1; do
  kill -0 "$HPID" 2>/dev/null || { tail -20 "$HLOG" >&2; die "Hearth exited during start (see $HLOG)"; }
  [ $SECONDS -lt $end ] || die "Hearth not ready after ${READY_TIMEOUT}s (see $HLOG)"
  sleep 0.5
done
log "Hearth ready (pid $HPID)"

# --- 3. user, token, repositories, mirror pushes -------------------------------------------------
api() {  # api METHOD PATH JSON AUTH-ARGS... -> body on stdout; dies on a non-2xx answer
  local m=$1 p=$2 d=$3 out code; shift 3
  out=$(curl -sS -X "$m" -H 'Content-Type: application/json' -w '\n%{http_code}' "$@" "$H$p" -d "$d") || die "$m $p: curl failed"
  code=${out##*$'\n'}; out=${out%$'\n'*}
  [[ $code == 2?? ]] || die "$m $p answered $code: $out"
  printf '%s\n' "$out"
}
field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
api POST /api/v3/admin/users '{"login":"bench","email":"bench@example.invalid","password":"'"$USER_PASS"'"}' \
  -u "admin:$ADMIN_PASS" >/dev/null
TOKEN=$(api POST /api/v3/users/bench/tokens '{"name":"bench","scopes":["repo","delete_repo"]}' -u "bench:$USER_PASS" | field token)
declare -A RID
for r in repo push-hearth; do
  RID[$r]=$(api POST /api/v3/user/repos '{"name":"'"$r"'"}' -H "Authorization: Bearer $TOKEN" | field id)
done
URL=$H/bench/repo.git
PUSH_URL=http://bench:$TOKEN@127.0.0.1:$PORT/bench/push-hearth.git
"$BENCH_DIR/peers.sh" pushcopy hearth
for r in repo push-hearth; do
  log "git push --mirror -> bench/$r"
  timeout 1800 git -C "$PERF_SCRATCH/srv/$r.git" push -q --mirror "http://bench:$TOKEN@127.0.0.1:$PORT/bench/$r.git" 2>&1 |
    tr '\r' '\n' | grep -v '^remote: Updating references' | grep -v '^$' >&2 || true
  [ "$(git ls-remote --refs "http://bench:$TOKEN@127.0.0.1:$PORT/bench/$r.git" | wc -l)" = \
    "$(git -C "$PERF_SCRATCH/srv/$r.git" for-each-ref | wc -l)" ] || die "bench/$r: refs differ after the mirror push"
done

# --- 4. wait for Hearth's repack (one pack + bitmap per repository) ----------------------------
end=$((SECONDS + REPACK_TIMEOUT))
for r in repo push-hearth; do
  id=${RID[$r]}
  while :; do
    dirs=("$DATA"/repos/*/*/"$id".git)
    [ -d "${dirs[0]}" ] || die "no repository directory for id $id under $DATA/repos"
    packs=$(find "${dirs[0]}/objects/pack" -maxdepth 1 -name '*.pack' | wc -l)
    bitmaps=$(find "${dirs[0]}/objects/pack" -maxdepth 1 -name '*.bitmap' | wc -l)
    [ "$packs" = 1 ] && [ "$bitmaps" = 1 ] && break
    kill -0 "$HPID" 2>/dev/null || die "Hearth died while repacking (see $HLOG)"
    [ $SECONDS -lt $end ] || die "bench/$r: still $packs packs, $bitmaps bitmaps after ${REPACK_TIMEOUT}s"
    sleep 2
  done
  log "bench/$r repacked: ${dirs[0]} ($(grep -m1 "Repacked repository $id " "$HLOG" | sed 's/.* in /in /'))"
done
sleep 3  # let the maintenance thread finish its bookkeeping before measuring

# --- 5. the benchmark ------------------------------------------------------------------------------
mark=$PERF_SCRATCH/.transport-hearth-start; touch "$mark"; sleep 1
log "run-all.sh with hearth=$URL (pid $HPID)"
set +e
EXTRA_PEERS="hearth=$URL,$PUSH_URL,$HPID" "$BENCH_DIR/run-all.sh" 2>&1 | tee "$PERF_SCRATCH/run-all-hearth.log"
rc=${PIPESTATUS[0]}
set -e

# --- 6. stop, summarise ----------------------------------------------------------------------------
alive=no; kill -0 "$HPID" 2>/dev/null && alive=yes
if [ "$KEEP" = 1 ] && [ $alive = yes ]; then log "Hearth kept running: pid $HPID, $H (token in $PERF_SCRATCH/hearth-token)"
  printf '%s\n' "$TOKEN" >"$PERF_SCRATCH/hearth-token"; HPID=""
else stop_hearth; fi

mapfile -t raws < <(find "$PERF_SCRATCH/results" -name raw.tsv -newer "$mark" | sort)
echo
echo "===== transport-hearth: $(date -u +%FT%TZ), run-all.sh exit $rc, Hearth alive at the end: $alive"
for f in "${raws[@]}"; do echo "--- $(dirname "$f")"; cat "$(dirname "$f")/summary.txt" 2>/dev/null || "$BENCH_DIR/summarize.sh" -r apache "$f"; done
if [ "${#raws[@]}" -gt 0 ]; then
  echo
  echo "--- medians and ratios against apache (C git http-backend); set = results dir suffix (p2 / p0)"
  for f in "${raws[@]}"; do
    awk -F'\t' -v set="${f%/raw.tsv}" '
      function med(s,  a, n, i, j, t) { n = split(s, a, " "); if (n == 0) return "";
        for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
      function rat(x, y) { return (x == "" || y == "" || y + 0 == 0) ? "-" : sprintf("%.2f", x / y) }
      FNR == 1 || $3 ~ /^w/ { next }
      { k = $2 SUBSEP $1; if (!($2 in seen)) { seen[$2] = 1; ops[++n] = $2 }
        W[k] = W[k] " " $4; T[$2, $1, $3] = $4; R[k] = R[k] " " $3
        if ($6 != "") S[k] = S[k] " " $6; if ($9 != "" && $9 + 0 > P[k] + 0) P[k] = $9 + 0
        if ($12 != 0) F[k]++; C[k] = $11 }
      END { sub(/.*-/, "", set)
        for (i = 1; i <= n; i++) { o = ops[i]
          wa = med(W[o, "apache"]); sa = med(S[o, "apache"])
          for (pi = 1; pi <= 2; pi++) { p = (pi == 1) ? "hearth" : "jgit"; if (!((o, p) in W)) continue
            rr = ""; nr = split(R[o, p], RP, " ")
            for (x = 1; x <= nr; x++) if (((o, "apache", RP[x]) in T) && T[o, "apache", RP[x]] > 0) rr = rr " " T[o, p, RP[x]] / T[o, "apache", RP[x]]
            printf "%-3s %-9s %-13s wall %7.3f vs %7.3f s, x%5s   srvCPU %5.2f vs %5.2f s, x%5s", set, o, p "/apache",
              med(W[o, p]), wa, (rr == "") ? "-" : sprintf("%.2f", med(rr)), med(S[o, p]), sa, rat(med(S[o, p]), sa)
            if (P[o, p] > 0 && P[o, "apache"] > 0) printf "   PSS %4.0f vs %4.0f MB, x%s", P[o, p] / 1024, P[o, "apache"] / 1024, rat(P[o, p], P[o, "apache"])
            printf "   check %s%s\n", C[o, p], ((o, p) in F) ? "  FAILED x" F[o, p] : "" } } }' "$f"
  done
  echo "(wall: medians, x = median of per-rep ratios; server CPU: medians, x = ratio of medians, \"-\" when apache's is 0;"
  echo " PSS: peak over reps of the server process tree during the concurrent clones; machine shared: see raw.tsv)"
fi
echo
echo "--- Hearth log ($HLOG): $(grep -c . "$HLOG" || true) lines, WARN/ERROR lines:"
grep -E ' (WARN|ERROR) |Exception' "$HLOG" | cut -c1-400 | sort | uniq -c | sort -rn | head -30 || echo "  none"
exit "$rc"
