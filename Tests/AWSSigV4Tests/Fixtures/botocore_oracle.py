#!/usr/bin/env python3
"""Reference signatures from botocore, for the AWSSigV4 differential test.

Given a seed, generates `--count` HTTP requests deterministically and signs each one with
botocore's own signers (SigV4Auth / S3SigV4Auth for header signing, SigV4QueryAuth /
S3SigV4QueryAuth for presigned URLs) at a per-request fixed timestamp. Prints one JSON object
per line: the request exactly as our Swift signer receives it (wire URL, headers, payload,
options) and what botocore produced (canonical request, string to sign, signature, and the
Authorization header or presigned URL).

The wire URL is what a well-behaved client sends: path segments percent-encoded (some
sub-delimiters left raw, as RFC 3986 allows), query keys and values encoded with the
unreserved set. botocore signs the query of a header-signed request as written, so the
query must already be canonical for the comparison to be meaningful.

All credentials here are random strings made for the test, never real ones.

Exits non-zero with a one-line message when botocore is missing.
"""

import argparse
import base64
import datetime
import hashlib
import json
import random
import sys
from urllib.parse import quote

try:
    import botocore
    import botocore.auth
    from botocore.awsrequest import AWSRequest
    from botocore.config import Config
    from botocore.credentials import Credentials
except ImportError as error:  # pragma: no cover - exercised only on a broken machine
    sys.exit(f"botocore_oracle.py: botocore is not importable ({error}); install it with `pip install botocore`")

GENERIC_SERVICES = [
    "sqs", "dynamodb", "ec2", "iam", "sts", "lambda", "ecs", "logs", "ssm", "kms",
    "secretsmanager", "elasticloadbalancing", "rds", "execute-api", "monitoring", "ecr",
]
REGIONS = [
    "ap-northeast-1", "ap-northeast-2", "us-east-1", "us-west-2", "eu-west-1",
    "eu-central-1", "sa-east-1", "cn-north-1", "us-gov-west-1", "me-south-1",
]
METHODS = ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"]
SUB_DELIMS = "!$&'()*+,;=:@"
SEGMENT_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "-._~" + SUB_DELIMS + " %?#/\"<>[]{}|\\^`"
)
UNICODE_PIECES = ["é", "ሴ", "日本", "Ω", "😀", "ß", "Ünï", "\u00a0", "中文", "𝔘"]
HEADER_NAMES = [
    "X-Amz-Target", "Content-Type", "X-Amz-Meta-Color", "x-amz-meta-size", "My-Header",
    "Accept", "Content-MD5", "X-Custom", "Cache-Control", "If-None-Match", "Range",
    "X-Amz-Acl", "x-amz-storage-class", "Content-Encoding",
]
# Headers botocore (and our signer) never sign; generated to check that they stay unsigned.
UNSIGNED_HEADER_NAMES = ["User-Agent", "X-Amzn-Trace-Id", "Expect", "Connection", "Transfer-Encoding"]
PRESIGN_PARAMETERS = {
    "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
    "X-Amz-SignedHeaders", "X-Amz-Security-Token", "X-Amz-Signature",
}
BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def random_case(rng, text):
    """The same header name in a random mix of cases (names are case-insensitive)."""
    choice = rng.random()
    if choice < 0.5:
        return text
    if choice < 0.65:
        return text.lower()
    if choice < 0.75:
        return text.upper()
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in text)


def random_text(rng, alphabet, low, high):
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))


def random_segment(rng):
    pick = rng.random()
    if pick < 0.08:
        return ""
    if pick < 0.14:
        return "."
    if pick < 0.20:
        return ".."
    pieces = []
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.25:
            pieces.append(rng.choice(UNICODE_PIECES))
        else:
            pieces.append(random_text(rng, SEGMENT_ALPHABET.replace("/", ""), 1, 6))
    return "".join(pieces)


def wire_path(rng):
    """A percent-encoded path as a client sends it; some sub-delimiters stay raw."""
    raw_safe = "".join(c for c in SUB_DELIMS if rng.random() < 0.4)
    segments = [random_segment(rng) for _ in range(rng.randint(0, 5))]
    path = "/" + "/".join(quote(segment, safe=raw_safe + "~") for segment in segments)
    if segments and rng.random() < 0.2:
        path += "/"
    return path


def random_query_text(rng):
    pick = rng.random()
    if pick < 0.1:
        return ""
    if pick < 0.25:
        return rng.choice(UNICODE_PIECES) + random_text(rng, "abc123", 0, 3)
    return random_text(rng, SEGMENT_ALPHABET + "+=&", 1, 10)


