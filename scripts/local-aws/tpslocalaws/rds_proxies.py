"""RDS Proxy calls answered as AWS answers them where moto 5.2.1 does not.

- Every call naming a proxy that does not exist (Delete, DescribeDBProxyTargets,
  DescribeDBProxyTargetGroups, ModifyDBProxyTargetGroup, Register/DeregisterDBProxyTargets) is
  DBProxyNotFoundFault (moto raises a KeyError, an HTTP 500), so `down` and a resumed `up` can
  tell "gone" from "broken".
- RegisterDBProxyTargets of a cluster already registered is DBProxyTargetAlreadyRegisteredFault
  (moto appends a duplicate target), and of a cluster that does not exist DBClusterNotFoundFault.
"""

from __future__ import annotations

from moto.rds.exceptions import DBClusterNotFoundError, DBProxyNotFoundFault, RDSClientError
from moto.rds.models import RDSBackend

from .timed_state import wrap

_NAMED_CALLS = {
    "delete_db_proxy": "proxy_name",
    "describe_db_proxy_targets": "proxy_name",
    "describe_db_proxy_target_groups": "proxy_name",
    "modify_db_proxy_target_group": "proxy_name",
    "register_db_proxy_targets": "db_proxy_name",
    "deregister_db_proxy_targets": "db_proxy_name",
}


class DBProxyTargetAlreadyRegisteredFault(RDSClientError):
    def __init__(self, target: str, proxy: str) -> None:
        super().__init__("DBProxyTargetAlreadyRegisteredFault",
                         f"The target {target} is already registered with proxy {proxy}.")


def install() -> None:
    wrap(RDSBackend, "register_db_proxy_targets", _registered_once)
    for name, parameter in _NAMED_CALLS.items():
        wrap(RDSBackend, name, _proxy_must_exist(parameter))


def _proxy_must_exist(parameter: str):
    def make(original):
        def call(self, *args, **kwargs):
            name = kwargs.get(parameter, args[0] if args else None)
            if name not in self.db_proxies:
                raise DBProxyNotFoundFault(str(name))
            return original(self, *args, **kwargs)

        return call

    make.__qualname__ = f"_proxy_must_exist.{parameter}"
    return make


def _registered_once(original):
    def register(self, db_proxy_name, target_group_name, db_cluster_identifiers, db_instance_identifiers):
        proxy = self.db_proxies.get(db_proxy_name)
        if proxy is None:
            raise DBProxyNotFoundFault(str(db_proxy_name))
        group = proxy.proxy_target_groups[target_group_name or "default"]
        registered = {target.rds_resource_id for target in group.targets}
        for identifier in list(db_cluster_identifiers or []) + list(db_instance_identifiers or []):
            if identifier in registered:
                raise DBProxyTargetAlreadyRegisteredFault(identifier, db_proxy_name)
        for identifier in db_cluster_identifiers or []:
            if identifier not in self.clusters:
                raise DBClusterNotFoundError(identifier)
        return original(self, db_proxy_name, target_group_name, db_cluster_identifiers, db_instance_identifiers)

    return register
