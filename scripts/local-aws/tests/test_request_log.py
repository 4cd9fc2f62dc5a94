"""The request log: service/region/action per protocol, reads vs mutations, filters."""

from conftest import OTHER_REGION, REGION


def entries(control, access_key, **filters):
    query = "&".join(f"{k}={v}" for k, v in {"accessKeyId": access_key, **filters}.items())
    return control.ok("GET", f"/_tps/requests?{query}")


def test_counts_reads_and_mutations(aws, control, access_key):
    sqs = aws("sqs")
    url = sqs.create_queue(QueueName=f"log-{access_key.lower()}")["QueueUrl"]
    sqs.get_queue_url(QueueName=f"log-{access_key.lower()}")
    sqs.list_queues()
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "40"})

    log = entries(control, access_key)
    assert [(e["service"], e["action"], e["mutating"], e["status"]) for e in log["requests"]] == [
        ("sqs", "CreateQueue", True, 200),
        ("sqs", "GetQueueUrl", False, 200),
        ("sqs", "ListQueues", False, 200),
        ("sqs", "SetQueueAttributes", True, 200),
    ]
    assert (log["reads"], log["mutations"]) == (2, 2)


def test_identifies_every_protocol_from_the_signature(aws, control, access_key):
    aws("dynamodb").list_tables()                      # JSON 1.0
    aws("ecs").list_clusters()                         # JSON 1.1
    aws("iam").list_roles()                            # Query
    aws("ec2", OTHER_REGION).describe_vpcs()           # EC2 Query
    aws("cloudfront", "us-east-1").list_distributions()  # REST-XML
    aws("elbv2").describe_load_balancers()             # Query, signing name differs from the model name

    log = entries(control, access_key)["requests"]
    assert [(e["service"], e["region"], e["action"]) for e in log] == [
        ("dynamodb", REGION, "ListTables"),
        ("ecs", REGION, "ListClusters"),
        ("iam", REGION, "ListRoles"),  # boto3 signs IAM with the client region on a custom endpoint
        ("ec2", OTHER_REGION, "DescribeVpcs"),
        ("cloudfront", "us-east-1", "ListDistributions"),
        ("elasticloadbalancing", REGION, "DescribeLoadBalancers"),
    ]
    assert all(not e["mutating"] for e in log)


def test_rest_paths_resolve_to_the_most_specific_operation(aws, control, access_key):
    cloudfront = aws("cloudfront", "us-east-1")
    for call in (lambda: cloudfront.get_distribution(Id="EDFDVBD6EXAMPLE"),
                 lambda: cloudfront.get_distribution_config(Id="EDFDVBD6EXAMPLE")):
        try:
            call()
        except cloudfront.exceptions.NoSuchDistribution:
            pass
    log = entries(control, access_key)["requests"]
    assert [(e["action"], e["status"]) for e in log] == [("GetDistribution", 404), ("GetDistributionConfig", 404)]


def test_filters_since_and_clear(aws, control, access_key):
    ec2 = aws("ec2")
    ec2.describe_vpcs()
    first = entries(control, access_key)
    ec2.create_vpc(CidrBlock="10.99.0.0/16")
    later = entries(control, access_key, since=first["requests"][-1]["seq"])
    assert [e["action"] for e in later["requests"]] == ["CreateVpc"]
    assert entries(control, access_key, region=OTHER_REGION)["requests"] == []

    control.ok("DELETE", f"/_tps/requests?accessKeyId={access_key}")
    assert entries(control, access_key)["requests"] == []


def test_unsigned_web_identity_calls_are_attributed_to_sts(endpoint, control):
    import urllib.request
    token = "AKIDUNSIGNED"  # not an access key: the request is unsigned; filter by action instead
    body = ("Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn:aws:iam::123456789012:role/ci"
            f"&RoleSessionName={token}&WebIdentityToken=eyJ0b2tlbiI6MX0").encode()
    request = urllib.request.Request(endpoint + "/", data=body, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
    log = control.ok("GET", "/_tps/requests?action=AssumeRoleWithWebIdentity")["requests"]
    assert log[-1]["service"] == "sts" and log[-1]["mutating"] is True
