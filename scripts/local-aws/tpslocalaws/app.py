"""The WSGI application: control API, fault injection and request log around moto's server.

Order per AWS request: identify it (service/region/action from SigV4 and the protocol),
apply matching faults (latency, then throttle / server error / connection reset), throttle
what exceeds a service quota the emulator keeps (SQS FIFO's per-action rate; DynamoDB's
throughput ceiling where a rule enables it, dynamodb_throughput.py), let an
extension answer what moto lacks (e.g. CloudFront policies) or pass it to moto, and log
the outcome with its HTTP status.
"""

from __future__ import annotations

import io
import socket
import struct
import time
import traceback
from typing import Callable, Iterable, Protocol

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

from . import error_responses, request_info, service_quotas
from .control_api import ControlApi
from .dynamodb_throughput import DynamoDBThroughput
from .faults import Fault, FaultTable
from .request_info import AwsRequest
from .request_log import RequestLog
from .sqs_quotas import SqsQuotas


class Extension(Protocol):
    """Answers some AWS requests itself instead of moto."""

    def handles(self, request: AwsRequest, environ: dict) -> bool: ...

    def __call__(self, request: AwsRequest, environ: dict, start_response: Callable) -> Iterable[bytes]: ...


class LocalAws:
    def __init__(self, extensions: list[Extension]) -> None:
        self.faults = FaultTable()
        self.log = RequestLog()
        self.dynamodb_throughput = DynamoDBThroughput()
        self.quotas = SqsQuotas()
        self.control = ControlApi(self.faults, self.log, self.quotas, self.dynamodb_throughput)
        self.moto = DomainDispatcherApplication(create_backend_app)
        self.extensions = extensions

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO", "").startswith("/_tps/"):
            return self.control(environ, start_response)
        if not request_info.is_aws_request(environ):
            return self.moto(environ, start_response)

        body = _read_body(environ)
        request = request_info.identify(environ, body)
        service_quotas.note_caller(request.access_key_id)
        decision = self.faults.decide(request)
        if decision.latency_ms:
            time.sleep(decision.latency_ms / 1000)
        if decision.terminal is not None:
            return self._inject(decision.terminal, request, environ, start_response)
        if self.quotas.throttles(request, environ, body):
            # SQS's own answer; the log names it a quota, not an injected fault.
            self.log.record(request, 400, "quota")
            return self._error(request, environ, start_response, 400, "ThrottlingException", "Rate exceeded")
        throttle = self.dynamodb_throughput.check(request, body)
        if throttle is not None:
            status, headers, payload = throttle.response()
            self.log.record(request, status, "throughput")
            start_response(f"{status} Error", headers)
            return [payload]

        def logging_start_response(status: str, headers: list, exc_info=None):
            self.log.record(request, int(status.split(" ", 1)[0]), "latency" if decision.latency_ms else None)
            return start_response(status, headers, exc_info)

        try:
            for extension in self.extensions:
                if extension.handles(request, environ):
                    return extension(request, environ, logging_start_response)
            return self.moto(environ, logging_start_response)
        except NotImplementedError:
            # 501 is not retried by SDKs: a missing emulator feature fails fast and says so.
            return self._error(request, environ, logging_start_response, 501, "NotImplemented",
                               f"The local AWS does not implement {request.service}:{request.action}.")
        except Exception as error:
            traceback.print_exc()
            return self._error(request, environ, logging_start_response, 500, "InternalFailure",
                               f"The local AWS failed on {request.service}:{request.action}: {type(error).__name__}")

    def _error(self, request: AwsRequest, environ: dict, start_response: Callable, status: int, code: str, message: str) -> Iterable[bytes]:
        response = error_responses.render(
            request.protocol, request.service, status, code, message,
            path=environ.get("PATH_INFO", ""), json_version=request.json_version,
        )
        headers = response.headers
        if request.service == "sqs" and request.protocol == "json":
            # SQS's JSON protocol is query-compatible: SDKs read the code from this header.
            headers = headers + [("x-amzn-query-error", f"{code};{'Sender' if status < 500 else 'Receiver'}")]
        start_response(f"{status} Error", headers + [("Content-Length", str(len(response.body)))])
        return [response.body]

    def _inject(self, fault: Fault, request: AwsRequest, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if fault.kind == "reset":
            self.log.record(request, 0, "reset")
            _reset_connection(environ)
        if fault.kind == "throttle":
            status, code, message = error_responses.throttle_defaults(request.protocol, request.service)
        else:
            status = fault.status or 500
            code, message = error_responses.server_error_defaults(request.protocol, status)
        status = fault.status or status
        self.log.record(request, status, fault.kind)
        return self._error(request, environ, start_response, status, fault.code or code, fault.message or message)


def _read_body(environ: dict) -> bytes:
    """Reads the request body once and puts it back for whoever answers the request."""
    stream = environ["wsgi.input"]
    length = environ.get("CONTENT_LENGTH")
    if length:
        body = stream.read(int(length))
    elif environ.get("wsgi.input_terminated"):
        body = stream.read()
    else:
        body = b""
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return body


def _reset_connection(environ: dict) -> None:
    """Closes the client's TCP connection with a RST and no response at all."""
    sock = environ.get("werkzeug.socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        fd = sock.detach()
        socket.close(fd)
    # werkzeug treats ConnectionResetError as "client went away" and writes nothing.
    raise ConnectionResetError("injected connection reset")
