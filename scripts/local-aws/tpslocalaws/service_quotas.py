"""Service Quotas values moto does not know, or cannot change: the quotas `tpsctl capacity`,
`plan` and `verify` compare a stack with — Fargate On-Demand vCPU (fargate L-3032A538),
Application Load Balancers per Region (elasticloadbalancing L-53DA6B97), EC2-VPC Elastic IPs
(ec2 L-0263D0A3), VPCs per Region (vpc L-F678F1CE) and NAT gateways per Availability Zone
(vpc L-FE5A380F). GetServiceQuota answers them per region, from `/_tps/service-quotas` (POST
{"serviceCode","quotaCode","value","region"?,"accessKeyId"?}, GET, DELETE [?accessKeyId=] to
restore). A value set for an access key is answered to that caller only, so a test that lowers a
quota does not fail another test's `verify` running at the same time on the same emulator. The defaults are AWS's
published ones, except two the emulator chose: Fargate's 4000 vCPU, so the project's own
stacks fit (AWS sets each account's own), and 1000 VPCs per Region (AWS: 5), since every test
stack running at once on one emulator has VPCs of its own and `verify` counts the others. Other codes fall through to moto (its VPC table,
else NoSuchResourceException).
"""

from __future__ import annotations

import threading

from moto.servicequotas.models import ServiceQuotasBackend

DEFAULTS = {
    ("fargate", "L-3032A538"): ("AWS Fargate", "Fargate On-Demand vCPU resource count", 4000.0),
    ("elasticloadbalancing", "L-53DA6B97"): ("Elastic Load Balancing (ELB)", "Application Load Balancers per Region", 50.0),
    ("ec2", "L-0263D0A3"): ("Amazon Elastic Compute Cloud (Amazon EC2)", "EC2-VPC Elastic IPs", 5.0),
    ("vpc", "L-F678F1CE"): ("Amazon Virtual Private Cloud (Amazon VPC)", "VPCs per Region", 1000.0),
    ("vpc", "L-FE5A380F"): ("Amazon Virtual Private Cloud (Amazon VPC)", "NAT gateways per Availability Zone", 5.0),
}

_lock = threading.Lock()
#: (serviceCode, quotaCode, region or None, accessKeyId or None) -> value
_values: dict[tuple[str, str, str | None, str | None], float] = {}
#: The access key of the request this thread is answering (set by the app before dispatch).
_caller = threading.local()


def note_caller(access_key_id: str | None) -> None:
    _caller.key = access_key_id


def install() -> None:
    original = ServiceQuotasBackend.get_service_quota

    def get_service_quota(self, service_code: str, quota_code: str):
        known = DEFAULTS.get((service_code, quota_code))
        if known is None:
            return original(self, service_code, quota_code)
        service_name, name, default = known
        caller = getattr(_caller, "key", None)
        value = default
        with _lock:
            for region, key in ((self.region_name, caller), (None, caller), (self.region_name, None), (None, None)):
                if (service_code, quota_code, region, key) in _values:
                    value = _values[(service_code, quota_code, region, key)]
                    break
        return {
            "ServiceCode": service_code,
            "ServiceName": service_name,
            "QuotaArn": f"arn:aws:servicequotas:{self.region_name}:{self.account_id}:{service_code}/{quota_code}",
            "QuotaCode": quota_code,
            "QuotaName": name,
            "Value": value,
            "Unit": "None",
            "Adjustable": True,
            "GlobalQuota": False,
        }

    ServiceQuotasBackend.get_service_quota = get_service_quota


def set_value(body: object) -> dict:
    if not isinstance(body, dict):
        raise ValueError("expected an object")
    key = (body.get("serviceCode"), body.get("quotaCode"))
    if key not in DEFAULTS:
        raise ValueError(f"serviceCode/quotaCode: only {sorted(DEFAULTS)} are emulated")
    value = body.get("value")
    if not isinstance(value, (int, float)) or value < 0:
        raise ValueError("value: expected a number >= 0")
    region = body.get("region")
    caller = body.get("accessKeyId")
    with _lock:
        _values[(key[0], key[1], region, caller)] = float(value)
    return listing()


def listing() -> dict:
    with _lock:
        return {"quotas": [{"serviceCode": s, "quotaCode": q, "region": r, "accessKeyId": k, "value": v}
                           for (s, q, r, k), v in sorted(_values.items(), key=str)]}


def reset(access_key_id: str | None = None) -> dict:
    """Every value, or only those set for `access_key_id`."""
    with _lock:
        doomed = [key for key in _values if access_key_id is None or key[3] == access_key_id]
        for key in doomed:
            del _values[key]
    return {"removed": len(doomed)}
