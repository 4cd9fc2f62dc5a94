"""CloudFront distributions with CloudFront's optimistic locking and deployment states.

moto accepts any If-Match value, never changes a distribution's ETag, reports
`Deployed` at once and deletes enabled distributions. Here:

- Create/Update: `InProgress` -> `Deployed` (delay "cloudfront-distribution").
- Update/Delete: If-Match must be the current ETag (PreconditionFailed, 412); every update
  issues a new ETag.
- The default cache behavior may target an origin group (moto only accepts origins), as
  the two-region failover needs; the group's members must be origins of the distribution.
- Delete: only a disabled distribution that is `Deployed` (DistributionNotDisabled, 409),
  so the disable -> wait -> delete teardown is exercised.
"""

from __future__ import annotations

from moto.cloudfront.exceptions import CloudFrontException
from moto.cloudfront.exceptions import OriginDoesNotExist
from moto.cloudfront.models import CloudFrontBackend, Distribution, DistributionConfig, random_id

from .timed_state import timed_status, wrap


class PreconditionFailed(CloudFrontException):
    def __init__(self) -> None:
        super().__init__("PreconditionFailed", "The If-Match version is missing or not valid for the resource.")


class DistributionNotDisabled(CloudFrontException):
    def __init__(self) -> None:
        super().__init__("DistributionNotDisabled", "The distribution you are trying to delete has not been disabled.")


def install() -> None:
    Distribution.status = timed_status("status", {"Deployed": "InProgress"}, "cloudfront-distribution")
    wrap(Distribution, "__init__", _deploying)
    wrap(DistributionConfig, "__init__", _accepting_origin_groups)
    wrap(CloudFrontBackend, "update_distribution", _checking_etag_on_update)
    wrap(CloudFrontBackend, "delete_distribution", _checking_before_delete)


def _deploying(original):
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.status = "Deployed"  # `InProgress` for the delay

    return __init__


def _accepting_origin_groups(original):
    def __init__(self, config):
        try:
            original(self, config)
        except OriginDoesNotExist:
            # moto raised at its last check, after normalising `config` in place.
            target = config["DefaultCacheBehavior"].target_origin_id
            origins = {o.id for o in config["Origins"]["Items"]}
            groups = {g["Id"]: g for g in (config.get("OriginGroups") or {}).get("Items") or []}
            group = groups.get(target)
            members = [m["OriginId"] for m in ((group or {}).get("Members") or {}).get("Items") or []]
            if group is None or not members or not set(members) <= origins:
                raise
            self.__dict__.update(config)
            self.caller_reference = config["CallerReference"]

    return __init__


def _current(backend: CloudFrontBackend, distribution_id: str) -> Distribution | None:
    return backend.distributions.get(distribution_id)


def _checking_etag_on_update(original):
    def update_distribution(self, dist_config, _id, if_match):
        distribution = _current(self, _id)
        if distribution is not None and if_match and if_match != distribution.etag:
            raise PreconditionFailed()
        original(self, dist_config, _id, if_match)
        distribution = _current(self, _id)
        distribution.etag = _new_etag()
        distribution.status = "Deployed"  # `InProgress` again for the delay
        return distribution, distribution.location, distribution.etag

    return update_distribution


def _checking_before_delete(original):
    def delete_distribution(self, distribution_id, if_match):
        distribution = _current(self, distribution_id)
        if distribution is not None and if_match:
            if if_match != distribution.etag:
                raise PreconditionFailed()
            if _enabled(distribution) or distribution.status != "Deployed":
                raise DistributionNotDisabled()
        return original(self, distribution_id, if_match)

    return delete_distribution


def _enabled(distribution: Distribution) -> bool:
    value = getattr(distribution.distribution_config, "Enabled", False)
    return value is True or str(value).lower() == "true"


def _new_etag() -> str:
    return random_id()
