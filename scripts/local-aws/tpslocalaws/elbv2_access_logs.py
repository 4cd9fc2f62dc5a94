"""ALB access logs: ModifyLoadBalancerAttributes checks the bucket as ELB does.

Turning `access_logs.s3.enabled` on (or changing the bucket or prefix while on), ELB refuses a
bucket that does not exist, one in another region, a prefix containing `AWSLogs`, and a bucket
whose policy does not let ELB's log delivery put objects under `<prefix>/AWSLogs/<account>/`;
then it writes a test object there, `ELBAccessLogTestFile`. moto stored whatever it was given,
so a wrong bucket policy or a bucket made after the attribute passed unnoticed locally.

The delivery principal is the region's Elastic Load Balancing account
(`arn:aws:iam::<elb-account>:root`, or the bare account id) for regions available before
August 2022, or the service principal `logdelivery.elasticloadbalancing.amazonaws.com`.
"""

from __future__ import annotations

import datetime
import fnmatch
import json

from moto.elbv2.exceptions import InvalidConfigurationRequest
from moto.elbv2.models import ELBv2Backend
from moto.s3.models import s3_backends

from .timed_state import wrap

#: Elastic Load Balancing's log-delivery accounts of the regions available before August 2022.
REGIONAL_ACCOUNTS = {
    "us-east-1": "127311923021", "us-east-2": "033677994240", "us-west-1": "027434742980",
    "us-west-2": "797873946194", "af-south-1": "098369216593", "ap-east-1": "754344448648",
    "ap-south-1": "718504428378", "ap-northeast-1": "582318560864", "ap-northeast-2": "600734575887",
    "ap-northeast-3": "383597477331", "ap-southeast-1": "114774131450", "ap-southeast-2": "783225319266",
    "ca-central-1": "985666609251", "eu-central-1": "054676820928", "eu-west-1": "156460612806",
    "eu-west-2": "652711504416", "eu-south-1": "635631232127", "eu-west-3": "009996457667",
    "eu-north-1": "897822967062", "me-south-1": "076674570225", "sa-east-1": "507241528517",
}
SERVICE_PRINCIPAL = "logdelivery.elasticloadbalancing.amazonaws.com"
TEST_FILE = "ELBAccessLogTestFile"


def install() -> None:
    wrap(ELBv2Backend, "modify_load_balancer_attributes", _checked)


def _refuse(message: str) -> InvalidConfigurationRequest:
    return InvalidConfigurationRequest(message)


def _checked(original):
    def modify_load_balancer_attributes(self, arn, attrs):
        balancer = self.load_balancers.get(arn)
        if balancer is not None:
            merged = {**balancer.attrs, **attrs}
            touches_logs = any(key.startswith("access_logs.s3.") for key in attrs)
            if touches_logs and str(merged.get("access_logs.s3.enabled", "false")).lower() == "true":
                bucket = merged.get("access_logs.s3.bucket") or ""
                prefix = merged.get("access_logs.s3.prefix") or ""
                _check_destination(self.account_id, self.region_name, bucket, prefix)
        return original(self, arn, attrs)

    return modify_load_balancer_attributes


def _check_destination(account: str, region: str, bucket_name: str, prefix: str) -> None:
    if not bucket_name:
        raise _refuse("The value of 'access_logs.s3.bucket' cannot be empty when access logs are enabled")
    if "AWSLogs" in prefix:
        raise _refuse(f"The prefix '{prefix}' must not contain 'AWSLogs'")
    backend = s3_backends[account]["aws"]
    bucket = backend.buckets.get(bucket_name)
    if bucket is None:
        raise _refuse(f"The specified bucket does not exist: {bucket_name}")
    if bucket.region_name != region:
        raise _refuse(f"The bucket {bucket_name} is in {bucket.region_name}; it must be in the load balancer's region, {region}")
    path = (prefix + "/" if prefix else "") + f"AWSLogs/{account}/"
    if not _grants_delivery(bucket.policy, region, f"arn:aws:s3:::{bucket_name}/{path}{TEST_FILE}"):
        raise _refuse(f"Access Denied for bucket: {bucket_name}. Please check S3bucket permission")
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    backend.put_object(bucket_name, path + TEST_FILE, f"Enable AccessLog for ELB at {stamp}".encode())


def _grants_delivery(policy: bytes | None, region: str, object_arn: str) -> bool:
    """Whether an Allow statement lets the region's delivery principal s3:PutObject `object_arn`."""
    if not policy:
        return False
    try:
        statements = json.loads(policy).get("Statement", [])
    except (ValueError, AttributeError):
        return False
    if isinstance(statements, dict):
        statements = [statements]
    account = REGIONAL_ACCOUNTS.get(region)
    principals = {SERVICE_PRINCIPAL}
    if account:
        principals |= {account, f"arn:aws:iam::{account}:root"}
    for statement in statements:
        if statement.get("Effect") != "Allow" or not _listed(statement.get("Action"), {"s3:PutObject", "s3:*", "*"}):
            continue
        principal = statement.get("Principal") or {}
        named = principal.values() if isinstance(principal, dict) else [principal]
        if not any(_listed(value, principals) for value in named):
            continue
        resources = statement.get("Resource") or []
        if any(fnmatch.fnmatchcase(object_arn, pattern) for pattern in ([resources] if isinstance(resources, str) else resources)):
            return True
    return False


def _listed(value, wanted: set[str]) -> bool:
    values = [value] if isinstance(value, str) else (value or [])
    return any(item in wanted for item in values)
