# tpsctl — the two commands that set up everything on a fresh machine are `make test` and `make demo`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
SWIFT ?= swift
TESTENV := scripts/testenv
# Each test target runs in its own process: on a 2-core machine one suite's blocking work
# (subprocesses, gzip, psql) must not starve another suite's event-loop timeouts.
TEST_TARGETS := AWSSigV4Tests AWSClientTests StackTests ProvisioningTests StagesTests \
	ContainerImageTests TicketingTests RedisClientTests DatabaseMigrationsTests PublicAPITests \
	ConfirmAPITests ConfirmWorkerTests E2EScenarioTests ServiceRuntimeTests LoadFiguresTests

.PHONY: help deps test test-env-start test-env-stop demo demo-stop e2e schemathesis build bench plan up down \
	00-network 01-ecr 02-cluster 03-dataplane 04-taskdefs 05-services 06-autoscaling 07-cloudfront 08-db-init all

# The stack the seed-named targets act on, and extra flags (e.g. REGIONS="--region ap-northeast-1").
STACK ?= stacks/max-tps.yaml
REGIONS ?= --all-regions
TPSCTL := .build/debug/tpsctl

help:
	@echo "make test   install what the tests need, start the local servers, run every test, stop them"
	@echo "make demo   start the local servers, stages 00-03, the three services, run the E2E scenario once"
	@echo "make e2e | schemathesis   the E2E scenario / schemathesis against the running demo"
	@echo "make bench  run the benchmarks (ratios against a reference measured in the same run; after make demo)"
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
	if [ $$rc -eq 0 ]; then scripts/check-service-imports.sh || rc=$$?; fi; \
	if [ $$rc -eq 0 ]; then $(SWIFT) build --build-tests || rc=$$?; fi; \
	if [ $$rc -eq 0 ]; then for t in $(TEST_TARGETS); do \
	  echo "== $$t"; $(SWIFT) test --skip-build --filter "$$t" || rc=1; done; fi; \
	$(TESTENV) stop; exit $$rc

test-env-start: deps
	$(TESTENV) start

test-env-stop:
	$(TESTENV) stop

## The local run: local AWS, Redis, PostgreSQL (+ registry); the services' debug build (the objects
## `make test` already compiled; `tpsctl build` defaults to static release builds for deployments) and
## their images; stages 00-03 of stacks/local.yaml in
## both regions (queues, seat-lock table) and a no-change plan; migrations and seed; the three
## services as processes (scripts/demo-services) with ap-northeast-1's generated environment;
## then the E2E scenario once. Everything keeps running until `make demo-stop`.
DEMO_RESULT ?= infra/out/e2e-result.json
demo: deps
	$(TESTENV) start
	$(SWIFT) build --product tpsctl
	source .testenv/env && $(TPSCTL) whoami --region ap-northeast-1 --region ap-northeast-2
	$(TPSCTL) build --stack stacks/local.yaml --configuration debug
	source .testenv/env && $(TPSCTL) up --stack stacks/local.yaml --all-regions --to 03
	source .testenv/env && $(TPSCTL) plan --stack stacks/local.yaml --all-regions --to 03 --detailed-exitcode
	source .testenv/env && $(TPSCTL) outputs --stack stacks/local.yaml --all-regions
	source .testenv/env && $(TPSCTL) db-init --database-url "$$TPS_DATABASE_URL" --stack stacks/local.yaml
	scripts/demo-services start ap-northeast-1
	eval "$$(scripts/demo-services urls)" && \
	  $(TPSCTL) e2e --public "$$PUBLIC_URL" --confirm "$$CONFIRM_URL" --webhook-secret-file .testenv/demo/webhook-secret \
	    --output $(DEMO_RESULT) || { echo "e2e failed; services still run (logs: .testenv/log/); stop everything with: make demo-stop"; exit 1; }
	@echo "services and local servers are still running; stop everything with: make demo-stop"

## Against the running demo (make demo): the E2E scenario again, and schemathesis against the
## contract (not part of `make test`: with stages 00-03 and three services to start it takes
## longer than the ~3 minutes budgeted there).
e2e: $(TPSCTL)
	eval "$$(scripts/demo-services urls)" && $(TPSCTL) e2e --public "$$PUBLIC_URL" --confirm "$$CONFIRM_URL" \
	  --webhook-secret-file .testenv/demo/webhook-secret --output $(DEMO_RESULT)
schemathesis:
	scripts/schemathesis.sh

## Stops the services, tears stages 00-03 down and stops the local servers, whatever is running.
demo-stop:
	-scripts/demo-services stop
	-source .testenv/env && $(TPSCTL) down --stack stacks/local.yaml --all-regions --to 03 --yes
	$(TESTENV) stop

$(TPSCTL): build

## Benchmarks: each script measures a reference in the same run and prints ratios.
## bench-services needs the local servers, stages 00-03 and the seed: run `make demo` first.
## bench-alb needs a local deployment through stage 05 with `tpsctl local-dataplane` serving it.
bench: deps
	scripts/bench-redis.sh
	source .testenv/env && scripts/bench-provision.sh
	scripts/bench-services.sh
	scripts/bench-alb.sh

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
