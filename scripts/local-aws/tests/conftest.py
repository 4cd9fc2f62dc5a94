"""Fixtures for the local AWS's own tests: boto3 clients against the running emulator.

The emulator must be running (scripts/testenv start); its address comes from
TPS_LOCAL_AWS_ENDPOINT. Each test signs with its own access key id, so its request log
and faults are its own even when other suites use the emulator at the same time.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
import uuid
from typing import Callable

import boto3
import botocore.auth
import botocore.awsrequest
import botocore.credentials
import pytest
from botocore.config import Config

REGION = "ap-northeast-1"
OTHER_REGION = "ap-northeast-2"


def _endpoint() -> str:
    endpoint = os.environ.get("TPS_LOCAL_AWS_ENDPOINT")
    if not endpoint:
        pytest.fail("TPS_LOCAL_AWS_ENDPOINT is not set: start the local AWS with scripts/testenv start "
                    "and source .testenv/env", pytrace=False)
    return endpoint.rstrip("/")


@pytest.fixture(scope="session")
def endpoint() -> str:
    return _endpoint()


class Control:
    """The emulator's /_tps/ control API."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint

    def call(self, method: str, path: str, body: object = None) -> tuple[int, dict]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.endpoint + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def ok(self, method: str, path: str, body: object = None) -> dict:
        status, payload = self.call(method, path, body)
        assert status == 200, f"{method} {path} -> {status} {payload}"
        return payload


@pytest.fixture(scope="session")
def control(endpoint: str) -> Control:
    return Control(endpoint)


@pytest.fixture
def access_key() -> str:
    return "AKIDTEST" + uuid.uuid4().hex[:12].upper()


@pytest.fixture
def aws(endpoint: str, access_key: str, control: Control) -> Callable:
    """aws("sqs", region=...) -> a boto3 client signing with this test's access key; no retries."""

    def make(service: str, region: str = REGION):
        return boto3.client(
            service, endpoint_url=endpoint, region_name=region,
            aws_access_key_id=access_key, aws_secret_access_key="testing-secret",
            config=Config(retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=10, read_timeout=60),
        )

    yield make
    control.call("DELETE", f"/_tps/faults?accessKeyId={access_key}")


@pytest.fixture
def delays(control: Control):
    """Sets resource delays for one test and restores the defaults afterwards."""

    def set_delays(**seconds: float) -> None:
        control.ok("POST", "/_tps/delays", {k.replace("_", "-"): v for k, v in seconds.items()})

    yield set_delays
    control.ok("DELETE", "/_tps/delays")


@pytest.fixture
def raw(endpoint: str, access_key: str):
    """raw(service, region, method, path, headers, body) -> (status, headers, body) of a SigV4-signed call."""

    def send(service: str, region: str, method: str, path: str, headers: dict, body: bytes = b""):
        request = botocore.awsrequest.AWSRequest(method=method, url=endpoint + path, data=body, headers=headers)
        credentials = botocore.credentials.Credentials(access_key, "testing-secret")
        botocore.auth.SigV4Auth(credentials, service, region).add_auth(request)
        prepared = request.prepare()
        http_request = urllib.request.Request(prepared.url, data=prepared.body or None, method=method,
                                              headers=dict(prepared.headers))
        try:
            with urllib.request.urlopen(http_request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    return send


def wait_for(what: str, probe: Callable, timeout: float = 20.0, interval: float = 0.1):
    """Polls probe() until it returns something truthy; fails naming `what` after timeout."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = probe()
        if last:
            return last
        time.sleep(interval)
    pytest.fail(f"timed out waiting for {what} (last: {last!r})")
