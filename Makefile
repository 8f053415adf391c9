# distill — everyday commands. `make run` and `make test` do all the set-up
# they need on a fresh machine (scripts/ensure-deps.sh installs a C compiler
# and git when missing; Go modules come from the module proxy).

GO       ?= go
FUZZTIME ?= 10s

.PHONY: all deps build run test vet fuzz bench score clean

all: build

deps:
	@./scripts/ensure-deps.sh

build: deps
	$(GO) build -o bin/distill ./cmd/distill

# The main job on the built-in example manifest: the fixture services under
# testdata/services, outputs in ./out.
run: deps
	$(GO) run ./cmd/distill run

# The reference Allium checker, where CI keeps it beside the checkout. When it
# is there (and ALLIUM_BIN is not set already) the test target exports
# ALLIUM_BIN so the conformance tests of internal/allium run against it;
# elsewhere they skip with a message.
ALLIUM_REF := $(abspath $(dir $(abspath $(lastword $(MAKEFILE_LIST))))../shared/tools/allium)

# Everything CI runs: static checks, the whole test suite with the race
# detector, and a short pass of every fuzz target. The distiller's package
# takes minutes under the race detector, and went past go test's default
# timeout of 10 minutes on a loaded 2-core machine; the timeout is set
# well above it.
test: deps vet
	@if [ -z "$$ALLIUM_BIN" ] && [ -x "$(ALLIUM_REF)" ]; then export ALLIUM_BIN="$(ALLIUM_REF)"; fi; \
	echo "$(GO) test -race -count=1 -timeout 45m ./...$${ALLIUM_BIN:+   (ALLIUM_BIN=$$ALLIUM_BIN)}"; \
	$(GO) test -race -count=1 -timeout 45m ./...
	$(MAKE) --no-print-directory fuzz FUZZTIME=$(FUZZTIME)

vet:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# Each fuzz target for FUZZTIME (go test runs one -fuzz target at a time).
fuzz:
	@./scripts/fuzz.sh $(FUZZTIME)

# Benchmarks on realistic corpora (the Python standard library, the Allium
# corpus, a synthetic organisation of 200 repositories served on loopback,
# and one large service generated in a temporary directory: distill against
# a bare tree-sitter parse of the same files with the same workers, and
# peak memory); figures are printed as a table, never asserted. See
# scripts/bench.sh for BENCH_FILTER, BATCH_REPOS, BENCH_PROFILE_DIR and the
# LARGE_* settings.
bench: deps
	./scripts/bench.sh

# Fidelity on real code: distils every service under testdata/realworld,
# scores it against its hand-written expected.allium and prints precision
# and recall per category (internal/score). Fails only on the sanity checks,
# and on issue 9's floors once internal/score enforces them.
score: deps
	$(GO) test ./internal/score -run 'TestRealWorld$$' -v -count=1

clean:
	rm -rf bin out
