"""The DynamoDB path against moto's server: a real HTTP endpoint on 127.0.0.1, not a mock of boto3."""
from __future__ import annotations

import socket
import time
from decimal import Decimal

import pytest
from ask_sdk_core.attributes_manager import AttributesManager
from ask_sdk_core.exceptions import PersistenceException
from ask_sdk_model import Context, LaunchRequest, RequestEnvelope
from ask_sdk_model.interfaces.system import SystemState
from ask_sdk_model.user import User

from spasm_coach.config import Settings
from spasm_coach.persistence import SafeAdapter, make_adapter, records

REGION = "eu-west-1"
TABLE = "spasm-coach-test"


def envelope(user_id="amzn1.ask.account.DYNAMOUSER", request_id="req-1"):
    return RequestEnvelope(
        context=Context(system=SystemState(user=User(user_id=user_id))),
        request=LaunchRequest(request_id=request_id))


@pytest.fixture(scope="module")
def aws_env():
    """Dummy credentials for this module only; no shared AWS config is read."""
    patch = pytest.MonkeyPatch()
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_REGION",
                 "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB"):
        patch.delenv(name, raising=False)
    patch.setenv("AWS_ACCESS_KEY_ID", "testing")
    patch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    patch.setenv("AWS_CONFIG_FILE", "/nonexistent/aws-config")
    patch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials")
    patch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    yield
    patch.undo()
    import boto3

    boto3.DEFAULT_SESSION = None  # make_adapter may have made one with these credentials


