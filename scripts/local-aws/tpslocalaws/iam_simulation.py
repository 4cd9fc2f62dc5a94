"""IAM SimulatePrincipalPolicy, which moto 5.2.1 lacks: `tpsctl verify` asks it whether a task
execution role may read each secret its task definitions reference.

A role's (or user's) identity-based policies as they are now — inline ones plus attached managed
ones, AWS managed included — are judged by iam_enforcement's evaluator, the same one that
enforces role sessions, so "simulated allowed" and "really allowed" cannot disagree here. The
caller's ContextEntries are the condition context (e.g. `secretsmanager:ResourceTag/…`); like
AWS, the simulation reads no resource tags itself. A permissions boundary, when set, must allow
the action too. The result per action and resource is `allowed`, `explicitDeny` or
`implicitDeny`; an unknown principal is NoSuchEntity, and a source that is not a role or user
ARN is InvalidInput.
"""

from __future__ import annotations

from moto.core.responses import ActionResult
from moto.iam.exceptions import InvalidInput
from moto.iam.responses import IamResponse

from . import iam_enforcement

_DECISIONS = {iam_enforcement.ALLOW: "allowed", iam_enforcement.DENY: "explicitDeny",
              iam_enforcement.NEUTRAL: "implicitDeny"}


def install() -> None:
    IamResponse.simulate_principal_policy = _simulate_principal_policy


def _principal(backend, arn: str):
    kind = arn.split(":", 5)[-1].split("/", 1)[0] if arn.count(":") >= 5 else ""
    if kind == "role":
        return backend.get_role_by_arn(arn)  # NoSuchEntity when unknown
    if kind == "user":
        name = arn.rsplit("/", 1)[-1]
        return backend.get_user(name)
    raise InvalidInput(f"PolicySourceArn {arn} is not the ARN of a role or user")


def _boundary(backend, principal):
    arn = getattr(principal, "permissions_boundary_arn", None)
    if not arn:
        return None
    policy = backend.managed_policies.get(arn)
    return {"Statement": []} if policy is None else iam_enforcement._managed_document(policy)


def context_from(entries: list) -> dict[str, str]:
    """ContextEntries as the evaluator's context: lowercased keys, the first value of each."""
    context: dict[str, str] = {}
    for entry in entries or []:
        key = str(entry.get("ContextKeyName", "")).lower()
        values = entry.get("ContextKeyValues") or []
        if not key or not values:
            continue
        if "resourcetag/" in key:
            key = "resourcetag/" + key.split("resourcetag/", 1)[1]
        context[key] = str(values[0])
    return context


def decide(documents: list, boundary, action: str, resource: str, context: dict[str, str]) -> str:
    decision = iam_enforcement.evaluate(documents, action, resource, context)
    if decision == iam_enforcement.ALLOW and boundary is not None \
            and iam_enforcement.evaluate([boundary], action, resource, context) != iam_enforcement.ALLOW:
        decision = iam_enforcement.NEUTRAL
    return _DECISIONS[decision]


def _simulate_principal_policy(self: IamResponse):
    source = self._get_param("PolicySourceArn") or ""
    actions = self._get_param("ActionNames", []) or []
    resources = self._get_param("ResourceArns", []) or ["*"]
    context = context_from(self._get_param("ContextEntries", []))
    backend = self.backend
    principal = _principal(backend, source)
    documents = list(principal.policies.values()) + [
        iam_enforcement._managed_document(p) for p in list(principal.managed_policies.values())]
    boundary = _boundary(backend, principal)
    results = []
    for action in actions:
        for resource in resources:
            results.append({
                "EvalActionName": action,
                "EvalResourceName": resource,
                "EvalDecision": decide(documents, boundary, action, resource, context),
                "MatchedStatements": [],
                "MissingContextValues": [],
            })
    return ActionResult({"EvaluationResults": results, "IsTruncated": False})
