# tpsctl — the two commands that set up everything on a fresh machine are `make test` and `make demo`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
SWIFT ?= swift
TESTENV := scripts/testenv
# Each test target runs in its own process: on a 2-core machine one suite's blocking work
# (subprocesses, gzip, psql) must not starve another suite's event-loop timeouts.
TEST_TARGETS := AWSSigV4Tests AWSClientTests StackTests ProvisioningTests StagesTests TpsctlCLITests \
	ContainerImageTests TicketingTests RedisClientTests DatabaseMigrationsTests PublicAPITests \
	ConfirmAPITests ConfirmWorkerTests E2EScenarioTests ServiceRuntimeTests LoadFiguresTests CapacityTests

.PHONY: help deps test test-env-start test-env-stop demo demo-stop e2e schemathesis build bench plan up down \
	00-network 01-ecr 02-cluster 03-dataplane 04-taskdefs 05-services 06-autoscaling 07-cloudfront 08-db-init all

# The stack the seed-named targets act on, and extra flags (e.g. REGIONS="--region ap-northeast-1").
STACK ?= stacks/max-tps.yaml
REGIONS ?= --all-regions
TPSCTL := .build/debug/tpsctl

help:
	@echo "make test   install what the tests need, start the local servers, run every test, stop them"
	@echo "make demo   start the local servers and data plane, tpsctl up 00-08 of stacks/local.yaml, E2E and a 30 s load run"
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
test: deps lint-workflows
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

## The local deployment: the local servers (AWS emulator, Redis, PostgreSQL, registry), the
## services' images (debug build: the objects `make test` already compiled; `tpsctl build`
## defaults to static release builds for real deployments), the local data plane (ECS tasks in
## network namespaces, the ALBs on loopback; needs root), then `tpsctl up` of stacks 00-08 in
## both regions — the very task definitions, secrets and roles an AWS deployment gets — then the
## E2E scenario and a short load run through the recorded entry point. Everything keeps running
## until `make demo-stop`.
DEMO_RESULT ?= infra/out/e2e-result.json
DEMO_LOAD ?= infra/out/demo-load
DEMO_STACK := stacks/local.yaml
demo: deps
	$(TESTENV) start
	$(SWIFT) build --product tpsctl
	source .testenv/env && $(TPSCTL) whoami --region ap-northeast-1 --region ap-northeast-2
	$(TPSCTL) build --stack $(DEMO_STACK) --configuration debug
	scripts/local-dataplane start $(DEMO_STACK)
	source .testenv/env && $(TPSCTL) up --stack $(DEMO_STACK) --all-regions --from 00 --to 08
	source .testenv/env && $(TPSCTL) plan --stack $(DEMO_STACK) --all-regions --detailed-exitcode
	source .testenv/env && $(TPSCTL) outputs --stack $(DEMO_STACK) --all-regions --output json
	source .testenv/env && $(TPSCTL) e2e --stack $(DEMO_STACK) --output $(DEMO_RESULT) \
	  || { echo "e2e failed; the deployment still runs (task logs: .testenv/dataplane/tasks/); stop it with: make demo-stop"; exit 1; }
	source .testenv/env && $(TPSCTL) load run --stack $(DEMO_STACK) --rates 50 --step-seconds 30 --report $(DEMO_LOAD).md --json $(DEMO_LOAD).json
	@echo "the local deployment is still running (tpsctl outputs --stack $(DEMO_STACK) --all-regions); stop it with: make demo-stop"

## Against the running demo (make demo): the E2E scenario again, and schemathesis against the
## contract (not part of `make test`: a whole deployment takes longer than budgeted there).
e2e: $(TPSCTL)
	source .testenv/env && $(TPSCTL) e2e --stack $(DEMO_STACK) --output $(DEMO_RESULT)
schemathesis:
	scripts/schemathesis.sh

## Tears the local deployment down (which erases its local data, as deleting the Aurora cluster
## and Redis group would), stops the data plane (no task, namespace or link left) and the
## local servers, whatever is running.
demo-stop:
	-source .testenv/env && $(TPSCTL) down --stack $(DEMO_STACK) --all-regions --yes
	-scripts/local-dataplane stop
	$(TESTENV) stop

