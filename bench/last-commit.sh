#!/usr/bin/env bash
# last-commit.sh: "last commit of every entry" of a tree page (issue 6), timed on a generated history.
#
# Steps:
#   1. once: generates $LC_SCRATCH/gen.git with `git fast-import` from bench/LastCommitRepo.java
#      (deterministic: 50,000 commits with merges, folder big/ of 1,200 entries; see that file), then
#      repacks it with JGit's GC as Hearth's maintenance does (one pack with a bitmap)
#   2. times, with bench/LastCommitBench.java against the built classes (server/target/classes + lib/*),
#      in JVMs started with ./hearth's options (-Xmx320m, SerialGC) and Hearth's JGit cache sizes:
#        naive      one RevWalk with a path filter per entry (`git log -1 -- big/<entry>`), in one JVM
#        first      LastCommits in a new JVM: open the repository, compute the page (cold JIT, empty caches)
#        fresh      new LastCommits + newly opened repository per run, in one JVM (empty caches, warm JIT)
#        warm       the same LastCommits again (its cache)
#        push       answer at main~10 cached, then main (the page after a push of 10 commits)
#      each without a commit-graph, then with the one maintenance writes (its write time is printed too)
#   3. checks LastCommits against the naive walk's answers (entry by entry), prints the table
# It builds nothing: build first (./mvnw -q -B -DskipTests package). All data goes under $LC_SCRATCH.
# CPU figures are the measuring thread's CPU time; the machine may be shared, so wall times vary more.
#
# Usage: bench/last-commit.sh [-r RUNS] [-c COLD_JVMS] [-n NAIVE_RUNS] [-s K] [-N] [-g] [-h]
#   -r RUNS        runs for fresh/warm/push (default 7)
#   -c COLD_JVMS   JVMs started for "first" (default 5)
#   -n NAIVE_RUNS  runs of the naive walk (default 1; all 1,200 entries take tens of minutes)
#   -s K           naive walk on every K-th entry only, time multiplied by K (default 1: all entries)
#   -N             skip the naive walk and the check against it
#   -g             also check every entry against the git CLI (`git log -1 --format=%H main -- big/<entry>`)
#   -h             this help
# Env: JAVA_HOME    a JDK 25+ (default: found as ./hearth finds it)
#      LC_SCRATCH   scratch root (default bench/target/last-commit in this project)
#      COMMITS      commits to generate (default 50000); changing it needs a new LC_SCRATCH
set -euo pipefail

usage() { sed -n '2,/^set -e/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; }
HERE=$(cd "$(dirname "$0")" && pwd)
PROJECT=$(cd "$HERE/.." && pwd)
RUNS=7 COLD=5 NAIVE=1 SAMPLE=1 SKIP_NAIVE=0 GIT_CHECK=0
while getopts "r:c:n:s:Ngh" o; do
  case $o in
    r) RUNS=$OPTARG ;; c) COLD=$OPTARG ;; n) NAIVE=$OPTARG ;; s) SAMPLE=$OPTARG ;; N) SKIP_NAIVE=1 ;; g) GIT_CHECK=1 ;;
    h) usage; exit 0 ;; *) usage >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || { usage >&2; exit 2; }

