"""ECS refuses a service whose load balancer names a container port the task definition lacks.

moto accepts any loadBalancers entry, so a service could register targets on a port no
container declares and the mistake would only show later, if at all. ECS checks each entry
against the service's task definition when the service is created or updated (a new task
definition, or new load balancers), and refuses the call before anything runs:

- a containerName no container of the task definition has:
  InvalidParameterException "The container <name> does not exist in the task definition."
- a containerPort absent from that container's portMappings:
  InvalidParameterException "The container <name> did not have a container port <port> defined."

The target group's own port does not matter to ECS: it registers each task's address at the
loadBalancers containerPort (see ecs_control_plane), as AWS does for `ip` target groups.
"""

from __future__ import annotations

from moto.ecs.exceptions import InvalidParameterException
from moto.ecs.models import EC2ContainerServiceBackend

from .timed_state import wrap


def install() -> None:
    wrap(EC2ContainerServiceBackend, "create_service", _checking_create)
    wrap(EC2ContainerServiceBackend, "update_service", _checking_update)


def check(backend: EC2ContainerServiceBackend, task_definition: str | None, load_balancers: list | None) -> None:
    """Raises ECS's InvalidParameterException for the first loadBalancers entry whose container
    or port the task definition does not declare; entries without containerName (classic
    load balancers by instance) and services without a task definition are not checked."""
    if not task_definition or not load_balancers:
        return
    definition = backend.describe_task_definition(task_definition)
    containers = {c.get("name"): c for c in definition.container_definitions}
    for balancer in load_balancers:
        name = balancer.get("containerName")
        if name is None:
            continue
        container = containers.get(name)
        if container is None:
            raise InvalidParameterException(f"The container {name} does not exist in the task definition.")
        port = balancer.get("containerPort")
        declared = {int(m["containerPort"]) for m in container.get("portMappings") or [] if m.get("containerPort") is not None}
        if port is None or int(port) not in declared:
            raise InvalidParameterException(f"The container {name} did not have a container port {port} defined.")


# moto's positional order, which its response handler uses (other wrappers hide the signature).
_CREATE_PARAMETERS = ("cluster_str", "service_name", "desired_count", "task_definition_str", "load_balancers")


def _checking_create(original):
    def create_service(self, *args, **kwargs):
        given = {**dict(zip(_CREATE_PARAMETERS, args)), **kwargs}
        check(self, given.get("task_definition_str"), given.get("load_balancers"))
        return original(self, *args, **kwargs)

    return create_service


def _checking_update(original):
    def update_service(self, service_properties):
        task_definition = service_properties.get("task_definition")
        load_balancers = service_properties.get("load_balancers")
        if task_definition or load_balancers:
            current = self._get_service(service_properties.get("cluster", "default"), service_properties["service"].split("/")[-1])
            check(self, task_definition or current.task_definition,
                  load_balancers if load_balancers is not None else current.load_balancers)
        return original(self, service_properties)

    return update_service
