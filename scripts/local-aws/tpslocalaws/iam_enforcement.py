"""IAM enforcement for role-session credentials (sts:AssumeRole / AssumeRoleWithWebIdentity).

Only requests signed with an access key id that moto's STS issued for a role that existed
when it was assumed are authorized; every other access key id (the tests' arbitrary AKID…
keys, IAM user keys, sessions of roles that never existed) keeps the allow-all behaviour.

Per request, the role's identity-based policies as they are *now* (inline policies plus
attached managed policies, AWS managed ones included) decide, as IAM does: an explicit Deny
wins, otherwise some Allow must match, otherwise the request is implicitly denied. A session
policy given to AssumeRole and the role's permissions boundary, when present, must allow the
request too. Nothing is cached between requests.

moto's own evaluator (moto/iam/access_control.py, IAMPolicy / IAMPolicyStatement) is not used
for statements: it turns an Allow whose Condition does not hold into a Deny, ignores
NotResource, matches actions case-sensitively and treats ARNs as regular expressions. The
role-session lookup and the policy collection follow its AssumedRoleAccessKey.

A denial is answered as an extension (instead of moto) in the protocol's own error format,
so it is logged with its status like every other answer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable
from urllib.parse import parse_qs, urlparse

from . import error_responses
from .request_info import AwsRequest

_ENVIRON_KEY = "tpslocalaws.iam_denial"

#: SigV4 signing names whose IAM action prefix differs.
IAM_PREFIX = {
    "monitoring": "cloudwatch",
    "tagging": "tag",
    "email": "ses",
    "elasticloadbalancing": "elasticloadbalancing",
    "application-autoscaling": "application-autoscaling",
}

#: API actions authorized as another IAM action (SQS authorizes batches as the single call).
ACTION_ALIASES = {
    "sqs": {
        "SendMessageBatch": "SendMessage",
        "DeleteMessageBatch": "DeleteMessage",
        "ChangeMessageVisibilityBatch": "ChangeMessageVisibility",
    },
}

#: Actions AWS allows whatever the policies say.
ALWAYS_ALLOWED = {"sts:GetCallerIdentity"}

#: Services whose JSON errors also carry the Query error code (awsQueryCompatible).
_QUERY_COMPATIBLE = {"sqs", "monitoring"}

#: ECS calls authorized against the cluster or service they name (others: `*` here).
_ECS_BY_CLUSTER_OR_SERVICE = {"DescribeClusters", "DeleteCluster", "PutClusterCapacityProviders", "UpdateClusterSettings",
                              "CreateService", "UpdateService", "DeleteService", "DescribeServices"}

_LOG_STREAM_ACTIONS = {"CreateLogStream", "PutLogEvents", "GetLogEvents", "DeleteLogStream"}


# --- role sessions ------------------------------------------------------------------------------

@dataclass(frozen=True)
class RoleSession:
    account_id: str
    partition: str
    role_arn: str
    session_name: str
    session_policy: str | None

    @property
    def principal_arn(self) -> str:
        return f"arn:{self.partition}:sts::{self.account_id}:assumed-role/{self.role_arn.split('/')[-1]}/{self.session_name}"


def install() -> None:
    """Marks each AssumeRole session with whether its role existed (only those are enforced)."""
    from moto.iam.models import iam_backends
    from moto.sts.models import STSBackend
    from moto.utilities.utils import get_partition

    if getattr(STSBackend.assume_role, "_tps_marks_sessions", False):
        return
    original = STSBackend.assume_role

    def assume_role(self, region_name: str, role_session_name: str, role_arn: str, *args, **kwargs):
        assumed = original(self, region_name, role_session_name, role_arn, *args, **kwargs)
        try:
            iam_backends[assumed.account_id][get_partition(region_name)].get_role_by_arn(role_arn)
            assumed.tps_enforced = True
        except Exception:
            assumed.tps_enforced = False  # moto lets any ARN be assumed; a phantom role has no policies to enforce
        return assumed

    assume_role._tps_marks_sessions = True  # type: ignore[attr-defined]
    STSBackend.assume_role = assume_role  # AssumeRoleWithWebIdentity goes through assume_role too


def find_session(access_key_id: str) -> RoleSession | None:
    from moto.sts.models import sts_backends

    for account_id, account in list(sts_backends.items()):
        for partition, backend in list(account.items()):
            for assumed in list(backend.assumed_roles):
                if assumed.access_key_id == access_key_id:
                    if not getattr(assumed, "tps_enforced", False):
                        return None
                    return RoleSession(account_id, assumed.partition, assumed.role_arn,
                                       assumed.session_name, assumed.policy or None)
    return None


# --- policy evaluation ------------------------------------------------------------------------

ALLOW, DENY, NEUTRAL = "allow", "deny", "neutral"


def _glob(pattern: str, value: str, ignore_case: bool = False) -> bool:
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, value, re.IGNORECASE | re.DOTALL if ignore_case else re.DOTALL) is not None


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class UnsupportedCondition(Exception):
    pass


_STRING_OPERATORS: dict[str, Callable[[str, str], bool]] = {
    "StringEquals": lambda want, have: want == have,
    "StringEqualsIgnoreCase": lambda want, have: want.lower() == have.lower(),
    "StringLike": lambda want, have: _glob(want, have),
}
_NEGATED = {"StringNotEquals": "StringEquals", "StringNotEqualsIgnoreCase": "StringEqualsIgnoreCase",
            "StringNotLike": "StringLike"}


def _conditions_hold(conditions: dict, context: dict[str, str]) -> bool:
    """True when every condition holds; raises UnsupportedCondition for operators/keys we cannot judge."""
    for operator, entries in conditions.items():
        if_exists = operator.endswith("IfExists")
        base = operator[: -len("IfExists")] if if_exists else operator
        if not isinstance(entries, dict):
            raise UnsupportedCondition(operator)
        for key, wanted in entries.items():
            have = _context_value(key, context)
            wanted_values = [str(v) for v in _as_list(wanted)]
            if base == "Null":
                is_null = have is None
                if not any((v.lower() == "true") == is_null for v in wanted_values):
                    return False
                continue
            if base in _STRING_OPERATORS:
                if have is None:
                    if if_exists:
                        continue
                    return False
                if not any(_STRING_OPERATORS[base](v, have) for v in wanted_values):
                    return False
            elif base in _NEGATED:
                if have is None:
                    continue  # a negated operator holds when the key is absent
                if any(_STRING_OPERATORS[_NEGATED[base]](v, have) for v in wanted_values):
                    return False
            else:
                raise UnsupportedCondition(operator)
    return True


_SUPPORTED_KEY = re.compile(r"^(aws|[a-z0-9-]+):resourcetag/.+$|^aws:(requestedregion|principalarn|principalaccount)$"
                            r"|^aws:principaltag/.+$|^secretsmanager:secretid$", re.IGNORECASE)


def _context_value(key: str, context: dict[str, str]) -> str | None:
    if not _SUPPORTED_KEY.match(key):
        raise UnsupportedCondition(key)
    lowered = key.lower()
    if "resourcetag/" in lowered:
        lowered = "resourcetag/" + lowered.split("resourcetag/", 1)[1]
    return context.get(lowered)


def _statement_result(statement: dict, action: str, resource: str, context: dict[str, str]) -> str:
    if "NotAction" in statement:
        if any(_glob(p, action, ignore_case=True) for p in _as_list(statement["NotAction"])):
            return NEUTRAL
    elif not any(_glob(p, action, ignore_case=True) for p in _as_list(statement.get("Action"))):
        return NEUTRAL

    def resource_matches(pattern: str) -> bool:
        # An action without a resource-level ARN (resource "*") only matches a "*" statement.
        return pattern == "*" if resource == "*" else _glob(pattern, resource)

    if "NotResource" in statement:
        if any(resource_matches(p) for p in _as_list(statement["NotResource"])):
            return NEUTRAL
    elif not any(resource_matches(p) for p in _as_list(statement.get("Resource"))):
        return NEUTRAL

    if statement.get("Condition"):
        try:
            if not _conditions_hold(statement["Condition"], context):
                return NEUTRAL
        except UnsupportedCondition:
            return NEUTRAL  # documented: a statement with an unsupported condition never applies
    return DENY if statement.get("Effect") == "Deny" else ALLOW


def evaluate(documents: Iterable[Any], action: str, resource: str, context: dict[str, str]) -> str:
    """ALLOW, DENY (explicit) or NEUTRAL (implicit deny) over a set of policy documents."""
    result = NEUTRAL
    for document in documents:
        if isinstance(document, str):
            try:
                document = json.loads(document)
            except ValueError:
                continue
        for statement in _as_list(document.get("Statement") if isinstance(document, dict) else None):
            if not isinstance(statement, dict):
                continue
            outcome = _statement_result(statement, action, resource, context)
            if outcome == DENY:
                return DENY
            if outcome == ALLOW:
                result = ALLOW
    return result


def _managed_document(policy: Any) -> Any:
    for version in getattr(policy, "versions", []):
        if version.is_default:
            return version.document
    return getattr(policy, "document", None)


def _role(session: RoleSession):
    from moto.iam.models import iam_backends
    try:
        return iam_backends[session.account_id][session.partition].get_role_by_arn(session.role_arn)
    except Exception:
        return None


def _permissions_boundary(session: RoleSession, role: Any) -> Any | None:
    arn = getattr(role, "permissions_boundary_arn", None)
    if not arn:
        return None
    from moto.iam.models import iam_backends
    backend = iam_backends[session.account_id][session.partition]
    policy = backend.managed_policies.get(arn)
    if policy is None:
        return {"Statement": []}  # a boundary that no longer exists allows nothing
    return _managed_document(policy)


# --- the request's resources and condition context ------------------------------------------------

@dataclass
class Target:
    arn: str
    tags: dict[str, str] = field(default_factory=dict)


def _tags(raw: Any) -> dict[str, str]:
    if isinstance(raw, dict):
        return {str(k): str(v) for k, v in raw.items()}
    out = {}
    for tag in raw or []:
        if isinstance(tag, dict):
            key = tag.get("Key", tag.get("key"))
            if key is not None:
                out[str(key)] = str(tag.get("Value", tag.get("value", "")))
    return out


def _params(request: AwsRequest, body: bytes, query_string: str = "") -> dict:
    if request.protocol in ("json", "rest-json"):
        try:
            value = json.loads(body or b"{}")
            return value if isinstance(value, dict) else {}
        except ValueError:
            return {}
    if request.protocol in ("query", "ec2"):
        flat = {k: v[0] for k, v in parse_qs(query_string).items()}
        flat.update({k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()})
        return flat
    return {}


def _secrets(params: dict, region: str, account: str, partition: str) -> list[Target]:
    from moto.secretsmanager.models import secretsmanager_backends

    ids = [params["SecretId"]] if isinstance(params.get("SecretId"), str) else []
    ids += [i for i in _as_list(params.get("SecretIdList")) if isinstance(i, str)]
    targets = []
    for secret_id in ids:
        secret = secretsmanager_backends[account][region].secrets.get(secret_id)
        if secret is not None:
            targets.append(Target(secret.arn, _tags(secret.tags)))
        elif secret_id.startswith("arn:"):
            targets.append(Target(secret_id))
        else:
            targets.append(Target(f"arn:{partition}:secretsmanager:{region}:{account}:secret:{secret_id}"))
    return targets


def _sqs(params: dict, path: str, region: str, account: str, partition: str) -> list[Target]:
    from moto.sqs.models import sqs_backends

    url = params.get("QueueUrl")
    if isinstance(url, str) and url:
        parts = [p for p in urlparse(url).path.split("/") if p]
    else:
        parts = [p for p in path.split("/") if p]
    if len(parts) >= 2:
        owner, name = parts[-2], parts[-1]
    elif isinstance(params.get("QueueName"), str):
        owner, name = str(params.get("QueueOwnerAWSAccountId") or account), params["QueueName"]
    else:
        return []
    queue = sqs_backends[owner][region].queues.get(name) if owner.isdigit() else None
    return [Target(f"arn:{partition}:sqs:{region}:{owner}:{name}", _tags(getattr(queue, "tags", None)))]


def _dynamodb(params: dict, region: str, account: str, partition: str) -> list[Target]:
    from moto.dynamodb.models import dynamodb_backends

    names: list[tuple[str, str | None]] = []
    if isinstance(params.get("TableName"), str):
        names.append((params["TableName"], params.get("IndexName")))
    if isinstance(params.get("ResourceArn"), str):
        names.append((params["ResourceArn"], None))
    request_items = params.get("RequestItems")
    for table in (request_items if isinstance(request_items, dict) else {}):
        names.append((str(table), None))
    for item in _as_list(params.get("TransactItems")):
        for operation in (item.values() if isinstance(item, dict) else []):
            if isinstance(operation, dict) and isinstance(operation.get("TableName"), str):
                names.append((operation["TableName"], None))
    targets, seen = [], set()
    for name, index in names:
        if name.startswith("arn:"):
            arn, table_name = name, name.split(":table/", 1)[-1].split("/", 1)[0]
        else:
            arn, table_name = f"arn:{partition}:dynamodb:{region}:{account}:table/{name}", name
        if index:
            arn += f"/index/{index}"
        if arn in seen:
            continue
        seen.add(arn)
        table = dynamodb_backends[account][region].tables.get(table_name)
        targets.append(Target(arn, _tags(getattr(table, "tags", None))))
    return targets


def _logs(action: str, params: dict, region: str, account: str, partition: str) -> list[Target]:
    from moto.logs.models import logs_backends

    group = params.get("logGroupName") or params.get("logGroupIdentifier")
    if not isinstance(group, str) or not group:
        return []
    if group.startswith("arn:"):
        group = group.split(":log-group:", 1)[-1].removesuffix(":*")
    stream = params.get("logStreamName") if action in _LOG_STREAM_ACTIONS else ""
    arn = f"arn:{partition}:logs:{region}:{account}:log-group:{group}:log-stream:{stream or ''}"
    log_group = logs_backends[account][region].groups.get(group)
    return [Target(arn, _tags(getattr(log_group, "tags", None)))]


def _ecr(params: dict, region: str, account: str, partition: str) -> list[Target]:
    name = params.get("repositoryName")
    if isinstance(params.get("resourceArn"), str):
        return [Target(params["resourceArn"])]
    if not isinstance(name, str):
        return []
    registry = params.get("registryId") or account
    return [Target(f"arn:{partition}:ecr:{region}:{registry}:repository/{name}")]


def _iam(params: dict, account: str, partition: str) -> list[Target]:
    """Role calls by RoleName (IAM is global: no region in the ARN)."""
    name = params.get("RoleName")
    return [Target(f"arn:{partition}:iam::{account}:role/{name}")] if isinstance(name, str) and name else []


def _ecs(params: dict, region: str, account: str, partition: str) -> list[Target]:
    """Cluster calls by `cluster` / `clusters` (names or ARNs); services by `service`/`serviceName`/`services`
    within `cluster`, as ECS authorizes them (`service/CLUSTER/NAME`)."""
    def cluster_arn(value: str) -> str:
        return value if value.startswith("arn:") else f"arn:{partition}:ecs:{region}:{account}:cluster/{value}"

    cluster = params.get("cluster") if isinstance(params.get("cluster"), str) else None
    services = [params[k] for k in ("service", "serviceName") if isinstance(params.get(k), str)]
    services += [v for v in _as_list(params.get("services")) if isinstance(v, str)]
    if services and cluster:
        name = cluster_arn(cluster).split(":cluster/", 1)[-1]
        return [Target(v if v.startswith("arn:") else f"arn:{partition}:ecs:{region}:{account}:service/{name}/{v}")
                for v in services]
    clusters = [v for v in _as_list(params.get("clusters")) if isinstance(v, str)]
    if cluster and not services:
        clusters.append(cluster)
    return [Target(cluster_arn(v)) for v in clusters]


def _ssm(params: dict, region: str, account: str, partition: str) -> list[Target]:
    names = [params["Name"]] if isinstance(params.get("Name"), str) else []
    names += [n for n in _as_list(params.get("Names")) if isinstance(n, str)]
    if not names and isinstance(params.get("Path"), str):
        names = [params["Path"]]
    return [Target(n if n.startswith("arn:") else f"arn:{partition}:ssm:{region}:{account}:parameter/{n.lstrip('/')}")
            for n in names]


def resources(request: AwsRequest, params: dict, path: str, account: str, partition: str) -> list[Target]:
    """The resource ARNs AWS authorizes the call against; [Target("*")] where we do not know one."""
    region = request.region or "us-east-1"
    service, action = request.service, request.action or ""
    targets: list[Target] = []
    if service == "secretsmanager":
        targets = _secrets(params, region, account, partition)
    elif service == "sqs":
        targets = _sqs(params, path, region, account, partition)
    elif service == "dynamodb":
        targets = _dynamodb(params, region, account, partition)
    elif service == "logs":
        targets = _logs(action, params, region, account, partition)
    elif service == "ecr" and action != "GetAuthorizationToken":
        targets = _ecr(params, region, account, partition)
    elif service == "ssm":
        targets = _ssm(params, region, account, partition)
    elif service == "iam":
        targets = _iam(params, account, partition)
    elif service == "ecs" and action in _ECS_BY_CLUSTER_OR_SERVICE:
        targets = _ecs(params, region, account, partition)
    elif service == "sts" and action in ("AssumeRole", "AssumeRoleWithWebIdentity") and isinstance(params.get("RoleArn"), str):
        targets = [Target(params["RoleArn"])]
    return targets or [Target("*")]


# --- the decision and its answer ----------------------------------------------------------------

@dataclass(frozen=True)
class Denial:
    principal: str
    action: str      # as the message spells it (SQS lowercases the action name)
    resource: str
    reason: str

    @property
    def message(self) -> str:
        on = "" if self.resource == "*" else f" on resource: {self.resource}"
        return f"User: {self.principal} is not authorized to perform: {self.action}{on} {self.reason}"


def iam_action(request: AwsRequest) -> str:
    service = request.service or ""
    action = request.action or ""
    action = ACTION_ALIASES.get(service, {}).get(action, action)
    return f"{IAM_PREFIX.get(service, service)}:{action}"


def authorize(session: RoleSession, request: AwsRequest, body: bytes, path: str, query_string: str = "") -> Denial | None:
    action = iam_action(request)
    if action in ALWAYS_ALLOWED:
        return None
    shown = action.lower() if request.service == "sqs" else action
    role = _role(session)
    if role is None:
        return Denial(session.principal_arn, shown, "*", f"because no identity-based policy allows the {shown} action")
    documents = list(role.policies.values()) + [_managed_document(p) for p in list(role.managed_policies.values())]
    boundary = _permissions_boundary(session, role)
    base_context = {
        "aws:requestedregion": request.region or "",
        "aws:principalarn": session.role_arn,
        "aws:principalaccount": session.account_id,
        **{f"aws:principaltag/{k.lower()}": v for k, v in _tags(role.tags).items()},
    }
    params = _params(request, body, query_string)
    if isinstance(params.get("SecretId"), str):
        base_context["secretsmanager:secretid"] = params["SecretId"]
    for target in resources(request, params, path, session.account_id, session.partition):
        context = dict(base_context)
        context.update({f"resourcetag/{k.lower()}": v for k, v in target.tags.items()})
        identity = evaluate(documents, action, target.arn, context)
        reason = None
        if identity == DENY:
            reason = "with an explicit deny in an identity-based policy"
        elif identity != ALLOW:
            reason = f"because no identity-based policy allows the {shown} action"
        elif boundary is not None and evaluate([boundary], action, target.arn, context) != ALLOW:
            reason = f"because no permissions boundary allows the {shown} action"
        elif session.session_policy and evaluate([session.session_policy], action, target.arn, context) != ALLOW:
            reason = f"because no session policy allows the {shown} action"
        if reason:
            return Denial(session.principal_arn, shown, target.arn, reason)
    return None


def render_denial(request: AwsRequest, denial: Denial, path: str) -> error_responses.ErrorResponse:
    message = denial.message
    if request.protocol in ("json", "smithy-rpc-v2-cbor"):
        status, code = (403, "AccessDeniedException") if request.service == "sqs" else (400, "AccessDeniedException")
    elif request.protocol == "ec2":
        status, code = 403, "UnauthorizedOperation"
        message = f"You are not authorized to perform this operation. {message}"
    elif request.protocol == "rest-json":
        status, code = 403, "AccessDeniedException"
    else:  # Query, REST-XML
        status, code = 403, "AccessDenied"
    response = error_responses.render(request.protocol, request.service, status, code, message,
                                       path=path, json_version=request.json_version)
    if request.service in _QUERY_COMPATIBLE and request.protocol in ("json", "smithy-rpc-v2-cbor"):
        response.headers.append(("x-amzn-query-error", "AccessDenied;Sender"))
    return response


class IamEnforcement:
    """Extension: answers a role session's request that its role's policies do not allow."""

    def __init__(self) -> None:
        install()

    def handles(self, request: AwsRequest, environ: dict) -> bool:
        key = request.access_key_id
        if not key or not key.startswith("ASIA"):
            return False
        session = find_session(key)
        if session is None:
            return False
        stream = environ["wsgi.input"]
        body = stream.read()
        stream.seek(0)
        denial = authorize(session, request, body, environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""))
        if denial is None:
            return False
        environ[_ENVIRON_KEY] = denial
        return True

    def __call__(self, request: AwsRequest, environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        response = render_denial(request, environ[_ENVIRON_KEY], path)
        start_response(f"{response.status} Error", response.headers + [("Content-Length", str(len(response.body)))])
        return [response.body]
