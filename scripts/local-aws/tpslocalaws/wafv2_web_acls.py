"""WAFv2 web ACLs of the CLOUDFRONT scope as a distribution uses them, where moto 5.2.1 differs:

- CreateWebACL of a name the scope already has answers AWS's WAFDuplicateItemException (moto:
  `WafV2DuplicateItem`), so a create retried after a lost answer finds the ACL by name.
- A rate-based rule's Limit outside 10..2,000,000,000 is WAFInvalidParameterException on create
  and update (moto stores it).
- CloudFront CreateDistribution / UpdateDistribution naming a WebACLId that is not the ARN of an
  existing CLOUDFRONT-scope web ACL answer InvalidWebACLId (moto stores any string).
- DeleteWebACL of an ACL a distribution still names answers WAFAssociatedItemException (moto
  deletes it), so `down` must let the distribution go first.
"""

from __future__ import annotations

from moto.cloudfront.exceptions import CloudFrontException
from moto.cloudfront.models import CloudFrontBackend
from moto.wafv2.exceptions import WAFv2ClientError
from moto.wafv2.models import WAFV2Backend, wafv2_backends

from .timed_state import wrap

GLOBAL = "global"
LIMITS = (10, 2_000_000_000)


class WAFDuplicateItemException(WAFv2ClientError):
    def __init__(self) -> None:
        super().__init__("WAFDuplicateItemException",
                         "AWS WAF couldn't perform the operation because some resource in your request is a duplicate of an existing one.")


class WAFInvalidParameterException(WAFv2ClientError):
    def __init__(self, message: str) -> None:
        super().__init__("WAFInvalidParameterException", message)


class WAFAssociatedItemException(WAFv2ClientError):
    def __init__(self) -> None:
        super().__init__("WAFAssociatedItemException",
                         "AWS WAF couldn't perform the operation because your resource is being used by another resource or it's associated with another resource.")


class InvalidWebACLId(CloudFrontException):
    def __init__(self, value: str) -> None:
        super().__init__("InvalidWebACLId", f"Web ACL is not accessible by the requester or does not exist: {value}")


def install() -> None:
    wrap(WAFV2Backend, "create_web_acl", _create_checked)
    wrap(WAFV2Backend, "update_web_acl", _update_checked)
    wrap(WAFV2Backend, "delete_web_acl", _delete_unless_associated)
    wrap(CloudFrontBackend, "create_distribution_with_tags", _distribution_checked(0))
    wrap(CloudFrontBackend, "update_distribution", _distribution_checked(0))


def _check_limits(rules) -> None:
    for rule in rules or []:
        statement = (rule or {}).get("Statement") or {}
        rate = statement.get("RateBasedStatement")
        if rate is not None:
            limit = rate.get("Limit")
            if not isinstance(limit, int) or not LIMITS[0] <= limit <= LIMITS[1]:
                raise WAFInvalidParameterException(
                    f"Error reason: The value is out of range (Limit {limit}), field: RATE_BASED_STATEMENT_LIMIT, "
                    f"parameter: {limit}")


def _create_checked(original):
    def create_web_acl(self, name, visibility_config, default_action, scope, description, tags, rules, *args, **kwargs):
        _check_limits(rules)
        try:
            return original(self, name, visibility_config, default_action, scope, description, tags, rules, *args, **kwargs)
        except WAFv2ClientError as error:
            if getattr(error, "error_type", "") == "WafV2DuplicateItem" or "duplicate" in str(error).lower():
                raise WAFDuplicateItemException() from None
            raise

    return create_web_acl


def _update_checked(original):
    def update_web_acl(self, name, _id, default_action, rules, *args, **kwargs):
        _check_limits(rules)
        return original(self, name, _id, default_action, rules, *args, **kwargs)

    return update_web_acl


def _associated_distributions(account_id: str, arn: str) -> list[str]:
    from moto.cloudfront.models import cloudfront_backends
    names = []
    for backend in list(cloudfront_backends[account_id].values()):
        for distribution in list(backend.distributions.values()):
            if getattr(distribution.distribution_config, "WebACLId", "") == arn:
                names.append(distribution.distribution_id)
    return names


def _delete_unless_associated(original):
    def delete_web_acl(self, name, scope, _id, lock_token):
        for arn, acl in list(self.wacls.items()):
            if acl.name == name and arn.endswith(f"/{_id}") and _associated_distributions(self.account_id, arn):
                raise WAFAssociatedItemException()
        return original(self, name, scope, _id, lock_token)

    return delete_web_acl


def _distribution_checked(_unused):
    def make(original):
        def call(self, *args, **kwargs):
            config = kwargs.get("dist_config", kwargs.get("distribution_config", args[0] if args else None))
            value = (config or {}).get("WebACLId") or ""
            if value:
                acls = wafv2_backends[self.account_id][GLOBAL].wacls
                if value not in acls:
                    raise InvalidWebACLId(value)
            return original(self, *args, **kwargs)

        return call

    return make
