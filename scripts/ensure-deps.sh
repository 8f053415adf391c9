#!/usr/bin/env bash
# Installs the system packages distill's build and tests need, when missing:
# a C compiler (tree-sitter grammars are C, built through cgo) and git (the
# tests serve fixture repositories with `git http-backend` over loopback).
# It installs through apt-get when run as root on Debian/Ubuntu and otherwise
# says what to install. It does nothing when everything is present.
set -euo pipefail

missing=()
command -v gcc >/dev/null 2>&1 || command -v cc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
if ! command -v git >/dev/null 2>&1; then
  missing+=(git)
elif [ ! -x "$(git --exec-path)/git-http-backend" ]; then
  missing+=(git)
fi
command -v go >/dev/null 2>&1 || { echo "ensure-deps: Go 1.26 or newer is required (https://go.dev/dl/)" >&2; exit 1; }

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-deps: installing ${missing[*]}" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "ensure-deps: please install: ${missing[*]}" >&2
  exit 1
fi