$(TPSCTL): build

## Benchmarks: each script measures a reference in the same run and prints ratios.
## bench-services needs the local servers, stages 00-03 and the seed: run `make demo` first.
## bench-commit needs only the local servers (its own database, queues and table).
## bench-alb and bench-cloudfront need `make demo` running, with the data plane from a release
## build (a debug build of SwiftNIO is itself the bottleneck: ALB/direct 0.35 debug, 0.75 release);
## they also print the p99 each proxy adds at 70 % of the maximum rate (Benchmarks/RateBench):
##   swift build -c release --product tpsctl && scripts/local-dataplane stop \
##     && TPSCTL=$PWD/.build/release/tpsctl scripts/local-dataplane start    (then ~20 s for new tasks)
bench: deps
	scripts/bench-redis.sh
	source .testenv/env && scripts/bench-provision.sh
	scripts/bench-services.sh
	scripts/bench-commit.sh
	scripts/bench-alb.sh
	scripts/bench-cloudfront.sh

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

## CI/CD: each step of .github/workflows/cicd.yml is one of these targets, and `make ci-local`
## runs plan → up → e2e → load → down of them against the local AWS (StagesTests' CISequenceTests
## does, with its own stack and data plane). STATE_DIR carries the recorded state between jobs.
STATE_DIR ?= infra/out
CI_OUT ?= $(STATE_DIR)/ci
LOAD_RATES ?= 50
LOAD_STEP_SECONDS ?= 10
LOAD_SHARDS ?= 1
CI_TPSCTL ?= $(TPSCTL)
CI_STACK_FLAGS = --stack $(STACK) --state-dir $(STATE_DIR)
.PHONY: lint-workflows ci-aws-token ci-build ci-push ci-plan ci-up ci-e2e ci-load ci-down ci-local

## actionlint and zizmor (offline: no GitHub API call) on the workflows; any finding fails.
lint-workflows:
	actionlint .github/workflows/*.yml
	zizmor --offline --no-progress .github/workflows
ci-aws-token:
	scripts/ci/aws-web-identity-token.sh
ci-build:
	$(CI_TPSCTL) build $(CI_STACK_FLAGS)
ci-push:
	$(CI_TPSCTL) up $(CI_STACK_FLAGS) $(REGIONS) --stage 01
## Exit 2 (changes to make) is success here; the JSON stays in $(CI_OUT), its summary goes to the job's.
ci-plan:
	@mkdir -p $(CI_OUT); rc=0; \
	$(CI_TPSCTL) plan $(CI_STACK_FLAGS) $(REGIONS) --detailed-exitcode --output json >$(CI_OUT)/plan.json || rc=$$?; \
	[ $$rc -eq 0 ] || [ $$rc -eq 2 ] || exit $$rc; \
	scripts/ci/plan-summary.py $(CI_OUT)/plan.json >>"$${GITHUB_STEP_SUMMARY:-$(CI_OUT)/plan-summary.md}"
ci-up:
	$(CI_TPSCTL) up $(CI_STACK_FLAGS) $(REGIONS) --from 00 --to 08
ci-e2e:
	@mkdir -p $(CI_OUT)
	$(CI_TPSCTL) e2e $(CI_STACK_FLAGS) --output $(CI_OUT)/e2e-result.json
ci-load:
	@mkdir -p $(CI_OUT)
	$(CI_TPSCTL) load run $(CI_STACK_FLAGS) --rates $(LOAD_RATES) --step-seconds $(LOAD_STEP_SECONDS) \
	  $(if $(filter-out 1,$(LOAD_SHARDS)),--processes $(LOAD_SHARDS)) --report $(CI_OUT)/load-report.md --json $(CI_OUT)/load-report.json
ci-down:
	$(CI_TPSCTL) down $(CI_STACK_FLAGS) $(REGIONS) --yes
ci-local: ci-plan ci-up ci-e2e ci-load ci-down
