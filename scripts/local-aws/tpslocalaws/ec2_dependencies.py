"""EC2 deletions refused while something still depends on the resource, as AWS refuses them.

moto lets a teardown delete things in the wrong order; AWS answers DependencyViolation. Here:

- DeleteSubnet while a NAT gateway (not `deleted`), an interface VPC endpoint, a load
  balancer or a running ECS task still has a network interface in it.
- DeleteSecurityGroup while another group's rule references it, or a VPC endpoint, load
  balancer, RDS cluster or instance, ElastiCache replication group or running ECS task uses it.
- DetachInternetGateway while a NAT gateway in the VPC still maps a public address.
"""

from __future__ import annotations

from typing import Iterator

from moto.ec2.exceptions import DependencyViolationError
from moto.ec2.models.internet_gateways import InternetGatewayBackend
from moto.ec2.models.security_groups import SecurityGroupBackend
from moto.ec2.models.subnets import SubnetBackend

from .timed_state import wrap


def install() -> None:
    wrap(SubnetBackend, "delete_subnet", _refusing_used_subnets)
    wrap(SecurityGroupBackend, "delete_security_group", _refusing_used_groups)
    wrap(InternetGatewayBackend, "detach_internet_gateway", _refusing_mapped_addresses)


def _refusing_used_subnets(original):
    def delete_subnet(self, subnet_id):
        for user in _subnet_users(self, subnet_id):
            raise DependencyViolationError(f"The subnet '{subnet_id}' has dependencies and cannot be deleted. ({user})")
        return original(self, subnet_id)

    return delete_subnet


def _refusing_used_groups(original):
    def delete_security_group(self, name=None, group_id=None):
        if group_id:
            for user in _group_users(self, group_id):
                raise DependencyViolationError(f"resource {group_id} has a dependent object ({user})")
        return original(self, name=name, group_id=group_id)

    return delete_security_group


def _refusing_mapped_addresses(original):
    def detach_internet_gateway(self, internet_gateway_id, vpc_id):
        for gateway in self.nat_gateways.values():
            if gateway.vpc_id == vpc_id and gateway.state != "deleted" and gateway.connectivity_type != "private":
                raise DependencyViolationError(
                    f"Network {vpc_id} has some mapped public address(es). Please unmap those public address(es) "
                    f"before detaching the gateway. ({gateway.id})"
                )
        return original(self, internet_gateway_id, vpc_id)

    return detach_internet_gateway


def _subnet_users(ec2, subnet_id: str) -> Iterator[str]:
    for gateway in ec2.nat_gateways.values():
        if gateway.subnet_id == subnet_id and gateway.state != "deleted":
            yield gateway.id
    for endpoint in ec2.vpc_end_points.values():
        if endpoint.state != "deleted" and subnet_id in (endpoint.subnet_ids or []):
            yield endpoint.id
    for balancer in _load_balancers(ec2):
        if any(getattr(s, "id", s) == subnet_id for s in balancer.subnets):
            yield balancer.arn
    for task in _running_tasks(ec2):
        if subnet_id in _task_network(task).get("subnets", []):
            yield task.task_arn


def _group_users(ec2, group_id: str) -> Iterator[str]:
    for groups in ec2.groups.values():
        for group in groups.values():
            if group.id == group_id:
                continue
            for rule in list(group.ingress_rules) + list(group.egress_rules):
                if (rule.source_group or {}).get("GroupId") == group_id:
                    yield group.id
    for endpoint in ec2.vpc_end_points.values():
        if endpoint.state != "deleted" and group_id in (getattr(endpoint, "security_group_ids", None) or []):
            yield endpoint.id
    for balancer in _load_balancers(ec2):
        if group_id in (balancer.security_groups or []):
            yield balancer.arn
    for task in _running_tasks(ec2):
        if group_id in _task_network(task).get("securityGroups", []):
            yield task.task_arn
    yield from _data_stores_using(ec2, group_id)


def _data_stores_using(ec2, group_id: str) -> Iterator[str]:
    from moto.elasticache.models import elasticache_backends
    from moto.rds.models import rds_backends

    rds = rds_backends[ec2.account_id][ec2.region_name]
    for resource in list(rds.clusters.values()) + list(rds.databases.values()):
        if resource.status != "deleted" and group_id in (getattr(resource, "vpc_security_group_ids", None) or []):
            yield resource.arn
    elasticache = elasticache_backends[ec2.account_id][ec2.region_name]
    for group in elasticache.replication_groups.values():
        if group.status != "deleted" and group_id in (group.security_group_ids or []):
            yield group.arn


def _load_balancers(ec2):
    from moto.elbv2.models import elbv2_backends

    return list(elbv2_backends[ec2.account_id][ec2.region_name].load_balancers.values())


def _running_tasks(ec2):
    from moto.ecs.models import ecs_backends

    ecs = ecs_backends[ec2.account_id][ec2.region_name]
    return [task for tasks in ecs.tasks.values() for task in tasks.values() if task.status != "STOPPED"]


def _task_network(task) -> dict:
    return (getattr(task, "network_configuration", None) or {}).get("awsvpcConfiguration") or {}