@pytest.fixture(scope="module")
def endpoint(aws_env):
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = "http://%s:%d" % (host, port)
    import boto3

    client = boto3.client("dynamodb", region_name=REGION, endpoint_url=url)
    client.create_table(TableName=TABLE, BillingMode="PAY_PER_REQUEST",
                        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
    client.update_time_to_live(TableName=TABLE, TimeToLiveSpecification={
        "Enabled": True, "AttributeName": records.TTL_KEY})
    yield url
    server.stop()


@pytest.fixture
def raw_client(endpoint):
    import boto3

    return boto3.client("dynamodb", region_name=REGION, endpoint_url=endpoint)


def settings(endpoint, table=TABLE):
    return Settings(store="dynamodb", dynamodb_table=table, dynamodb_region=REGION,
                    dynamodb_endpoint=endpoint)


def test_make_adapter_builds_the_sdk_dynamodb_adapter(endpoint):
    # No region in the environment: make_adapter supplies the table's region to
    # ask_sdk_dynamodb.adapter, which builds a default boto3 resource on import.
    adapter = make_adapter(settings(endpoint))
    from ask_sdk_dynamodb.adapter import DynamoDbAdapter

    assert isinstance(adapter, SafeAdapter)
    assert isinstance(adapter.inner, DynamoDbAdapter)
    assert (adapter.inner.table_name, adapter.inner.partition_key_name,
            adapter.inner.attribute_name) == (TABLE, "id", "attributes")


def test_save_get_delete_over_http(endpoint, raw_client):
    adapter = make_adapter(settings(endpoint))
    user = envelope("amzn1.ask.account.ROUNDTRIP")
    assert adapter.get_attributes(user) == records.empty()
    state = {"routine": {"id": "pelvic_tilt", "step": 3, "part": 0},
             "prefs": {"hold": 25.0, "pace": "slow"},   # a float: boto3 alone would refuse it
             "refusals": {"alexa::alerts:timers:skill:readwrite": "2024-05-01"},
             "disclaimer_given": True, "said": "it hurts"}
    before = int(time.time())
    assert adapter.save_attributes(user, state) is True

    item = raw_client.get_item(TableName=TABLE, Key={"id": {"S": "amzn1.ask.account.ROUNDTRIP"}},
                               ConsistentRead=True)["Item"]
    # The expiry is a top-level Number, where DynamoDB's TTL looks for it.
    ttl = int(item[records.TTL_KEY]["N"])
    assert before + records.RETENTION_DAYS * 86400 <= ttl <= int(time.time()) + \
        records.RETENTION_DAYS * 86400
    assert "said" not in item["attributes"]["M"]

    loaded = adapter.get_attributes(user)
    assert loaded["routine"] == {"id": "pelvic_tilt", "step": 3, "part": 0}
    assert loaded["prefs"] == {"hold": 25, "pace": "slow"}
    assert type(loaded["prefs"]["hold"]) is int  # not Decimal
    assert loaded["disclaimer_given"] is True

    other = envelope("amzn1.ask.account.SOMEONEELSE")
    assert adapter.get_attributes(other) == records.empty()

    assert adapter.delete_attributes(user) is True
    assert adapter.get_attributes(user) == records.empty()
    assert "Item" not in raw_client.get_item(
        TableName=TABLE, Key={"id": {"S": "amzn1.ask.account.ROUNDTRIP"}})


def test_through_the_attributes_manager(endpoint):
    adapter = make_adapter(settings(endpoint))
    first = AttributesManager(envelope(request_id="a"), persistence_adapter=adapter)
    first.persistent_attributes["routine"] = {"id": "knee_to_chest", "step": 2}
    first.save_persistent_attributes()
    second = AttributesManager(envelope(request_id="b"), persistence_adapter=adapter)
    assert second.persistent_attributes["routine"] == {"id": "knee_to_chest", "step": 2}
    second.delete_persistent_attributes()
    third = AttributesManager(envelope(request_id="c"), persistence_adapter=adapter)
    assert third.persistent_attributes == records.empty()


def test_an_item_past_its_expiry_reads_empty(endpoint, raw_client):
    raw_client.put_item(TableName=TABLE, Item={
        "id": {"S": "amzn1.ask.account.EXPIRED"},
        "attributes": {"M": {"schema": {"N": "1"}, "disclaimer_given": {"BOOL": True},
                             "ttl": {"N": str(int(time.time()) - 60)}}},
        "ttl": {"N": str(int(time.time()) - 60)}})
    adapter = make_adapter(settings(endpoint))
    assert adapter.get_attributes(envelope("amzn1.ask.account.EXPIRED")) == records.empty()


def test_an_old_format_item_is_migrated(endpoint, raw_client):
    raw_client.put_item(TableName=TABLE, Item={
        "id": {"S": "amzn1.ask.account.OLDFORMAT"},
        "attributes": {"M": {"routine": {"M": {"id": {"S": "cat_cow"}, "step": {"N": "4"}}},
                             "mood": {"S": "bad"}}}})
    adapter = make_adapter(settings(endpoint))
    assert adapter.get_attributes(envelope("amzn1.ask.account.OLDFORMAT")) == {
        "schema": 1, "routine": {"id": "cat_cow", "step": 4}}


def test_the_bare_sdk_adapter_shows_why_records_are_dumped_first(endpoint):
    bare = make_adapter(settings(endpoint), safe=False)
    with pytest.raises(PersistenceException):
        bare.save_attributes(envelope(), {"hold": 2.5})  # boto3 rejects floats
    bare.save_attributes(envelope(), {"hold": Decimal("2.5")})
    assert bare.get_attributes(envelope()) == {"hold": Decimal("2.5")}
    bare.delete_attributes(envelope())


def test_missing_table_answers_empty(endpoint):
    adapter = make_adapter(settings(endpoint, table="no-such-table"))
    assert adapter.get_attributes(envelope()) == records.empty()
    assert adapter.save_attributes(envelope(request_id="x"), {"disclaimer_given": True}) is False


def test_refused_endpoint_answers_empty_quickly(aws_env):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    adapter = make_adapter(settings("http://127.0.0.1:%d" % port))
    started = time.monotonic()
    assert adapter.get_attributes(envelope(request_id="r1")) == records.empty()
    assert adapter.save_attributes(envelope(request_id="r2"), {"disclaimer_given": True}) is False
    assert adapter.delete_attributes(envelope(request_id="r3")) is False
    elapsed = time.monotonic() - started
    assert elapsed < 5.0, elapsed


def test_silent_endpoint_is_cut_short_by_the_timeouts(aws_env):
    """A server that accepts connections but never answers: bounded by the read timeout."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        port = listener.getsockname()[1]
        adapter = make_adapter(settings("http://127.0.0.1:%d" % port))
        started = time.monotonic()
        assert adapter.get_attributes(envelope(request_id="s1")) == records.empty()
        elapsed = time.monotonic() - started
    assert elapsed < 4.0, elapsed