def wire_query(rng, allow_repeats):
    """`(query, count)`: keys and values encoded with the unreserved set, in random order."""
    if rng.random() < 0.35:
        return "", 0
    count = rng.randint(1, 7)
    keys = []
    components = []
    for _ in range(count):
        if allow_repeats and keys and rng.random() < 0.3:
            key = rng.choice(keys)
        else:
            key = rng.choice(["Action", "Version", "prefix", "list-type", "max-keys", "uploads", ""]) \
                if rng.random() < 0.4 else random_query_text(rng)
            if not allow_repeats and (key in keys or key in PRESIGN_PARAMETERS):
                continue
            if not allow_repeats and key == "":
                continue
        keys.append(key)
        encoded_key = quote(key, safe="-_.~")
        pick = rng.random()
        if pick < 0.12 and allow_repeats and encoded_key:
            components.append(encoded_key)  # no '=' at all: signs as `key=`
        elif pick < 0.25:
            components.append(encoded_key + "=")
        else:
            components.append(encoded_key + "=" + quote(random_query_text(rng), safe="-_.~"))
    rng.shuffle(components)
    return "&".join(components), len(components)


def header_value(rng):
    """A header value with the whitespace SigV4 trims and folds: ends, runs, tabs, folds."""
    words = [random_text(rng, "abcdefXYZ0123456789-_./=;,\"'", 1, 8) for _ in range(rng.randint(0, 4))]
    separators = [" ", "  ", "\t", " \t ", "   "]
    value = ""
    for index, word in enumerate(words):
        if index:
            value += rng.choice(separators)
        value += word
    if words and rng.random() < 0.1:
        value = value.replace(" ", "\n  ", 1) if " " in value else value + "\n   more"
    if rng.random() < 0.3:
        value = rng.choice([" ", "  ", "\t"]) + value
    if rng.random() < 0.3:
        value = value + rng.choice([" ", "  ", "\t"])
    return value


def endpoint(rng, service, region):
    """`(scheme://authority, Host header a client would send)`."""
    choices = [
        (f"https://{service}.{region}.amazonaws.com", f"{service}.{region}.amazonaws.com"),
        ("http://127.0.0.1:4566", "127.0.0.1:4566"),
        ("http://localhost:4566", "localhost:4566"),
        (f"https://{service.upper()}.{region}.AmazonAWS.com", f"{service}.{region}.amazonaws.com"),
        ("http://[::1]:8080", "[::1]:8080"),
        (f"https://{service}.{region}.amazonaws.com:443", f"{service}.{region}.amazonaws.com"),
        (f"http://{service}.{region}.amazonaws.com:80", f"{service}.{region}.amazonaws.com"),
        (f"https://{service}.{region}.amazonaws.com:8443", f"{service}.{region}.amazonaws.com:8443"),
        ("https://user:pw@example.com", "example.com"),
    ]
    return rng.choice(choices)


def credentials(rng):
    access_key = "AKIA" + random_text(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 16)
    secret = random_text(rng, BASE64_ALPHABET, 40, 40)
    token = None
    if rng.random() < 0.5:
        token = "FAKE" + random_text(rng, BASE64_ALPHABET, 60, 300) + rng.choice(["", "=", "=="])
    return access_key, secret, token


def random_body(rng):
    pick = rng.random()
    if pick < 0.3:
        return b""
    if pick < 0.6:
        return json.dumps({"Key": random_text(rng, "abc xyz", 1, 20), "n": rng.randint(0, 99)}).encode()
    if pick < 0.8:
        return ("Action=" + random_text(rng, "abcXYZ", 3, 10) + "&Version=2012-11-05").encode()
    return bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 300)))


class Recorder:
    """Mixin that keeps botocore's intermediate values so the test can compare each step."""

    def string_to_sign(self, request, canonical_request):
        self.recorded_canonical_request = canonical_request
        result = super().string_to_sign(request, canonical_request)
        self.recorded_string_to_sign = result
        return result

    def signature(self, string_to_sign, request):
        result = super().signature(string_to_sign, request)
        self.recorded_signature = result
        return result


class HeaderAuth(Recorder, botocore.auth.SigV4Auth):
    pass


class S3HeaderAuth(Recorder, botocore.auth.S3SigV4Auth):
    pass


class QueryAuth(Recorder, botocore.auth.SigV4QueryAuth):
    pass


class S3QueryAuth(Recorder, botocore.auth.S3SigV4QueryAuth):
    pass


def fixed_clock(moment):
    def now(remove_tzinfo=True):
        return moment if remove_tzinfo else moment.replace(tzinfo=datetime.timezone.utc)
    return now


