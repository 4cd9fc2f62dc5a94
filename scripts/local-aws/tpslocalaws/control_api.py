"""The emulator's control endpoints under /_tps/ (JSON in, JSON out); see README.md."""

from __future__ import annotations

import json
from typing import Callable
from urllib.parse import parse_qs

from . import delays, ecs_attachments, ecs_rollout, ecs_tasks, elb_target_health, service_quotas
from .dynamodb_throughput import DynamoDBThroughput, ThroughputError
from .faults import FaultError, FaultTable
from .request_log import RequestLog
from .sqs_quotas import QuotaError, SqsQuotas

Json = dict | list


class ControlApi:
    def __init__(self, faults: FaultTable, log: RequestLog, quotas: SqsQuotas,
                 dynamodb_throughput: DynamoDBThroughput) -> None:
        self.faults = faults
        self.log = log
        self.quotas = quotas
        self.dynamodb_throughput = dynamodb_throughput

    def __call__(self, environ: dict, start_response: Callable) -> list[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "").rstrip("/")
        params = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        try:
            status, payload = self._route(method, path, params, environ)
        except (FaultError, QuotaError, delays.DelayError, ecs_rollout.RolloutError, ecs_tasks.TaskExitError,
                ecs_attachments.AttachmentError, elb_target_health.TargetHealthError, ThroughputError,
                ValueError) as error:
            status, payload = 400, {"error": str(error)}
        body = json.dumps(payload).encode()
        start_response(f"{status} {'OK' if status < 400 else 'Error'}", [
            ("Content-Type", "application/json"), ("Content-Length", str(len(body))),
        ])
        return [body]

    def _route(self, method: str, path: str, params: dict, environ: dict) -> tuple[int, Json]:
        if path == "/_tps/health" and method == "GET":
            return 200, {"ok": True}
        if path == "/_tps/faults":
            if method == "POST":
                return 200, {"id": self.faults.add(_json_body(environ)).id}
            if method == "GET":
                return 200, {"faults": self.faults.list()}
            if method == "DELETE":
                return 200, {"removed": self.faults.clear(params.get("accessKeyId"))}
        if path.startswith("/_tps/faults/") and method == "DELETE":
            found = self.faults.remove(path.rsplit("/", 1)[-1])
            return (200, {"removed": 1}) if found else (404, {"error": "no such fault"})
        if path == "/_tps/requests":
            if method == "GET":
                return 200, self.log.query(params)
            if method == "DELETE":
                return 200, {"removed": self.log.clear(params)}
        if path == "/_tps/sqs/quotas":
            if method == "GET":
                return 200, self.quotas.snapshot()
            if method == "POST":
                return 200, self.quotas.override(_json_body(environ))
            if method == "DELETE":
                return 200, {"removed": self.quotas.clear(params.get("queueNamePrefix"))}
        if path == "/_tps/delays":
            if method == "GET":
                return 200, delays.snapshot()
            if method == "POST":
                return 200, delays.update(_json_body(environ))
            if method == "DELETE":
                return 200, delays.reset()
        if path == "/_tps/ecs/fail-deployment" and method == "POST":
            return 200, ecs_rollout.arm_failure(_json_body(environ))
        if path == "/_tps/ecs/fail-deployment" and method == "DELETE":
            return 200, {"removed": ecs_rollout.disarm_failures()}
        if path == "/_tps/ecs/task-exit" and method == "POST":
            return 200, ecs_tasks.arm_exit(_json_body(environ))
        if path == "/_tps/ecs/task-exit" and method == "DELETE":
            return 200, {"removed": ecs_tasks.disarm_exits()}
        if path == "/_tps/ecs/data-plane":
            if method == "POST":
                return 200, ecs_attachments.attach(_json_body(environ))
            if method == "GET":
                return 200, {"attached": ecs_attachments.listing()}
            if method == "DELETE":
                return 200, ecs_attachments.detach(params)
        if path == "/_tps/elbv2/data-plane":
            if method == "POST":
                return 200, elb_target_health.attach(_json_body(environ))
            if method == "GET":
                return 200, {"attached": elb_target_health.listing()}
            if method == "DELETE":
                return 200, elb_target_health.detach(params)
        if path == "/_tps/service-quotas":
            if method == "POST":
                return 200, service_quotas.set_value(_json_body(environ))
            if method == "GET":
                return 200, service_quotas.listing()
            if method == "DELETE":
                return 200, service_quotas.reset(params.get("accessKeyId"))
        if path == "/_tps/elbv2/target-health" and method == "POST":
            return 200, elb_target_health.report(_json_body(environ))
        if path == "/_tps/dynamodb/throughput":
            if method == "POST":
                return 200, self.dynamodb_throughput.set_rule(_json_body(environ))
            if method == "GET":
                return 200, {"rules": self.dynamodb_throughput.listing()}
            if method == "DELETE":
                return 200, self.dynamodb_throughput.clear(params)
        return 404, {"error": f"no control endpoint {method} {path}"}


def _json_body(environ: dict) -> object:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    raw = environ["wsgi.input"].read(length) if length else b""
    try:
        return json.loads(raw or b"null")
    except json.JSONDecodeError as error:
        raise ValueError(f"request body: invalid JSON ({error.msg} at line {error.lineno} column {error.colno})")
