#!/usr/bin/env bash
# Runs the module's benchmarks and prints one compact table; figures are
# reported, never asserted. `make bench` calls this.
#
# Every package with benchmarks is run (found with `go test -list`), each
# with a -benchtime that suits what it measures: one iteration of the batch
# run (a cold run plus a no-change rerun over a synthetic organisation of
# 50, 100 and 200 repositories served on loopback; BenchmarkShardedRun,
# the binary over 200 of them unsharded and as 4 shards plus a merge;
# BenchmarkMerge, a merge of synthetic shard outputs of 10,000 services;
# BenchmarkRunVsCloneParse, a cold run of the realworld services plus the
# Python trees of this machine against `git clone --depth 1` of them, eight
# at a time, and a bare parse), a few of the
# repository-backed and corpus benchmarks, one second of the small ones.
#
# Then one large service (generated in a temporary directory, removed on
# exit): BenchmarkLargeService runs a bare tree-sitter parse and a
# distillation of the same files with the same workers, alternately,
# LARGE_RUNS times, and reports the medians, their ratio and the peak
# memory of each; BenchmarkLargeBuild times the build alone (after
# extraction); and `distill dir` on it is timed as a whole process
# (wall time and peak RSS, with /usr/bin/time where there is one).
#
# Environment:
#   BENCH_FILTER        regexp of benchmark names to run (default: all)
#   BENCHTIME           one -benchtime for every package (default: per package)
#   BATCH_REPOS         organisation sizes for BenchmarkBatchRun (default 50,100,200)
#   CLONE_EXTRA         directories served as extra repositories in
#                       BenchmarkRunVsCloneParse (default: /usr/lib/python3*)
#   CLONE_KNOWN         set: BenchmarkRunVsCloneParse times a run that has the
#                       previous run's state (primed output directory, empty
#                       fetch cache), so repository sizes are known
#   CLONE_TIMELINE      set: it prints each service's fetch and distillation
#   MERGE_SERVICES      services of BenchmarkMerge's synthetic shard outputs
#                       (default 10000)
#   MERGE_SHARDS        how many shard outputs BenchmarkMerge merges (default 4)
#   SHARDED_REPOS       organisation size of BenchmarkShardedRun, the binary
#                       run unsharded, as 4 shard processes and a merge,
#                       each measured with /usr/bin/time -v (default 200)
#   BENCH_PROFILE_DIR   write a CPU profile per package there and print its top
#   BENCH_RAW           file for the raw `go test` output (default: a temp file)
#   LARGE_DIR           the large service (default: generated, see large_service)
#   LARGE_RUNS          alternated runs of BenchmarkLargeService (default 3)
#   LARGE_WORKERS       workers of both the parse and the distillation
#                       (default: GOMAXPROCS)
#   LARGE_TS_DIR        the large TypeScript/JavaScript body of
#                       BenchmarkLargeServiceTypeScript (default: effect's
#                       sources and typeorm's build, from npm; see ts_corpus)
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
  if [[ "$pkg" == */internal/pipeline ]]; then
    [[ -n "${BATCH_REPOS:-}" ]] && extra+=(-batch.repos="$BATCH_REPOS")
    [[ -n "${MERGE_SERVICES:-}" ]] && extra+=(-merge.services="$MERGE_SERVICES")
    [[ -n "${MERGE_SHARDS:-}" ]] && extra+=(-merge.shards="$MERGE_SHARDS")
    [[ -n "${SHARDED_REPOS:-}" ]] && extra+=(-sharded.repos="$SHARDED_REPOS")
    # BenchmarkRunVsCloneParse: the realworld services and, as large
    # repositories, the Python trees of this machine (CLONE_EXTRA overrides).
    clone_extra=${CLONE_EXTRA:-$(ls -d /usr/lib/python3* 2>/dev/null | paste -sd, -)}
    [[ -n "$clone_extra" ]] && extra+=(-clone.extra="$clone_extra")
    [[ -n "${CLONE_KNOWN:-}" ]] && extra+=(-clone.known)
    [[ -n "${CLONE_TIMELINE:-}" ]] && extra+=(-clone.timeline)
    ((${#extra[@]})) && extra=(-args "${extra[@]}")
  fi
  echo "bench $short ($(echo "$benches" | wc -l) benchmarks, -benchtime=$bt)" >&2
  if ! go test "${args[@]}" "$pkg" "${extra[@]}" 2>&1 | sed "s|^Benchmark|$short Benchmark|" >>"$raw"; then
    status=1
  fi
  if [[ -n "${BENCH_PROFILE_DIR:-}" && -f "$prof.prof" ]]; then
    go tool pprof -top -nodecount=20 "$prof.test" "$prof.prof" 2>/dev/null | sed -n '1,30p' >"$prof.top.txt" || true
  fi
done

# large_service fills directory $1 with a large Python service: every
# Python file under /usr/lib/python3* below 1 MiB (the standard library
# and the installed packages, ~28 MB on a Debian machine), topped up with
# copies of the real-world services of testdata/realworld to at least
# 20 MB.
large_service() {
  local dir=$1 i=0
  if compgen -G '/usr/lib/python3*' >/dev/null; then
    (cd /usr/lib && find python3* -name '*.py' -size -1024k -print0 | tar --null -cf - -T -) | tar -xf - -C "$dir"
  fi
  while (($(du -sb --apparent-size "$dir" | cut -f1) < 20000000)); do
    i=$((i + 1))
    for src in testdata/realworld/*/src; do
      mkdir -p "$dir/copy$i/$(basename "$(dirname "$src")")"
      cp -r "$src/." "$dir/copy$i/$(basename "$(dirname "$src")")/"
    done
  done
}

if [[ "BenchmarkLargeService" =~ $filter || "BenchmarkLargeBuild" =~ $filter || "BenchmarkDirLarge" =~ $filter ]]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/distill-large.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  large=${LARGE_DIR:-}
  if [[ -z "$large" ]]; then
    large="$work/service"
    mkdir -p "$large"
    large_service "$large"
  fi
  src_bytes=$(find "$large" -name '*.py' -size -1024k -print0 | du -cb --apparent-size --files0-from=- | tail -1 | cut -f1)
  echo "bench large service: $large, $(find "$large" -name '*.py' | wc -l) Python files, $((src_bytes / 1000000)) MB" >&2
  if [[ "BenchmarkLargeService" =~ $filter ]]; then
    args=(-run='^$' -bench='^BenchmarkLargeService$' -benchtime="${LARGE_RUNS:-3}x")
    if [[ -n "${BENCH_PROFILE_DIR:-}" ]]; then
      prof="$BENCH_PROFILE_DIR/large_service"
      args+=(-cpuprofile="$prof.prof" -o "$prof.test")
    fi
    if ! go test "${args[@]}" ./internal/distill -args -large.dir="$large" -large.workers="${LARGE_WORKERS:-0}" 2>&1 |
      sed "s|^Benchmark|internal/distill Benchmark|" >>"$raw"; then
      status=1
    fi
    if [[ -n "${BENCH_PROFILE_DIR:-}" && -f "$prof.prof" ]]; then
      go tool pprof -top -nodecount=20 "$prof.test" "$prof.prof" 2>/dev/null | sed -n '1,30p' >"$prof.top.txt" || true
    fi
  fi
  if [[ "BenchmarkLargeBuild" =~ $filter ]]; then
    # The build alone (after extraction), on the worker budget.
    if ! go test -run='^$' -bench='^BenchmarkLargeBuild$' -benchtime="${LARGE_RUNS:-3}x" ./internal/distill \
      -args -large.dir="$large" -large.workers="${LARGE_WORKERS:-0}" 2>&1 |
      sed "s|^Benchmark|internal/distill Benchmark|" >>"$raw"; then
      status=1
    fi
  fi
  if [[ "BenchmarkDirLarge" =~ $filter && -x /usr/bin/time ]]; then
    # The whole process, as a user runs it; printed as a benchmark line.
    go build -o "$work/distill" ./cmd/distill
    if /usr/bin/time -f '%e %M' -o "$work/time" "$work/distill" dir "$large" -o "$work/spec.allium" 2>/dev/null; then
      read -r secs kb <"$work/time"
      awk -v s="$secs" -v kb="$kb" -v src="$src_bytes" 'BEGIN {
        printf "cmd/distill BenchmarkDirLarge 1 %.0f ns/op %.2f s %.1f rss-MB %.2f src-MB %.1f rss-x-src\n",
          s * 1e9, s, kb * 1024 / 1e6, src / 1e6, kb * 1024 / src
      }' >>"$raw"
    else
      echo "bench: distill dir $large failed" >&2
      status=1
    fi
  fi
fi

# ts_corpus fills directory $1 with a large body of real TypeScript and
# JavaScript from the npm registry: the TypeScript sources effect ships
# (src/, ~5.7 MB) and typeorm's JavaScript build (~5.7 MB). It fails when
# npm or the registry is not there.
ts_corpus() {
  local dir=$1 pkg
  command -v npm >/dev/null || return 1
  for pkg in effect@3.10.0 typeorm@0.3.20; do
    mkdir -p "$dir/${pkg%@*}"
    (cd "$dir" && npm pack --silent "$pkg" >/dev/null 2>&1) || return 1
    tar -xzf "$dir"/"${pkg%@*}"-*.tgz -C "$dir/${pkg%@*}" --strip-components=1 || return 1
    rm -f "$dir"/"${pkg%@*}"-*.tgz
  done
  # Declarations and source maps are not code a service runs.
  find "$dir" \( -name '*.d.ts' -o -name '*.map' \) -delete
}

# BenchmarkLargeService again on TypeScript/JavaScript (issue 13), reported
# as BenchmarkLargeServiceTypeScript; LARGE_TS_DIR overrides the corpus.
if [[ "BenchmarkLargeServiceTypeScript" =~ $filter ]]; then
  tswork=$(mktemp -d "${TMPDIR:-/tmp}/distill-large-ts.XXXXXX")
  large_ts=${LARGE_TS_DIR:-}
  if [[ -z "$large_ts" ]] && ts_corpus "$tswork"; then
    large_ts=$tswork
  fi
  if [[ -n "$large_ts" ]]; then
    echo "bench large TypeScript service: $large_ts, $(find "$large_ts" -type f \( -name '*.ts' -o -name '*.js' -o -name '*.tsx' -o -name '*.mjs' -o -name '*.cjs' \) | wc -l) files" >&2
    if ! go test -run='^$' -bench='^BenchmarkLargeService$' -benchtime="${LARGE_RUNS:-3}x" ./internal/distill \
      -args -large.dir="$large_ts" -large.workers="${LARGE_WORKERS:-0}" 2>&1 |
      sed "s|^BenchmarkLargeService|internal/distill BenchmarkLargeServiceTypeScript|" >>"$raw"; then
      status=1
    fi
  else
    echo "bench: no TypeScript corpus (npm pack failed; set LARGE_TS_DIR); BenchmarkLargeServiceTypeScript skipped" >&2
  fi
  rm -rf "$tswork"
fi

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
