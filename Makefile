# tpsctl — the two commands that set up everything on a fresh machine are `make test` and `make demo`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
SWIFT ?= swift
TESTENV := scripts/testenv

.PHONY: help deps test test-env-start test-env-stop demo demo-stop build bench

help:
	@echo "make test   install what the tests need, start the local servers, run every test, stop them"
	@echo "make demo   start the local AWS and run tpsctl against it"
	@echo "make bench  run the benchmarks (ratios against references measured in the same run)"

## Installs apt/PyPI packages the tests and the demo need (idempotent).
deps:
	$(TESTENV) deps

build:
	$(SWIFT) build

## Starts the servers, runs the suites, stops the servers whatever happened.
test: deps
	@set -o pipefail; \
	$(TESTENV) start || { $(TESTENV) stop; exit 1; }; \
	source .testenv/env; rc=0; \
	$(TESTENV) selftest || rc=$$?; \
	if [ $$rc -eq 0 ]; then $(SWIFT) build --build-tests && $(SWIFT) test --skip-build || rc=$$?; fi; \
	$(TESTENV) stop; exit $$rc

test-env-start: deps
	$(TESTENV) start

test-env-stop:
	$(TESTENV) stop

demo: deps
	$(TESTENV) start
	$(SWIFT) build --product tpsctl
	source .testenv/env && .build/debug/tpsctl whoami --region ap-northeast-1 && .build/debug/tpsctl whoami --region ap-northeast-2
	@echo "local servers are still running; stop them with: make demo-stop"

demo-stop:
	$(TESTENV) stop
