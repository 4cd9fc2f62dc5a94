# tpsctl — the two commands that set up everything on a fresh machine are `make test` and `make demo`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
SWIFT ?= swift
TESTENV := scripts/testenv
# Each test target runs in its own process: on a 2-core machine one suite's blocking work
# (subprocesses, gzip, psql) must not starve another suite's event-loop timeouts.
TEST_TARGETS := AWSSigV4Tests AWSClientTests StackTests ProvisioningTests StagesTests \
	ContainerImageTests TicketingTests RedisClientTests DatabaseMigrationsTests PublicAPITests \
	ConfirmAPITests ConfirmWorkerTests

.PHONY: help deps test test-env-start test-env-stop demo demo-stop build bench plan up down \
	00-network 01-ecr 02-cluster 03-dataplane 04-taskdefs 05-services 06-autoscaling 07-cloudfront 08-db-init all

# The stack the seed-named targets act on, and extra flags (e.g. REGIONS="--region ap-northeast-1").
STACK ?= stacks/max-tps.yaml
REGIONS ?= --all-regions
TPSCTL := .build/debug/tpsctl

help:
	@echo "make test   install what the tests need, start the local servers, run every test, stop them"
	@echo "make demo   start the local AWS and run tpsctl against it"
	@echo "make bench  run the benchmarks (ratios against a reference measured in the same run)"
	@echo "make plan | up | down | all | 00-network | 01-ecr | 02-cluster | 03-dataplane | 04-taskdefs | 05-services"
	@echo "     | 06-autoscaling | 07-cloudfront | 08-db-init   (STACK=..., REGIONS=...)"

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
	if [ $$rc -eq 0 ]; then $(SWIFT) build --build-tests || rc=$$?; fi; \
	if [ $$rc -eq 0 ]; then for t in $(TEST_TARGETS); do \
	  echo "== $$t"; $(SWIFT) test --skip-build --filter "$$t" || rc=1; done; fi; \
	$(TESTENV) stop; exit $$rc

test-env-start: deps
	$(TESTENV) start

test-env-stop:
	$(TESTENV) stop

## The local run: local AWS (+ Redis, PostgreSQL, registry), then stages 00-03 of
## stacks/local.yaml in both regions, a no-change plan, and the recorded outputs.
demo: deps
	$(TESTENV) start
	$(SWIFT) build --product tpsctl
	source .testenv/env && $(TPSCTL) whoami --region ap-northeast-1 --region ap-northeast-2
	$(TPSCTL) build --stack stacks/local.yaml
	source .testenv/env && $(TPSCTL) up --stack stacks/local.yaml --all-regions --to 03
	source .testenv/env && $(TPSCTL) plan --stack stacks/local.yaml --all-regions --to 03 --detailed-exitcode
	source .testenv/env && $(TPSCTL) outputs --stack stacks/local.yaml --all-regions
	@echo "local servers are still running; tear down and stop them with: make demo-stop"

demo-stop:
	-source .testenv/env && $(TPSCTL) down --stack stacks/local.yaml --all-regions --to 03 --yes
	$(TESTENV) stop

$(TPSCTL): build

## Benchmarks: each script measures a reference in the same run and prints ratios.
bench: deps
	scripts/bench-redis.sh
	source .testenv/env && scripts/bench-provision.sh

plan: $(TPSCTL)
	$(TPSCTL) plan --stack $(STACK) $(REGIONS)
up: $(TPSCTL)
	$(TPSCTL) up --stack $(STACK) $(REGIONS)
down: $(TPSCTL)
	$(TPSCTL) down --stack $(STACK) $(REGIONS)
00-network: $(TPSCTL)
	$(TPSCTL) up --stack $(STACK) $(REGIONS) --stage 00
01-ecr: $(TPSCTL)
	$(TPSCTL) up --stack $(STACK) $(REGIONS) --stage 01
02-cluster: $(TPSCTL)
	$(TPSCTL) up --stack $(STACK) $(REGIONS) --stage 02
03-dataplane: $(TPSCTL)
	$(TPSCTL) up --stack $(STACK) $(REGIONS) --stage 03
04-taskdefs: $(TPSCTL)
	$(TPSCTL) up --stack $(STACK) $(REGIONS) --stage 04
05-services: $(TPSCTL)
	$(TPSCTL) up --stack $(STACK) $(REGIONS) --stage 05
06-autoscaling: $(TPSCTL)
	$(TPSCTL) up --stack $(STACK) $(REGIONS) --stage 06
## CloudFront reads every region's ALB: run it with all of the stack's regions (the default).
07-cloudfront: $(TPSCTL)
	$(TPSCTL) up --stack $(STACK) $(REGIONS) --stage 07
08-db-init: $(TPSCTL)
	$(TPSCTL) up --stack $(STACK) $(REGIONS) --stage 08
## Every stage, 00-network through 08-db-init, in order.
all: $(TPSCTL)
	$(TPSCTL) up --stack $(STACK) $(REGIONS) --from 00 --to 08
