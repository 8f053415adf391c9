#!/bin/sh
# Builds the distill binary of the container image: the Dockerfile runs this
# script, and internal/pipelinescheck runs it too, so the flags the tests
# check are the flags the image ships with.
#
# tree-sitter's grammars are C, so cgo stays on; the binary is still linked
# statically (-extldflags -static) so that it runs on distroless/static with
# no libc. The netgo and osusergo tags keep glibc's NSS out of the static
# link: with them Go resolves hosts and users itself, and the linker does
# not warn that getaddrinfo/getpwnam need the shared glibc at run time.
# -trimpath keeps the build machine's paths out of the binary and out of
# its build info.
#
# Usage: build-static.sh OUTPUT   (run from the repository root)
set -eu
out=${1:?usage: build-static.sh OUTPUT}
CGO_ENABLED=1 exec go build \
  -trimpath \
  -tags 'netgo osusergo' \
  -ldflags '-s -w -linkmode external -extldflags -static' \
  -o "$out" ./cmd/distill
