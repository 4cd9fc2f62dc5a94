"""ECS cluster calls moto lacks or makes too lenient.

- UpdateClusterSettings (Container Insights on/off/enhanced): merges settings by name.
- DeleteCluster refuses while services are ACTIVE or DRAINING
  (ClusterContainsServicesException), as ECS does, so teardown order is tested.
"""

from __future__ import annotations

from moto.core.responses import ActionResult
from moto.ecs.exceptions import ECSException
from moto.ecs.models import EC2ContainerServiceBackend
from moto.ecs.responses import EC2ContainerServiceResponse

from .timed_state import wrap


class ClusterContainsServicesException(ECSException):
    code = "ClusterContainsServicesException"


def install() -> None:
    EC2ContainerServiceResponse.update_cluster_settings = _update_cluster_settings
    wrap(EC2ContainerServiceBackend, "delete_cluster", _refusing_while_services_run)


def _update_cluster_settings(self: EC2ContainerServiceResponse) -> ActionResult:
    cluster = self.ecs_backend._get_cluster(self._get_param("cluster"))
    merged = {s["name"]: s for s in (cluster.settings or [])}
    for setting in self._get_param("settings", []):
        merged[setting["name"]] = {"name": setting["name"], "value": setting["value"]}
    cluster.settings = list(merged.values())
    return ActionResult({"cluster": cluster})


def _refusing_while_services_run(original):
    def delete_cluster(self, cluster_str):
        cluster = self._get_cluster(cluster_str)
        for service in self.services.values():
            if service.cluster_name == cluster.name and service.status in ("ACTIVE", "DRAINING"):
                raise ClusterContainsServicesException(
                    "The Cluster cannot be deleted while Services are active."
                )
        return original(self, cluster_str)

    return delete_cluster
