"""DynamoDB's throughput ceiling: writes above a table's warm throughput are throttled, scoped by rule."""

import time
import uuid

import botocore.exceptions
import pytest


def put_all(dynamodb, table: str, count: int) -> list[str]:
    """Puts `count` items as fast as possible; the error code of each throttled put."""
    codes = []
    for i in range(count):
        try:
            dynamodb.put_item(TableName=table, Item={"seatKey": {"S": f"evt#{i}"}})
        except botocore.exceptions.ClientError as error:
            codes.append(error.response["Error"]["Code"])
            assert error.response["ThrottlingReasons"][0]["reason"] == "TableWriteKeyRangeThroughputExceeded"
    return codes


@pytest.fixture
def table(aws, control):
    prefix = f"thr-{uuid.uuid4().hex[:8]}-"
    dynamodb = aws("dynamodb")
    name = prefix + "seat-locks"
    dynamodb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                          AttributeDefinitions=[{"AttributeName": "seatKey", "AttributeType": "S"}],
                          KeySchema=[{"AttributeName": "seatKey", "KeyType": "HASH"}])
    yield dynamodb, prefix, name
    control.ok("DELETE", f"/_tps/dynamodb/throughput?tablePrefix={prefix}")
    dynamodb.delete_table(TableName=name)


def test_new_on_demand_table_throttles_above_its_warm_throughput_until_warmed(table, control):
    dynamodb, prefix, name = table
    assert put_all(dynamodb, name, 10) == [], "no rule: moto's unlimited table"
    # 4,000 write units x 0.0005 = 2 writes/s: 30 quick puts overflow the one-second bucket.
    control.ok("POST", "/_tps/dynamodb/throughput", {"tablePrefix": prefix, "scale": 0.0005})
    throttled = put_all(dynamodb, name, 30)
    assert throttled and set(throttled) == {"ProvisionedThroughputExceededException"}
    dynamodb.update_table(TableName=name, WarmThroughput={"WriteUnitsPerSecond": 40000})
    time.sleep(1.1)  # a full bucket at the new rate: 20 writes/s
    assert put_all(dynamodb, name, 15) == []
    rules = control.ok("GET", "/_tps/dynamodb/throughput")["rules"]
    assert [r["throttled"] for r in rules if r["tablePrefix"] == prefix] == [len(throttled)]


def test_tables_outside_the_rule_are_never_throttled(table, control, aws):
    dynamodb, prefix, name = table
    control.ok("POST", "/_tps/dynamodb/throughput", {"tablePrefix": prefix + "other", "scale": 0.0005})
    control.ok("POST", "/_tps/dynamodb/throughput", {"tablePrefix": prefix, "scale": 0.0005, "region": "ap-northeast-2"})
    assert put_all(dynamodb, name, 20) == []


def test_bad_rule_names_the_field(control):
    status, payload = control.call("POST", "/_tps/dynamodb/throughput", {"tablePrefix": "x", "scale": 2})
    assert status == 400 and payload["error"].startswith("dynamodb throughput.scale:")
    status, payload = control.call("POST", "/_tps/dynamodb/throughput", {"scale": 0.5})
    assert status == 400 and payload["error"].startswith("dynamodb throughput.tablePrefix:")
