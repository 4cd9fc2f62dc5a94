"""Resource Groups Tagging API: the resource types tpsctl tags that moto leaves out.

`tpsctl down` sweeps by the stack's tags with GetResources; moto's version omits ECR
repositories, Elastic IPs and VPC endpoints, so a leak of those would go unnoticed. It
also lists resources that are already gone (INACTIVE ECS clusters and services, `deleted`
NAT gateways), which AWS drops, and crashes on an ECS cluster created without tags.
"""

from __future__ import annotations

from typing import Any, Iterator

from moto.resourcegroupstaggingapi.models import ResourceGroupsTaggingAPIBackend

from .timed_state import wrap


def install() -> None:
    wrap(ResourceGroupsTaggingAPIBackend, "_get_resources_generator", _with_missing_types)


def _with_missing_types(original):
    def generator(self, tag_filters=None, resource_type_filters=None) -> Iterator[dict[str, Any]]:
        for cluster in self.ecs_backend.clusters.values():
            if cluster.tags is None:
                cluster.tags = []
        gone = _gone_arns(self)
        for resource in original(self, tag_filters=tag_filters, resource_type_filters=resource_type_filters):
            if resource["ResourceARN"] not in gone:
                yield resource
        for resource_type, arn, tags in _extra_resources(self):
            service = resource_type.split(":", 1)[0]
            if resource_type_filters and service not in resource_type_filters and resource_type not in resource_type_filters:
                continue
            if tags and _matches(tags, tag_filters or []):
                yield {"ResourceARN": arn, "Tags": tags}

    return generator


def _extra_resources(backend: ResourceGroupsTaggingAPIBackend) -> Iterator[tuple[str, str, list[dict]]]:
    from moto.ecr.models import ecr_backends

    ecr = ecr_backends[backend.account_id][backend.region_name]
    for repository in ecr.repositories.values():
        yield "ecr:repository", repository.arn, ecr.tagger.list_tags_for_resource(repository.arn)["tags"]

    ec2 = backend.ec2_backend
    prefix = f"arn:{backend.partition}:ec2:{backend.region_name}:{backend.account_id}"
    for address in ec2.addresses:
        if address.allocation_id:
            yield "ec2:elastic-ip", f"{prefix}:elastic-ip/{address.allocation_id}", _ec2_tags(ec2, address.allocation_id)
    for endpoint in ec2.vpc_end_points.values():
        if endpoint.state != "deleted":
            yield "ec2:vpc-endpoint", f"{prefix}:vpc-endpoint/{endpoint.id}", _ec2_tags(ec2, endpoint.id)


def _gone_arns(backend: ResourceGroupsTaggingAPIBackend) -> set[str]:
    ecs = backend.ecs_backend
    gone = {c.arn for c in ecs.clusters.values() if c.status == "INACTIVE"}
    gone |= {s.physical_resource_id for s in ecs.services.values() if s.status == "INACTIVE"}
    prefix = f"arn:{backend.partition}:ec2:{backend.region_name}:{backend.account_id}"
    gone |= {f"{prefix}:natgateway/{n.id}" for n in backend.ec2_backend.nat_gateways.values() if n.state == "deleted"}
    return gone


def _ec2_tags(ec2, resource_id: str) -> list[dict]:
    return [{"Key": k, "Value": v} for k, v in ec2.tags.get(resource_id, {}).items()]


def _matches(tags: list[dict], tag_filters: list[dict]) -> bool:
    present = {t["Key"]: t["Value"] for t in tags}
    for tag_filter in tag_filters:
        key, values = tag_filter["Key"], tag_filter.get("Values") or []
        if key not in present or (values and present[key] not in values):
            return False
    return True
