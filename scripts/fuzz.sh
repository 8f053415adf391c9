#!/usr/bin/env bash
# Runs every fuzz target in the module for the given time (default 10s).
# `go test -fuzz` accepts one target per run, so targets are found with
# `go test -list` and run one by one.
set -euo pipefail
fuzztime=${1:-10s}
# Minimising a new interesting input runs the target for up to 60 s by
# default; when the fuzz time ends during that, go test fails with "context
# deadline exceeded" although nothing was found (seen on FuzzDistill, whose
# inputs take ~20 ms each). A bounded count keeps the short CI pass honest;
# FUZZMINIMIZE=60s restores the default for long runs.
minimize=${FUZZMINIMIZE:-10x}
for pkg in $(go list ./...); do
  for target in $(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true); do
    echo "fuzz $pkg $target ($fuzztime)"
    go test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" -fuzzminimizetime="$minimize" "$pkg" >/tmp/fuzz.$$.log 2>&1 || { cat /tmp/fuzz.$$.log; rm -f /tmp/fuzz.$$.log; exit 1; }
  done
done
rm -f /tmp/fuzz.$$.log
echo "fuzz: all targets passed"
