"""WAFv2 web ACLs of the CLOUDFRONT scope (us-east-1) as a distribution uses them."""

from __future__ import annotations

import base64
import uuid

import boto3
import botocore.exceptions
import pytest
from botocore.config import Config

VISIBILITY = {"SampledRequestsEnabled": False, "CloudWatchMetricsEnabled": False, "MetricName": "m"}


def rate_rule(limit: int) -> dict:
    return {"Name": "rate", "Priority": 0, "Action": {"Block": {}}, "VisibilityConfig": VISIBILITY,
            "Statement": {"RateBasedStatement": {"Limit": limit, "AggregateKeyType": "IP", "ScopeDownStatement": {
                "ByteMatchStatement": {"SearchString": b"/public/enter", "FieldToMatch": {"UriPath": {}},
                                       "TextTransformations": [{"Priority": 0, "Type": "NONE"}],
                                       "PositionalConstraint": "EXACTLY"}}}}}


def distribution_config(reference: str, acl: str) -> dict:
    origin = {"Id": "o", "DomainName": "origin.example.com",
              "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "http-only"}}
    return {"CallerReference": reference, "Comment": "", "Enabled": False, "WebACLId": acl,
            "Origins": {"Quantity": 1, "Items": [origin]},
            "DefaultCacheBehavior": {"TargetOriginId": "o", "ViewerProtocolPolicy": "allow-all",
                                     "CachePolicyId": "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"}}


def code(raised) -> str:
    return raised.value.response["Error"]["Code"]


def test_duplicate_name_limit_range_and_delete_while_a_distribution_names_it(aws, endpoint, access_key):
    waf = aws("wafv2", "us-east-1")
    cloudfront = aws("cloudfront", "us-east-1")
    name = "acl-" + uuid.uuid4().hex[:10]
    summary = waf.create_web_acl(Name=name, Scope="CLOUDFRONT", DefaultAction={"Allow": {}},
                                 Rules=[rate_rule(100)], VisibilityConfig=VISIBILITY)["Summary"]
    assert summary["ARN"].startswith("arn:aws:wafv2:us-east-1:") and ":global/webacl/" in summary["ARN"]
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        waf.create_web_acl(Name=name, Scope="CLOUDFRONT", DefaultAction={"Allow": {}}, Rules=[],
                           VisibilityConfig=VISIBILITY)
    assert code(raised) == "WAFDuplicateItemException"
    lock = waf.get_web_acl(Name=name, Scope="CLOUDFRONT", Id=summary["Id"])["LockToken"]
    # botocore itself refuses a Limit below 10: send it unvalidated, as another client could.
    unvalidated = boto3.client("wafv2", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=access_key,
                               aws_secret_access_key="testing-secret",
                               config=Config(parameter_validation=False, retries={"total_max_attempts": 1}))
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        unvalidated.update_web_acl(Name=name, Scope="CLOUDFRONT", Id=summary["Id"], LockToken=lock,
                           DefaultAction={"Allow": {}}, Rules=[rate_rule(5)], VisibilityConfig=VISIBILITY)
    assert code(raised) == "WAFInvalidParameterException"
    rules = waf.get_web_acl(Name=name, Scope="CLOUDFRONT", Id=summary["Id"])["WebACL"]["Rules"]
    assert rules[0]["Statement"]["RateBasedStatement"]["Limit"] == 100

    with pytest.raises(botocore.exceptions.ClientError) as raised:
        cloudfront.create_distribution(DistributionConfig=distribution_config(uuid.uuid4().hex, summary["ARN"] + "x"))
    assert code(raised) == "InvalidWebACLId"
    created = cloudfront.create_distribution(DistributionConfig=distribution_config(uuid.uuid4().hex, summary["ARN"]))
    distribution = created["Distribution"]
    assert distribution["DistributionConfig"]["WebACLId"] == summary["ARN"]
    lock = waf.get_web_acl(Name=name, Scope="CLOUDFRONT", Id=summary["Id"])["LockToken"]
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        waf.delete_web_acl(Name=name, Scope="CLOUDFRONT", Id=summary["Id"], LockToken=lock)
    assert code(raised) == "WAFAssociatedItemException"

    config = cloudfront.get_distribution_config(Id=distribution["Id"])
    released = dict(config["DistributionConfig"], WebACLId="")
    cloudfront.update_distribution(Id=distribution["Id"], IfMatch=config["ETag"], DistributionConfig=released)
    waf.delete_web_acl(Name=name, Scope="CLOUDFRONT", Id=summary["Id"], LockToken=lock)
    assert name not in [acl["Name"] for acl in waf.list_web_acls(Scope="CLOUDFRONT")["WebACLs"]]
