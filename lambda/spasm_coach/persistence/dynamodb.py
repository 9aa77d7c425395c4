"""ask-sdk's DynamoDB adapter, with the record's expiry where DynamoDB's TTL reads it.

Importing this module imports boto3 (ask_sdk_dynamodb.adapter builds a default
resource at import), so only make_adapter's "dynamodb" path imports it.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable, Dict, Optional

from ask_sdk_core.exceptions import PersistenceException
from ask_sdk_dynamodb.adapter import DynamoDbAdapter

from spasm_coach.persistence import records

log = logging.getLogger(__name__)


class ExpiringDynamoDbAdapter(DynamoDbAdapter):
    """DynamoDbAdapter that keeps the promise "deleted 90 days after last use".

    The stock adapter stores one item per user, {id, attributes}; DynamoDB's
    Time to Live only looks at a top-level Number attribute, so the expiry
    that records.dump puts inside the attributes is copied next to them under
    ttl_attribute_name (template.yaml enables TTL on that name).

    Alexa-hosted skills get a table without TTL, and even with TTL DynamoDB
    deletes expired items lazily (typically within days). So an item past its
    expiry is deleted when it is read, and reads as empty; with purge=True
    (a table without TTL) each save also deletes the expired items among at
    most purge_page items of a scan, at most once per purge_interval seconds
    per process, the scan carrying on where the last one stopped, so the
    whole table is covered over time while no request pays for more than one
    small page. Purge failures are logged and never reach the answer.
    """

    def __init__(self, table_name: str, ttl_attribute_name: str = records.TTL_KEY,
                 clock: Callable[[], float] = time.time, purge: bool = False,
                 purge_page: int = 20, purge_interval: float = 600.0,
                 monotonic: Callable[[], float] = time.monotonic, **kwargs: Any) -> None:
        self.ttl_attribute_name = ttl_attribute_name
        self.clock = clock
        self.purge = purge
        self.purge_page = purge_page
        self.purge_interval = purge_interval
        self.monotonic = monotonic
        self._purge_lock = threading.Lock()
        self._next_purge = 0.0
        self._purge_from: Optional[Dict[str, Any]] = None
        super().__init__(table_name, **kwargs)

    def get_attributes(self, request_envelope: Any) -> Dict[str, Any]:
        attributes = super().get_attributes(request_envelope)
        expiry = records.expires_at(attributes)
        if expiry is not None and expiry <= self.clock():
            try:
                self._delete_expired({self.partition_key_name:
                                      self.partition_keygen(request_envelope)})
            except Exception as exc:  # the answer does not depend on it; the purge retries
                log.warning("deleting an expired record failed (%s)", type(exc).__name__)
            return {}
        return attributes

    def save_attributes(self, request_envelope: Any, attributes: Dict[str, Any]) -> None:
        expiry = records.expires_at(attributes)
        if expiry is None:
            super().save_attributes(request_envelope, attributes)
        else:
            try:
                item = {self.partition_key_name: self.partition_keygen(request_envelope),
                        self.attribute_name: attributes,
                        self.ttl_attribute_name: expiry}
                self.dynamodb.Table(self.table_name).put_item(Item=item)
            except Exception as exc:
                raise PersistenceException(
                    "Failed to save attributes to DynamoDb table: %s" % type(exc).__name__
                ) from exc
        if self.purge:
            self.purge_expired()

    def purge_expired(self) -> int:
        """Delete the expired items of one page of the table scan; returns how many."""
        with self._purge_lock:
            if self.monotonic() < self._next_purge:
                return 0
            self._next_purge = self.monotonic() + self.purge_interval
            start = self._purge_from
        deleted = 0
        try:
            query: Dict[str, Any] = {
                "Limit": self.purge_page,  # items read, before the filter: the bound
                "ProjectionExpression": "#key",
                "FilterExpression": "#ttl < :now",
                "ExpressionAttributeNames": {"#key": self.partition_key_name,
                                             "#ttl": self.ttl_attribute_name},
                "ExpressionAttributeValues": {":now": int(self.clock())},
            }
            if start is not None:
                query["ExclusiveStartKey"] = start
            page = self.dynamodb.Table(self.table_name).scan(**query)
            for item in page.get("Items", ()):
                if self._delete_expired({self.partition_key_name: item[self.partition_key_name]}):
                    deleted += 1
            with self._purge_lock:
                self._purge_from = page.get("LastEvaluatedKey")  # None: start over next time
        except Exception as exc:
            log.warning("purge of expired records failed (%s)", type(exc).__name__)
        return deleted

    def _delete_expired(self, key: Dict[str, Any]) -> bool:
        """Delete the item if it is still expired: a save since then keeps it."""
        from botocore.exceptions import ClientError

        try:
            self.dynamodb.Table(self.table_name).delete_item(
                Key=key, ConditionExpression="#ttl < :now",
                ExpressionAttributeNames={"#ttl": self.ttl_attribute_name},
                ExpressionAttributeValues={":now": int(self.clock()) + 1})
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                return False
            raise
        return True
