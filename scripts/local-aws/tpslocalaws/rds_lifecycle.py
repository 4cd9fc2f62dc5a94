"""RDS clusters and instances that take time, as Aurora does.

- CreateDBCluster / CreateDBInstance: `creating` -> `available` (delays "rds-cluster",
  "rds-instance"); moto flips to `available` on the first read.
- DeleteDBInstance / DeleteDBCluster: the resource stays visible as `deleting` for the
  delay, then disappears (moto removes it at once). An instance that is `deleting` no
  longer counts as a cluster member, so the cluster can be deleted after its instances,
  as on AWS; a new resource with the same identifier is refused until it is gone.
- DeleteDBCluster: the cluster's automated snapshots (`rds:<cluster>-<minute>`) go with it, as
  on AWS (moto keeps them, so `up → down → up` within a minute got
  DBClusterSnapshotAlreadyExistsFault); manual and final snapshots stay.
- DeleteDBSubnetGroup: refused with InvalidDBSubnetGroupStateFault while a cluster or instance
  (even one still `deleting`) uses the group (moto deletes it at once).
"""

from __future__ import annotations

from moto.rds.models import DBCluster, DBInstance, RDSBackend

from .timed_state import timed_status, wrap

_GONE = "deleted"  # never shown: resources in this state are purged before any read


def install() -> None:
    cluster_status = timed_status("status", {"available": "creating", _GONE: "deleting"}, "rds-cluster")
    instance_status = timed_status("status", {"available": "creating", _GONE: "deleting"}, "rds-instance")
    DBCluster.status = cluster_status
    DBInstance.status = instance_status
    wrap(DBCluster, "__init__", _starting_as_creating)
    DBCluster._members = property(_members_not_deleting)
    for name in ("describe_db_instances", "describe_db_clusters", "create_db_instance", "create_db_cluster"):
        wrap(RDSBackend, name, _purging_first)
    wrap(RDSBackend, "delete_db_instance", _kept_while_deleting("databases", "db_instance_identifier"))
    wrap(RDSBackend, "delete_db_cluster", _kept_while_deleting("clusters", "cluster_identifier"))
    wrap(RDSBackend, "delete_subnet_group", _refused_while_in_use)
    wrap(RDSBackend, "delete_db_cluster", _dropping_automated_snapshots)


def _starting_as_creating(original):
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.status = "available"  # through timed_status: `creating` for the delay

    return __init__


def _members_not_deleting(cluster):
    from moto.rds.models import DBInstanceClustered

    return [
        db for db in cluster.backend.databases.values()
        if isinstance(db, DBInstanceClustered)
        and db.db_cluster_identifier == cluster.resource_id
        and db.status not in ("deleting", _GONE)
    ]


def _already_deleting(table_name: str, identifier: str) -> Exception:
    from moto.rds.exceptions import InvalidDBClusterStateFault, InvalidDBInstanceStateFault

    if table_name == "clusters":
        return InvalidDBClusterStateFault(f"DB cluster {identifier} is already being deleted.")
    return InvalidDBInstanceStateFault(f"Instance {identifier} is already being deleted.")


def _purge(backend: RDSBackend) -> None:
    for table in (backend.databases, backend.clusters):
        for identifier, resource in list(table.items()):
            if resource.status == _GONE:
                table.pop(identifier, None)


def _purging_first(original):
    def method(self, *args, **kwargs):
        _purge(self)
        return original(self, *args, **kwargs)

    return method


def _kept_while_deleting(table_name: str, id_argument: str):
    def make(original):
        def delete(self, *args, **kwargs):
            _purge(self)
            identifier = kwargs.get(id_argument, args[0] if args else None)
            table = getattr(self, table_name)
            existing = table.get(identifier)
            if existing is not None and existing.status == "deleting":
                raise _already_deleting(table_name, identifier)
            resource = original(self, *args, **kwargs)
            resource.status = _GONE  # `deleting` for the delay, then purged
            table[identifier] = resource
            return resource

        return delete

    return make


def _dropping_automated_snapshots(original):
    def delete(self, *args, **kwargs):
        identifier = kwargs.get("cluster_identifier", args[0] if args else None)
        cluster = original(self, *args, **kwargs)
        for snapshot_id, snapshot in list(self.cluster_snapshots.items()):
            if snapshot.snapshot_type == "automated" and snapshot.db_cluster_identifier == identifier:
                self.cluster_snapshots.pop(snapshot_id, None)
        return cluster

    return delete


def _refused_while_in_use(original):
    def delete_subnet_group(self, subnet_name: str):
        from moto.rds.exceptions import RDSClientError

        _purge(self)
        users = [identifier for table in (self.clusters, self.databases) for identifier, resource in table.items()
                 if _subnet_group_name(resource) == subnet_name]
        if users:
            raise RDSClientError("InvalidDBSubnetGroupStateFault",
                                 f"Cannot delete the subnet group '{subnet_name}' because at least one database "
                                 f"instance or cluster is still using it: {', '.join(sorted(users))}.")
        return original(self, subnet_name)

    return delete_subnet_group


def _subnet_group_name(resource) -> str | None:
    """A cluster's or instance's DB subnet group (moto's DBInstance property is write-only)."""
    fields = vars(resource)
    return fields.get("_db_subnet_group_name", fields.get("db_subnet_group_name"))
