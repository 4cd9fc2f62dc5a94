"""Error responses in each AWS wire protocol's own format, as real endpoints send them.

Used for injected faults, so a client's error decoding is tested against the shapes AWS
really uses: JSON's `__type` plus `x-amzn-ErrorType` (with its `:http://...` suffix),
Query's `<ErrorResponse>`, EC2's `<Response><Errors>` with `RequestID`, REST-XML's
`<ErrorResponse>` (S3: bare `<Error>`), REST-JSON's header-named error, RPC v2 CBOR.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from xml.sax.saxutils import escape

#: The suffix real JSON endpoints append to x-amzn-ErrorType.
_ERROR_TYPE_SUFFIX = ":http://internal.amazon.com/coral/com.amazon.coral.service/"


@dataclass(frozen=True)
class ErrorResponse:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


def throttle_defaults(protocol: str, service: str | None) -> tuple[int, str, str]:
    """(HTTP status, code, message) AWS uses to throttle on this protocol."""
    if protocol == "ec2":
        return 503, "RequestLimitExceeded", "Request limit exceeded."
    if service == "s3":
        return 503, "SlowDown", "Please reduce your request rate."
    if protocol in ("json", "smithy-rpc-v2-cbor"):
        return 400, "ThrottlingException", "Rate exceeded"
    if protocol == "rest-json":
        return 429, "TooManyRequestsException", "Too Many Requests"
    return 400, "Throttling", "Rate exceeded"


def server_error_defaults(protocol: str, status: int) -> tuple[str, str]:
    if status == 503:
        return "ServiceUnavailable", "Service is unavailable. Please try again later."
    if protocol == "ec2" or protocol == "rest-xml":
        return "InternalError", "An internal error has occurred."
    return "InternalFailure", "The request processing has failed because of an unknown error."


def render(
    protocol: str, service: str | None, status: int, code: str, message: str,
    path: str = "", json_version: str | None = None,
) -> ErrorResponse:
    request_id = str(uuid.uuid4())
    sender = "Sender" if status < 500 else "Receiver"
    if protocol == "json":
        body = json.dumps({"__type": code, "message": message}).encode()
        return ErrorResponse(status, [
            ("Content-Type", f"application/x-amz-json-{json_version or '1.1'}"),
            ("x-amzn-ErrorType", code + _ERROR_TYPE_SUFFIX),
            ("x-amzn-RequestId", request_id),
        ], body)
    if protocol == "rest-json":
        body = json.dumps({"message": message}).encode()
        return ErrorResponse(status, [
            ("Content-Type", "application/json"),
            ("x-amzn-ErrorType", code + _ERROR_TYPE_SUFFIX),
            ("x-amzn-RequestId", request_id),
        ], body)
    if protocol == "smithy-rpc-v2-cbor":
        return ErrorResponse(status, [
            ("Content-Type", "application/cbor"),
            ("smithy-protocol", "rpc-v2-cbor"),
            ("x-amzn-RequestId", request_id),
        ], _cbor_text_map({"__type": code, "message": message}))
    if protocol == "ec2":
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<Response><Errors><Error><Code>{escape(code)}</Code><Message>{escape(message)}</Message>"
            f"</Error></Errors><RequestID>{request_id}</RequestID></Response>"
        )
        return ErrorResponse(status, [("Content-Type", "text/xml;charset=UTF-8")], body.encode())
    if service == "s3":
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<Error><Code>{escape(code)}</Code><Message>{escape(message)}</Message>"
            f"<RequestId>{request_id}</RequestId></Error>"
        )
        return ErrorResponse(status, [("Content-Type", "application/xml"), ("x-amz-request-id", request_id)], body.encode())
    namespace = ""
    if protocol == "rest-xml" and service == "cloudfront":
        version = path.strip("/").split("/", 1)[0] or "2020-05-31"
        namespace = f' xmlns="http://cloudfront.amazonaws.com/doc/{escape(version)}/"'
    body = (
        '<?xml version="1.0"?>\n'
        f"<ErrorResponse{namespace}><Error><Type>{sender}</Type><Code>{escape(code)}</Code>"
        f"<Message>{escape(message)}</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>"
    )
    return ErrorResponse(status, [("Content-Type", "text/xml"), ("x-amzn-RequestId", request_id)], body.encode())


def _cbor_text_map(values: dict[str, str]) -> bytes:
    """CBOR (RFC 8949) encoding of a map of short text strings — all an error body needs."""
    out = bytearray(_cbor_head(5, len(values)))
    for key, value in values.items():
        for text in (key, value):
            data = text.encode()
            out += _cbor_head(3, len(data)) + data
    return bytes(out)


def _cbor_head(major: int, length: int) -> bytes:
    if length < 24:
        return bytes([major << 5 | length])
    if length < 256:
        return bytes([major << 5 | 24, length])
    if length < 65536:
        return bytes([major << 5 | 25]) + length.to_bytes(2, "big")
    return bytes([major << 5 | 26]) + length.to_bytes(4, "big")
