# docconform — make targets. `make test` is what CI runs (.ci/run).
GO       ?= go
FUZZTIME ?= 15s
BENCH    ?= .

.PHONY: all build test bench fuzz lint

all: lint test

build:
	$(GO) build ./...

# Every test, with the race detector.
test:
	$(GO) test -race -count=1 ./...

# Benchmarks, with allocation figures. Narrow with BENCH=Extract.
bench:
	$(GO) test -run='^$$' -bench='$(BENCH)' -benchmem ./...

# Every fuzz target for FUZZTIME each (short and bounded; go test fuzzes one target at a time).
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list='^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$t"; \
	    $(GO) test -run='^$$' -fuzz="^$$t\$$" -fuzztime=$(FUZZTIME) $$pkg; \
	  done; \
	done

# gofmt and go vet must be clean.
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