def generate(rng, index):
    presign = rng.random() < 0.35
    s3 = rng.random() < 0.3
    service = "s3" if s3 else rng.choice(GENERIC_SERVICES)
    region = rng.choice(REGIONS)
    access_key, secret, token = credentials(rng)
    moment = datetime.datetime(1971, 1, 1) + datetime.timedelta(seconds=rng.randint(0, 4_000_000_000))
    origin, host_value = endpoint(rng, service, region)
    method = rng.choice(METHODS)
    query, _ = wire_query(rng, allow_repeats=not presign)
    url = origin + wire_path(rng) + (("?" + query) if query else "")
    https = url.startswith("https")

    headers = []  # what our signer receives, in order
    if rng.random() < 0.4:
        spacing = rng.choice(["", " ", "  "])
        headers.append((random_case(rng, "Host"), spacing + host_value + spacing.rstrip()))
    names = HEADER_NAMES + UNSIGNED_HEADER_NAMES
    for _ in range(rng.randint(0, 6)):
        if headers and not presign and rng.random() < 0.2:
            name = random_case(rng, rng.choice(headers)[0])  # the same name again, maybe other case
        else:
            name = random_case(rng, rng.choice(names))
        if presign and any(existing.lower() == name.lower() for existing, _ in headers):
            continue  # botocore keeps one value per presign parameter; keep headers unique too
        headers.append((name, header_value(rng)))
    if not presign and rng.random() < 0.15:
        headers.append(("Authorization", "AWS4-HMAC-SHA256 stale"))  # a retry: must be replaced
    if not presign and rng.random() < 0.15:
        headers.append(("X-Amz-Date", "19990101T000000Z"))  # stale date: must be replaced
    if not presign and token and rng.random() < 0.15:
        headers.append(("X-Amz-Security-Token", "stale-token"))  # must be replaced

    options = {"normalizePath": not s3, "doubleURIEncode": not s3,
               "addContentSHA256Header": False, "signSessionToken": True}
    context = {}
    body = b""
    botocore_headers = list(headers)

    if presign:
        expires = rng.randint(1, 604_800)
        if s3:
            payload = {"kind": "unsigned"}
        elif https and rng.random() < 0.3:
            context["payload_signing_enabled"] = False
            payload = {"kind": "unsigned"}
        else:
            payload = {"kind": "bytes", "base64": ""}
        auth_class = S3QueryAuth if s3 else QueryAuth
    else:
        expires = None
        body = random_body(rng)
        digest = hashlib.sha256(body).hexdigest()
        pick = rng.random()
        if s3:
            options["addContentSHA256Header"] = True
            if pick < 0.3:
                context["client_config"] = Config(s3={"payload_signing_enabled": False})
                payload = {"kind": "unsigned"}
            else:
                context["client_config"] = Config(s3={"payload_signing_enabled": True})
                payload = {"kind": "precomputed", "hex": digest} if pick < 0.5 else \
                    {"kind": "bytes", "base64": base64.b64encode(body).decode()}
        elif https and pick < 0.25:
            # Unsigned payload: botocore then sends X-Amz-Content-SHA256: UNSIGNED-PAYLOAD.
            context["payload_signing_enabled"] = False
            options["addContentSHA256Header"] = True
            payload = {"kind": "unsigned"}
        elif pick < 0.45:
            # A hash known in advance, carried in x-amz-content-sha256.
            payload = {"kind": "precomputed", "hex": digest}
            botocore_headers.append(("X-Amz-Content-SHA256", digest))
            if rng.random() < 0.5:
                headers.append((random_case(rng, "X-Amz-Content-SHA256"), digest))
            else:
                options["addContentSHA256Header"] = True
        else:
            payload = {"kind": "bytes", "base64": base64.b64encode(body).decode()}
        auth_class = S3HeaderAuth if s3 else HeaderAuth

    request = AWSRequest(method=method, url=url, data=body or None)
    for name, value in botocore_headers:
        request.headers[name] = value  # HTTPHeaders appends: duplicates are kept in order
    request.context.update(context)

    creds = Credentials(access_key, secret, token)
    if presign:
        signer = auth_class(creds, service, region, expires=expires)
    else:
        signer = auth_class(creds, service, region)
    botocore.auth.get_current_datetime = fixed_clock(moment)
    signer.add_auth(request)

    expected = {
        "canonicalRequest": signer.recorded_canonical_request,
        "stringToSign": signer.recorded_string_to_sign,
        "signature": signer.recorded_signature,
    }
    if presign:
        expected["url"] = request.url
    else:
        expected["authorization"] = request.headers["Authorization"]
        expected["headers"] = [[name, value] for name, value in request.headers.items()]

    return {
        "index": index,
        "mode": "presign" if presign else "header",
        "signer": auth_class.__mro__[2].__name__,
        "service": service,
        "region": region,
        "accessKeyId": access_key,
        "secretAccessKey": secret,
        "sessionToken": token,
        "epochSeconds": int(moment.replace(tzinfo=datetime.timezone.utc).timestamp()),
        "method": method,
        "url": url,
        "headers": [[name, value] for name, value in headers],
        "payload": payload,
        "options": options,
        "expires": expires,
        "expected": expected,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, required=True)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    modes = {"header": 0, "presign": 0}
    for index in range(arguments.count):
        case = generate(rng, index)
        modes[case["mode"]] += 1
        sys.stdout.write(json.dumps(case) + "\n")
    sys.stderr.write(
        f"botocore {botocore.__version__}: {arguments.count} requests "
        f"({modes['header']} header-signed, {modes['presign']} presigned), seed {arguments.seed}\n")


if __name__ == "__main__":
    main()