die() { echo "last-commit: error: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

find_jdk() {
  for d in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$d" ] && [ -x "$d/bin/javac" ] || continue
    v=$("$d/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    [ "${v%%.*}" -ge 25 ] 2>/dev/null && { echo "$d"; return 0; }
  done
  return 1
}
JAVA_HOME=$(find_jdk) || die "no JDK 25 or newer found (set JAVA_HOME)"
JAVA=$JAVA_HOME/bin/java
CLASSES=$PROJECT/server/target/classes LIB=$PROJECT/server/target/lib
[ -f "$CLASSES/dev/hearth/browse/LastCommits.class" ] && [ -d "$LIB" ] \
  || die "build first: (cd $PROJECT && ./mvnw -q -B -DskipTests package)"
CP="$CLASSES:$LIB/*"
JOPTS=(-Xms64m -Xmx320m -XX:+UseSerialGC)
S=${LC_SCRATCH:-$HERE/target/last-commit}
REPO=$S/gen.git
COMMITS=${COMMITS:-50000}
RESULTS=$S/results.txt
mkdir -p "$S"

bench() { "$JAVA" "${JOPTS[@]}" -cp "$CP" "$HERE/LastCommitBench.java" --git-dir "$REPO" --dir big "$@" 2>&1 | grep -v '^SLF4J' || true; }

if [ ! -f "$REPO/generated" ]; then
  rm -rf "$REPO"
  git init -q --bare "$REPO"
  log "generating $COMMITS commits with git fast-import into $REPO"
  "$JAVA" "$HERE/LastCommitRepo.java" --commits "$COMMITS" | git -C "$REPO" fast-import --quiet
  log "repacking with JGit's GC (as Hearth's maintenance does)"
  bench --what repack >&2
  # GC.repack keeps the packs it replaced for a while (pack expiry); the bench wants the one it wrote.
  for idx in "$REPO"/objects/pack/*.idx; do
    [ -f "${idx%.idx}.bitmap" ] || rm -f "${idx%.idx}".*
  done
  touch "$REPO/generated"
fi
log "repository: $(git -C "$REPO" rev-list --count main) commits on main, $(git -C "$REPO" ls-tree main big/ | wc -l) entries in big/"

: > "$RESULTS"
run() { # label, harness args...
  local label=$1 out; shift
  log "$label $*"
  out=$(bench "$@")
  echo "$out" >&2
  echo "$out" | sed -n "s/^RESULT /$label /p" >> "$RESULTS"
}

bench --what drop-graph
if [ "$SKIP_NAIVE" = 0 ]; then
  run "naive" --what naive --runs "$NAIVE" --sample "$SAMPLE" --answers "$S/naive-answers.txt"
fi
for i in $(seq "$COLD"); do run "no-graph" --what first; done
run "no-graph" --what fresh --runs "$RUNS"
run "no-graph" --what warm --runs "$RUNS"
run "no-graph" --what push --runs "$RUNS"
run "graph" --what write-graph
run "graph-rewrite" --what write-graph
for i in $(seq "$COLD"); do run "graph" --what first; done
run "graph" --what fresh --runs "$RUNS"
run "graph" --what warm --runs "$RUNS"
run "graph" --what push --runs "$RUNS"
if [ "$SKIP_NAIVE" = 0 ]; then
  run "check" --what verify --answers "$S/naive-answers.txt"
fi
if [ "$GIT_CHECK" = 1 ]; then
  log "git log -1 for every entry (the git CLI, one process per entry)"
  git -C "$REPO" ls-tree --name-only main big/ | while IFS= read -r p; do
    printf '%s %s\n' "$(git -C "$REPO" log -1 --format=%H main -- ":(literal)$p")" "${p#big/}"
  done > "$S/git-answers.txt"
  run "git-check" --what verify --answers "$S/git-answers.txt"
fi

echo
echo "== last commit of 1,200 entries in big/ ($(git -C "$REPO" rev-list --count main) commits); ms, medians over runs =="
printf '%-14s %-12s %6s %10s %8s %8s %12s\n' setup what runs median_ms p90_ms cpu_ms entries
awk '
  $2 ~ /^first/ { key = $1 SUBSEP $2; n[key]++; v[key, n[key]] = $4; c[key, n[key]] = $8; next }
  $2 == "write-graph" || $2 == "verify" || $2 == "repack" { print; next }
  { w = ""; for (i = 3; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    printf "%-14s %-12s %6s %10s %8s %8s %12s\n", $1, $2, f["runs"], f["median_ms"], f["p90_ms"], f["cpu_median_ms"], f["entries"] }
  END {
    for (key in n) {
      m = n[key]; for (i = 1; i <= m; i++) { split(v[key, i], kv, "="); a[i] = kv[2] + 0 }
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      med = a[int((m + 1) / 2)]; p90 = a[int(m * 0.9 + 0.999)]
      for (i = 1; i <= m; i++) { split(c[key, i], kv, "="); a[i] = kv[2] + 0 }
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      split(key, kk, SUBSEP)
      printf "%-14s %-12s %6s %10s %8s %8s %12s\n", kk[1], kk[2] "(JVM)", m, med, p90, a[int((m + 1) / 2)], 1200
    }
  }' "$RESULTS"
