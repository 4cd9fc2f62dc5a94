"""CloudFront cache and origin request policies (REST-XML, ETag / If-Match)."""

import uuid

import botocore.exceptions
import pytest

CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"


def cache_config(name: str, ttl: int = 10) -> dict:
    return {
        "Name": name, "Comment": "summary", "DefaultTTL": ttl, "MaxTTL": ttl, "MinTTL": 0,
        "ParametersInCacheKeyAndForwardedToOrigin": {
            "EnableAcceptEncodingGzip": True, "EnableAcceptEncodingBrotli": True,
            "HeadersConfig": {"HeaderBehavior": "none"}, "CookiesConfig": {"CookieBehavior": "none"},
            "QueryStringsConfig": {"QueryStringBehavior": "none"}},
    }


def origin_config(name: str, headers: list[str]) -> dict:
    return {
        "Name": name, "Comment": "forward",
        "HeadersConfig": {"HeaderBehavior": "whitelist", "Headers": {"Quantity": len(headers), "Items": headers}},
        "CookiesConfig": {"CookieBehavior": "none"}, "QueryStringsConfig": {"QueryStringBehavior": "all"},
    }


@pytest.fixture
def cloudfront(aws):
    return aws("cloudfront", "us-east-1")


def error_code(raised) -> tuple[str, int]:
    response = raised.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


def test_cache_policy_lifecycle(cloudfront):
    name = f"summary-{uuid.uuid4().hex[:8]}"
    created = cloudfront.create_cache_policy(CachePolicyConfig=cache_config(name))
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    policy_id = created["CachePolicy"]["Id"]
    assert created["Location"].endswith(f"/2020-05-31/cache-policy/{policy_id}")
    assert created["CachePolicy"]["CachePolicyConfig"] == cache_config(name)

    fetched = cloudfront.get_cache_policy(Id=policy_id)
    assert fetched["ETag"] == created["ETag"]
    assert cloudfront.get_cache_policy_config(Id=policy_id)["CachePolicyConfig"] == cache_config(name)
    custom = cloudfront.list_cache_policies(Type="custom")["CachePolicyList"]["Items"]
    assert policy_id in [p["CachePolicy"]["Id"] for p in custom]

    with pytest.raises(botocore.exceptions.ClientError) as raised:
        cloudfront.update_cache_policy(Id=policy_id, IfMatch="STALE", CachePolicyConfig=cache_config(name, 20))
    assert error_code(raised) == ("PreconditionFailed", 412)
    updated = cloudfront.update_cache_policy(Id=policy_id, IfMatch=created["ETag"], CachePolicyConfig=cache_config(name, 20))
    assert updated["ETag"] != created["ETag"]
    assert updated["CachePolicy"]["CachePolicyConfig"]["DefaultTTL"] == 20

    with pytest.raises(botocore.exceptions.ClientError) as raised:
        cloudfront.delete_cache_policy(Id=policy_id)
    assert error_code(raised) == ("InvalidIfMatchVersion", 400)
    cloudfront.delete_cache_policy(Id=policy_id, IfMatch=updated["ETag"])
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        cloudfront.get_cache_policy(Id=policy_id)
    assert error_code(raised) == ("NoSuchCachePolicy", 404)


def test_origin_request_policy_lifecycle(cloudfront):
    name = f"forward-{uuid.uuid4().hex[:8]}"
    headers = ["x-room-token", "Idempotency-Key", "Authorization"]
    created = cloudfront.create_origin_request_policy(OriginRequestPolicyConfig=origin_config(name, headers))
    policy_id = created["OriginRequestPolicy"]["Id"]
    config = cloudfront.get_origin_request_policy_config(Id=policy_id)["OriginRequestPolicyConfig"]
    assert config["HeadersConfig"]["Headers"]["Items"] == headers
    listed = cloudfront.list_origin_request_policies()["OriginRequestPolicyList"]
    assert listed["Quantity"] == len(listed["Items"])
    updated = cloudfront.update_origin_request_policy(Id=policy_id, IfMatch=created["ETag"],
                                                      OriginRequestPolicyConfig=origin_config(name, headers[:1]))
    cloudfront.delete_origin_request_policy(Id=policy_id, IfMatch=updated["ETag"])


def test_names_are_unique_and_quantities_must_match(cloudfront):
    name = f"dup-{uuid.uuid4().hex[:8]}"
    cloudfront.create_cache_policy(CachePolicyConfig=cache_config(name))
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        cloudfront.create_cache_policy(CachePolicyConfig=cache_config(name))
    assert error_code(raised) == ("CachePolicyAlreadyExists", 409)

    bad = origin_config(f"bad-{uuid.uuid4().hex[:8]}", ["a", "b"])
    bad["HeadersConfig"]["Headers"]["Quantity"] = 3
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        cloudfront.create_origin_request_policy(OriginRequestPolicyConfig=bad)
    assert error_code(raised) == ("InconsistentQuantities", 400)


def test_managed_policies_exist_and_cannot_change(cloudfront):
    managed = cloudfront.list_cache_policies(Type="managed")["CachePolicyList"]["Items"]
    assert CACHING_DISABLED in [p["CachePolicy"]["Id"] for p in managed]
    fetched = cloudfront.get_cache_policy(Id=CACHING_DISABLED)
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        cloudfront.delete_cache_policy(Id=CACHING_DISABLED, IfMatch=fetched["ETag"])
    assert error_code(raised)[0] == "IllegalDelete"


def test_policy_in_use_by_a_distribution_cannot_be_deleted(cloudfront):
    created = cloudfront.create_cache_policy(CachePolicyConfig=cache_config(f"used-{uuid.uuid4().hex[:8]}"))
    policy_id = created["CachePolicy"]["Id"]
    cloudfront.create_distribution(DistributionConfig={
        "CallerReference": uuid.uuid4().hex, "Comment": "t", "Enabled": False,
        "Origins": {"Quantity": 1, "Items": [{"Id": "a", "DomainName": "a.example.com", "CustomOriginConfig": {
            "HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "http-only"}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "a", "ViewerProtocolPolicy": "allow-all", "CachePolicyId": CACHING_DISABLED},
        "CacheBehaviors": {"Quantity": 1, "Items": [{"PathPattern": "/public/summary/*", "TargetOriginId": "a",
                                                     "ViewerProtocolPolicy": "allow-all", "CachePolicyId": policy_id}]},
    })
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        cloudfront.delete_cache_policy(Id=policy_id, IfMatch=created["ETag"])
    assert error_code(raised) == ("CachePolicyInUse", 409)


def test_policy_calls_are_logged_and_can_be_faulted(aws, control, access_key, cloudfront):
    control.ok("POST", "/_tps/faults", {"accessKeyId": access_key, "service": "cloudfront",
                                         "action": "ListCachePolicies", "kind": "throttle", "count": 1})
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        cloudfront.list_cache_policies()
    assert error_code(raised) == ("Throttling", 400)
    cloudfront.list_cache_policies()
    log = control.ok("GET", f"/_tps/requests?accessKeyId={access_key}")
    assert [(e["action"], e["status"]) for e in log["requests"]] == [("ListCachePolicies", 400), ("ListCachePolicies", 200)]
    assert log["reads"] == 2
