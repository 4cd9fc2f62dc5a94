"""ECS tasks moto cannot run.

- moto adds up container memory to place tasks and fails with a TypeError when only the
  task-level memory is set, which is how Fargate task definitions are usually written.
- An awsvpc task in a VPC without DNS hostnames crashed moto (its ENI has no DNS name).
"""

from __future__ import annotations

from types import SimpleNamespace

from moto.ec2.models.elastic_network_interfaces import NetworkInterface
from moto.ecs.models import EC2ContainerServiceBackend


def install() -> None:
    if not hasattr(NetworkInterface, "private_dns_name"):
        NetworkInterface.private_dns_name = None  # instances with DNS hostnames set their own
    original = EC2ContainerServiceBackend._calculate_task_resource_requirements
    if getattr(original, "_tps_wrapped", False):
        return

    def calculate(task_definition):
        containers = [
            dict(c, memory=c.get("memory") or c.get("memoryReservation") or 0)
            if "Memory" not in c and "MemoryReservation" not in c else c
            for c in task_definition.container_definitions
        ]
        return original(SimpleNamespace(container_definitions=containers))

    calculate._tps_wrapped = True  # type: ignore[attr-defined]
    EC2ContainerServiceBackend._calculate_task_resource_requirements = staticmethod(calculate)
