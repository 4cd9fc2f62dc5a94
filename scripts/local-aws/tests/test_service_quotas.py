"""GetServiceQuota answers the Fargate On-Demand vCPU quota, per region, settable by the control API."""

import botocore.exceptions
import pytest

from conftest import OTHER_REGION, REGION


def test_fargate_vcpu_quota_default_then_set_per_region(aws, control):
    control.ok("DELETE", "/_tps/service-quotas")
    quotas = aws("service-quotas")
    quota = quotas.get_service_quota(ServiceCode="fargate", QuotaCode="L-3032A538")["Quota"]
    assert quota["Value"] == 4000.0
    assert quota["QuotaName"] == "Fargate On-Demand vCPU resource count"
    try:
        control.ok("POST", "/_tps/service-quotas",
                   {"serviceCode": "fargate", "quotaCode": "L-3032A538", "value": 6, "region": OTHER_REGION})
        assert aws("service-quotas", OTHER_REGION).get_service_quota(
            ServiceCode="fargate", QuotaCode="L-3032A538")["Quota"]["Value"] == 6.0
        assert quotas.get_service_quota(ServiceCode="fargate", QuotaCode="L-3032A538")["Quota"]["Value"] == 4000.0
        status, payload = control.call("POST", "/_tps/service-quotas",
                                       {"serviceCode": "fargate", "quotaCode": "L-1", "value": 1})
        assert status == 400 and "only" in payload["error"]
    finally:
        control.ok("DELETE", "/_tps/service-quotas")
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        quotas.get_service_quota(ServiceCode="fargate", QuotaCode="L-00000000")
    assert raised.value.response["Error"]["Code"] == "NoSuchResourceException"
    assert REGION != OTHER_REGION


def test_the_quotas_verify_compares_have_aws_defaults_and_are_settable(aws, control):
    control.ok("DELETE", "/_tps/service-quotas")
    quotas = aws("service-quotas")
    expected = {("elasticloadbalancing", "L-53DA6B97"): 50.0, ("ec2", "L-0263D0A3"): 5.0,
                ("vpc", "L-F678F1CE"): 1000.0, ("vpc", "L-FE5A380F"): 5.0}
    for (service, code), value in expected.items():
        assert quotas.get_service_quota(ServiceCode=service, QuotaCode=code)["Quota"]["Value"] == value
    try:
        control.ok("POST", "/_tps/service-quotas", {"serviceCode": "vpc", "quotaCode": "L-F678F1CE", "value": 1})
        assert quotas.get_service_quota(ServiceCode="vpc", QuotaCode="L-F678F1CE")["Quota"]["Value"] == 1.0
    finally:
        control.ok("DELETE", "/_tps/service-quotas")


def test_a_value_set_for_an_access_key_is_answered_to_that_caller_only(aws, control):
    control.ok("DELETE", "/_tps/service-quotas")
    quotas = aws("service-quotas")
    try:
        control.ok("POST", "/_tps/service-quotas",
                   {"serviceCode": "fargate", "quotaCode": "L-3032A538", "value": 6, "accessKeyId": "AKIDSOMEONEELSE"})
        assert quotas.get_service_quota(ServiceCode="fargate", QuotaCode="L-3032A538")["Quota"]["Value"] == 4000.0
        control.ok("POST", "/_tps/service-quotas", {"serviceCode": "fargate", "quotaCode": "L-3032A538", "value": 7})
        assert quotas.get_service_quota(ServiceCode="fargate", QuotaCode="L-3032A538")["Quota"]["Value"] == 7.0
        assert control.ok("DELETE", "/_tps/service-quotas?accessKeyId=AKIDSOMEONEELSE")["removed"] == 1
        assert len(control.ok("GET", "/_tps/service-quotas")["quotas"]) == 1
    finally:
        control.ok("DELETE", "/_tps/service-quotas")
