"""Service Quotas values moto does not know: the Fargate On-Demand vCPU quota (service code
`fargate`, quota code L-3032A538) that `tpsctl capacity` and `plan` compare the tasks with.
GetServiceQuota answers it per region, from `/_tps/service-quotas` (POST
{"serviceCode","quotaCode","value","region"?}, GET, DELETE to restore); by default 4000 vCPU,
a value the emulator chose so the project's own stacks fit (AWS sets each account's own).
Other codes fall through to moto (its VPC table, else NoSuchResourceException).
"""

from __future__ import annotations

import threading

from moto.servicequotas.models import ServiceQuotasBackend

DEFAULTS = {
    ("fargate", "L-3032A538"): ("Fargate On-Demand vCPU resource count", 4000.0),
}

_lock = threading.Lock()
_values: dict[tuple[str, str, str | None], float] = {}


def install() -> None:
    original = ServiceQuotasBackend.get_service_quota

    def get_service_quota(self, service_code: str, quota_code: str):
        known = DEFAULTS.get((service_code, quota_code))
        if known is None:
            return original(self, service_code, quota_code)
        name, default = known
        with _lock:
            value = _values.get((service_code, quota_code, self.region_name),
                                _values.get((service_code, quota_code, None), default))
        return {
            "ServiceCode": service_code,
            "ServiceName": "AWS Fargate",
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
    with _lock:
        _values[(key[0], key[1], region)] = float(value)
    return listing()


def listing() -> dict:
    with _lock:
        return {"quotas": [{"serviceCode": s, "quotaCode": q, "region": r, "value": v}
                           for (s, q, r), v in sorted(_values.items(), key=str)]}


def reset() -> dict:
    with _lock:
        removed = len(_values)
        _values.clear()
    return {"removed": removed}
