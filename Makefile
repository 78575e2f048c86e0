# docconform — make targets. `make test` is what CI runs (.ci/run).
GO       ?= go
FUZZTIME ?= 15s
# go test minimizes every new interesting input for up to 60s by default: in a short run
# that leaves next to no time for fuzzing.
FUZZMINIMIZETIME ?= 5s
BENCH    ?= .

.PHONY: all build test golden bench fuzz lint

all: lint test

build:
	$(GO) build ./...

# Every test, with the race detector.
test:
	$(GO) test -race -count=1 ./...

# The packages whose tests compare with golden files through fixtures.Golden or have
# testscript rewrite their scripts (fixtures.Updating). -update is a flag of the package
# fixtures, so a package whose tests do not import it rejects the flag: not go test ./....
GOLDEN_PKGS = $(sort $(dir $(shell grep -rlwE --include='*_test.go' 'fixtures[.](Golden|Updating)' .)))

# Rewrite every golden file that differs from what the tests now produce; review the diff.
golden:
	$(GO) test -count=1 $(GOLDEN_PKGS) -update

# Benchmarks, with allocation figures. Narrow with BENCH=Extract.
bench:
	$(GO) test -run='^$$' -bench='$(BENCH)' -benchmem ./...

# Every fuzz target for FUZZTIME each (short and bounded; go test fuzzes one target at a time).
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list='^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$t"; \
	    $(GO) test -run='^$$' -fuzz="^$$t\$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=$(FUZZMINIMIZETIME) $$pkg; \
	  done; \
	done

# gofmt and go vet must be clean.
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
