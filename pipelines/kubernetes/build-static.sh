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
# its build info. The cloud tag builds in the s3, gs and azblob drivers of
# bucket outputs (--out s3://...), which the image needs and a plain build
# leaves out; DISTILL_BUILD_TAGS replaces the tags (internal/pipelinescheck
# drops cloud: those SDKs take minutes to compile, and they change nothing
# the test checks about the link).
#
# Usage: build-static.sh OUTPUT   (run from the repository root)
set -eu
out=${1:?usage: build-static.sh OUTPUT}
tags=${DISTILL_BUILD_TAGS:-netgo osusergo cloud}
CGO_ENABLED=1 exec go build \
  -trimpath \
  -tags "$tags" \
  -ldflags '-s -w -linkmode external -extldflags -static' \
  -o "$out" ./cmd/distill
