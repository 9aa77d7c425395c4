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


# --- a table without Time to Live (Alexa-hosted) --------------------------------------

NO_TTL_TABLE = "spasm-coach-no-ttl"


@pytest.fixture
def no_ttl_table(endpoint, raw_client):
    """A fresh table with no TTL, as Alexa-hosted skills get it."""
    raw_client.create_table(TableName=NO_TTL_TABLE, BillingMode="PAY_PER_REQUEST",
                            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
    yield NO_TTL_TABLE
    raw_client.delete_table(TableName=NO_TTL_TABLE)


def put_record(raw_client, table, user, expiry):
    raw_client.put_item(TableName=table, Item={
        "id": {"S": user},
        "attributes": {"M": {"schema": {"N": "1"}, "disclaimer_given": {"BOOL": True},
                             "ttl": {"N": str(expiry)}}},
        "ttl": {"N": str(expiry)}})


def stored_ids(raw_client, table):
    return sorted(item["id"]["S"] for item in raw_client.scan(TableName=table)["Items"])


def test_an_expired_item_is_deleted_when_read(endpoint, raw_client, no_ttl_table):
    put_record(raw_client, no_ttl_table, "amzn1.ask.account.STALE", int(time.time()) - 60)
    adapter = make_adapter(settings(endpoint, table=no_ttl_table))
    assert adapter.get_attributes(envelope("amzn1.ask.account.STALE")) == records.empty()
    assert stored_ids(raw_client, no_ttl_table) == []


def test_the_skill_purges_a_table_without_ttl_by_default(endpoint):
    assert Settings.from_env({"DYNAMODB_PERSISTENCE_TABLE_NAME": "t"}).dynamodb_ttl is False
    assert make_adapter(settings(endpoint), safe=False).purge is True
    with_ttl = Settings.from_env({"DYNAMODB_PERSISTENCE_TABLE_NAME": "t",
                                  "SPASM_COACH_TABLE_TTL": "true"})
    assert with_ttl.dynamodb_ttl is True
    assert make_adapter(Settings(store="dynamodb", dynamodb_table=TABLE, dynamodb_region=REGION,
                                 dynamodb_endpoint=endpoint, dynamodb_ttl=True),
                        safe=False).purge is False


def test_saves_purge_stale_rows_a_bounded_page_at_a_time(endpoint, raw_client, no_ttl_table):
    now = int(time.time())
    stale = ["amzn1.ask.account.OLD%d" % n for n in range(5)]
    live = ["amzn1.ask.account.NEW%d" % n for n in range(3)]
    for user in stale:
        put_record(raw_client, no_ttl_table, user, now - 3600)
    for user in live:
        put_record(raw_client, no_ttl_table, user, now + 3600)
    ticks = iter(range(0, 100000, 1000))  # each purge sees the interval over
    adapter = make_adapter(settings(endpoint, table=no_ttl_table), safe=False)
    adapter.purge_page, adapter.purge_interval = 3, 500.0
    adapter.monotonic = lambda: next(ticks)

    deleted = []
    for n in range(4):  # 8 rows, 3 read a save: three saves cover the table
        adapter.save_attributes(envelope(live[0]), records.dump({"disclaimer_given": True}))
        left = set(stored_ids(raw_client, no_ttl_table))
        deleted.append(len(set(stale) - left) - sum(deleted))
        assert deleted[-1] <= 3  # never more than one page
    assert stored_ids(raw_client, no_ttl_table) == sorted(live)
    assert sum(deleted) == 5


def test_purges_wait_for_their_interval(endpoint, raw_client, no_ttl_table):
    now = int(time.time())
    put_record(raw_client, no_ttl_table, "amzn1.ask.account.OLDONE", now - 3600)
    clock = [100.0]
    adapter = make_adapter(settings(endpoint, table=no_ttl_table), safe=False)
    adapter.monotonic = lambda: clock[0]
    adapter.purge_interval = 600.0
    adapter._next_purge = 200.0  # as if one had just run
    adapter.save_attributes(envelope("amzn1.ask.account.SAVER"), records.dump({}))
    assert "amzn1.ask.account.OLDONE" in stored_ids(raw_client, no_ttl_table)
    clock[0] = 300.0
    adapter.save_attributes(envelope("amzn1.ask.account.SAVER"), records.dump({}))
    assert "amzn1.ask.account.OLDONE" not in stored_ids(raw_client, no_ttl_table)


def test_a_record_saved_again_since_the_scan_is_kept(endpoint, raw_client, no_ttl_table):
    adapter = make_adapter(settings(endpoint, table=no_ttl_table), safe=False)
    put_record(raw_client, no_ttl_table, "amzn1.ask.account.BACK", int(time.time()) + 3600)
    assert adapter._delete_expired({"id": "amzn1.ask.account.BACK"}) is False
    assert stored_ids(raw_client, no_ttl_table) == ["amzn1.ask.account.BACK"]


def test_a_failing_purge_never_fails_the_save(endpoint, raw_client, no_ttl_table):
    adapter = make_adapter(settings(endpoint, table=no_ttl_table), safe=False)
    adapter.purge_page = 0  # DynamoDB refuses a Limit below 1
    adapter.save_attributes(envelope("amzn1.ask.account.SAFE"), records.dump({}))
    assert stored_ids(raw_client, no_ttl_table) == ["amzn1.ask.account.SAFE"]
