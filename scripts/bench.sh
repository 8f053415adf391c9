#!/usr/bin/env bash
# Runs the module's benchmarks and prints one compact table; figures are
# reported, never asserted. `make bench` calls this.
#
# Every package with benchmarks is run (found with `go test -list`), each
# with a -benchtime that suits what it measures: one iteration of the batch
# run (a cold run plus a no-change rerun over a synthetic organisation of
# 50, 100 and 200 repositories served on loopback), a few of the
# repository-backed and corpus benchmarks, one second of the small ones.
#
# Environment:
#   BENCH_FILTER        regexp of benchmark names to run (default: all)
#   BENCHTIME           one -benchtime for every package (default: per package)
#   BATCH_REPOS         organisation sizes for BenchmarkBatchRun (default 50,100,200)
#   BENCH_PROFILE_DIR   write a CPU profile per package there and print its top
#   BENCH_RAW           file for the raw `go test` output (default: a temp file)
set -euo pipefail
cd "$(dirname "$0")/.."

filter=${BENCH_FILTER:-.}
raw=${BENCH_RAW:-$(mktemp "${TMPDIR:-/tmp}/distill-bench.XXXXXX")}
: >"$raw"

# benchtime_for prints the -benchtime for a package (import path suffix).
benchtime_for() {
  if [[ -n "${BENCHTIME:-}" ]]; then echo "$BENCHTIME"; return; fi
  case "$1" in
    */internal/pipeline) echo 1x ;;             # minutes: builds and serves 200 git repositories
    */internal/fetch) echo 5x ;;                # clones over loopback HTTP
    */internal/syntax | */internal/lang/*) echo 1x ;;  # the whole Python standard library (~30 MB) per iteration
    */internal/compare | */internal/summary) echo 3x ;;
    *) echo 1s ;;
  esac
}

module=$(go list -m)
status=0
for pkg in $(go list ./...); do
  if ! listing=$(go test -list '^Benchmark' "$pkg" 2>&1); then
    echo "bench: cannot list benchmarks of $pkg:" >&2
    echo "$listing" >&2
    status=1
    continue
  fi
  benches=$(echo "$listing" | grep '^Benchmark' | grep -E -- "$filter" || true)
  [[ -z "$benches" ]] && continue
  short=${pkg#"$module"/}
  bt=$(benchtime_for "$pkg")
  args=(-run='^$' -bench="$filter" -benchmem -benchtime="$bt")
  if [[ -n "${BENCH_PROFILE_DIR:-}" ]]; then
    mkdir -p "$BENCH_PROFILE_DIR"
    prof="$BENCH_PROFILE_DIR/$(echo "$short" | tr / _)"
    args+=(-cpuprofile="$prof.prof" -o "$prof.test")
  fi
  extra=()
  if [[ "$pkg" == */internal/pipeline && -n "${BATCH_REPOS:-}" ]]; then
    extra=(-args -batch.repos="$BATCH_REPOS")
  fi
  echo "bench $short ($(echo "$benches" | wc -l) benchmarks, -benchtime=$bt)" >&2
  if ! go test "${args[@]}" "$pkg" "${extra[@]}" 2>&1 | sed "s|^Benchmark|$short Benchmark|" >>"$raw"; then
    status=1
  fi
  if [[ -n "${BENCH_PROFILE_DIR:-}" && -f "$prof.prof" ]]; then
    go tool pprof -top -nodecount=20 "$prof.test" "$prof.prof" 2>/dev/null | sed -n '1,30p' >"$prof.top.txt" || true
  fi
done

# The table: one line per benchmark, time per iteration made readable, then
# every other metric as value and unit.
awk '
  function human(ns) {
    if (ns >= 1e9) return sprintf("%.2fs", ns / 1e9)
    if (ns >= 1e6) return sprintf("%.1fms", ns / 1e6)
    if (ns >= 1e3) return sprintf("%.1fµs", ns / 1e3)
    return sprintf("%dns", ns)
  }
  $2 ~ /^Benchmark/ {
    name = $1 "." substr($2, 10)
    sub(/-[0-9]+$/, "", name)
    line = sprintf("%-48s %6s %10s", name, $3, human($4))
    for (i = 6; i < NF; i += 2) {
      if ($(i + 1) == "ns/op") continue
      line = line sprintf("  %s %s", $i, $(i + 1))
    }
    print line
  }
' "$raw"
if grep -qE '^(FAIL|panic:|--- FAIL)' "$raw"; then
  echo >&2
  grep -E -A20 '^(FAIL|panic:|--- FAIL)' "$raw" >&2 || true
  status=1
fi
echo "raw output: $raw" >&2
if [[ -n "${BENCH_PROFILE_DIR:-}" ]]; then
  echo "CPU profiles and their top functions: $BENCH_PROFILE_DIR/*.prof, *.top.txt" >&2
fi
exit $status
