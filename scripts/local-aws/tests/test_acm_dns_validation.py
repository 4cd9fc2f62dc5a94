"""ACM issues a DNS-validated certificate once its validation CNAME is in a Route 53 zone, not before."""

import uuid


def _upsert(route53, zone_id: str, name: str, value: str) -> None:
    route53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": [{
        "Action": "UPSERT",
        "ResourceRecordSet": {"Name": name, "Type": "CNAME", "TTL": 300, "ResourceRecords": [{"Value": value}]},
    }]})


def test_pending_until_the_validation_cname_with_its_value_is_in_a_zone(aws):
    domain = f"v{uuid.uuid4().hex[:10]}.example.com"
    acm = aws("acm", "us-east-1")
    arn = acm.request_certificate(DomainName=domain, ValidationMethod="DNS")["CertificateArn"]
    certificate = acm.describe_certificate(CertificateArn=arn)["Certificate"]
    assert certificate["Status"] == "PENDING_VALIDATION"
    record = certificate["DomainValidationOptions"][0]["ResourceRecord"]
    assert record["Type"] == "CNAME" and record["Name"].rstrip(".").endswith(domain)

    route53 = aws("route53")
    zone_id = route53.create_hosted_zone(Name=domain, CallerReference=uuid.uuid4().hex)["HostedZone"]["Id"]
    try:
        assert acm.describe_certificate(CertificateArn=arn)["Certificate"]["Status"] == "PENDING_VALIDATION"
        _upsert(route53, zone_id, record["Name"], "_wrong.acm-validations.aws.")
        assert acm.describe_certificate(CertificateArn=arn)["Certificate"]["Status"] == "PENDING_VALIDATION", \
            "a CNAME with another value validates nothing"
        _upsert(route53, zone_id, record["Name"], record["Value"])
        issued = acm.describe_certificate(CertificateArn=arn)["Certificate"]
        assert issued["Status"] == "ISSUED"
        assert issued["DomainValidationOptions"][0]["ValidationStatus"] == "SUCCESS"
    finally:
        route53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": [{
            "Action": "DELETE",
            "ResourceRecordSet": {"Name": record["Name"], "Type": "CNAME", "TTL": 300,
                                  "ResourceRecords": [{"Value": record["Value"]}]},
        }]})
        route53.delete_hosted_zone(Id=zone_id)
        acm.delete_certificate(CertificateArn=arn)

