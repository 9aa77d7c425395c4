"""ask-sdk's DynamoDB adapter, with the record's expiry where DynamoDB's TTL reads it.

Importing this module imports boto3 (ask_sdk_dynamodb.adapter builds a default
resource at import), so only make_adapter's "dynamodb" path imports it.
"""
from __future__ import annotations

import time
from typing import Any, Callable, Dict

from ask_sdk_core.exceptions import PersistenceException
from ask_sdk_dynamodb.adapter import DynamoDbAdapter

from spasm_coach.persistence import records


class ExpiringDynamoDbAdapter(DynamoDbAdapter):
    """DynamoDbAdapter that also writes the expiry as a top-level item attribute.

    The stock adapter stores one item per user, {id, attributes}; DynamoDB's
    Time to Live only looks at a top-level Number attribute, so the expiry
    that records.dump puts inside the attributes is copied next to them under
    ttl_attribute_name (template.yaml enables TTL on that name). DynamoDB
    deletes expired items lazily (typically within days), so an item past its
    expiry reads as empty here.
    """

    def __init__(self, table_name: str, ttl_attribute_name: str = records.TTL_KEY,
                 clock: Callable[[], float] = time.time, **kwargs: Any) -> None:
        self.ttl_attribute_name = ttl_attribute_name
        self.clock = clock
        super().__init__(table_name, **kwargs)

    def get_attributes(self, request_envelope: Any) -> Dict[str, Any]:
        attributes = super().get_attributes(request_envelope)
        expiry = records.expires_at(attributes)
        if expiry is not None and expiry <= self.clock():
            return {}
        return attributes

    def save_attributes(self, request_envelope: Any, attributes: Dict[str, Any]) -> None:
        expiry = records.expires_at(attributes)
        if expiry is None:
            super().save_attributes(request_envelope, attributes)
            return
        try:
            item = {self.partition_key_name: self.partition_keygen(request_envelope),
                    self.attribute_name: attributes,
                    self.ttl_attribute_name: expiry}
            self.dynamodb.Table(self.table_name).put_item(Item=item)
        except Exception as exc:
            raise PersistenceException(
                "Failed to save attributes to DynamoDb table: %s" % type(exc).__name__) from exc
