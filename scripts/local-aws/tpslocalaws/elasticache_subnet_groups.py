"""ElastiCache cache subnet groups that can be changed and deleted, as `down` needs.

moto 5.2.1 creates and describes cache subnet groups but has no DeleteCacheSubnetGroup or
ModifyCacheSubnetGroup. Here, as AWS does:

- DeleteCacheSubnetGroup: refused with CacheSubnetGroupInUse while a cache cluster or a
  replication group (even one still `deleting`) uses the group; a missing group answers
  CacheSubnetGroupNotFoundFault.
- ModifyCacheSubnetGroup: replaces the description and/or subnets (all in one VPC).
"""

from __future__ import annotations

from moto.core.responses import ActionResult, EmptyResult
from moto.elasticache.exceptions import CacheSubnetGroupNotFound, ElastiCacheException
from moto.elasticache.models import CacheSubnetGroup, ElastiCacheBackend
from moto.elasticache.responses import ElastiCacheResponse

from .elasticache_groups import purge_deleted_groups


class CacheSubnetGroupInUse(ElastiCacheException):
    code = "CacheSubnetGroupInUse"


def install() -> None:
    ElastiCacheResponse.delete_cache_subnet_group = _delete_response
    ElastiCacheResponse.modify_cache_subnet_group = _modify_response


def _users(backend: ElastiCacheBackend, name: str) -> list[str]:
    """Ids of the clusters and replication groups placed in subnet group `name`."""
    purge_deleted_groups(backend)
    users = [group_id for group_id, group in backend.replication_groups.items()
             if getattr(group, "cache_subnet_group_name", None) == name]
    users += [cluster_id for cluster_id, cluster in backend.cache_clusters.items()
              if getattr(cluster, "cache_subnet_group_name", None) == name]
    return users


def _delete_response(self: ElastiCacheResponse) -> EmptyResult:
    backend = self.elasticache_backend
    name = self._get_param("CacheSubnetGroupName")
    if name not in backend.cache_subnet_groups:
        raise CacheSubnetGroupNotFound(name)
    users = _users(backend, name)
    if users:
        raise CacheSubnetGroupInUse(f"Cache subnet group {name} is currently in use by: {', '.join(sorted(users))}.")
    group = backend.cache_subnet_groups.pop(name)
    backend.tagging_service.delete_all_tags_for_resource(group.arn)
    return EmptyResult()


def _modify_response(self: ElastiCacheResponse) -> ActionResult:
    backend = self.elasticache_backend
    name = self._get_param("CacheSubnetGroupName")
    existing = backend.cache_subnet_groups.get(name)
    if existing is None:
        raise CacheSubnetGroupNotFound(name)
    description = self._get_param("CacheSubnetGroupDescription") or existing.cache_subnet_group_description
    subnet_ids = self._get_param("SubnetIds") or existing.subnet_ids
    # Rebuilt by moto's own constructor, so subnets are validated and described as on create.
    replacement = CacheSubnetGroup(
        account_id=self.current_account, region_name=self.region, cache_subnet_group_name=name,
        cache_subnet_group_description=description, subnet_ids=subnet_ids, tags=existing.tags,
    )
    backend.cache_subnet_groups[name] = replacement
    return ActionResult({"CacheSubnetGroup": replacement})
