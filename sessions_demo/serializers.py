"""
A safe session serializer that understands more than JSON.

Django's `JSONSerializer` refuses a `datetime`, a `Decimal` or a `UUID`. The
old way around that, `PickleSerializer`, was removed in Django 5.0: unpickling
runs code, so with signed_cookies anyone holding the SECRET_KEY could forge a
session that executes on the server. This serializer stays JSON: each of those
three types is written as a tagged object and read back as itself, and nothing
in the data can make it run anything.
"""

import json
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

# The tag marks an encoded value. A visitor's own dict that happens to use the
# tag as a key is wrapped too, so every value round-trips unchanged.
TAG = "__session_type__"
DECODERS = {
    "datetime": datetime.fromisoformat,
    "decimal": Decimal,
    "uuid": UUID,
}


class RichJSONSerializer:
    """JSON, plus datetime, Decimal and UUID; the same interface as Django's."""

    def dumps(self, obj: Any) -> bytes:
        return json.dumps(_encode(obj), separators=(",", ":")).encode("latin-1")

    def loads(self, data: bytes) -> Any:
        return json.loads(data.decode("latin-1"), object_hook=_decode)


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        encoded = {key: _encode(item) for key, item in value.items()}
        # As pairs, so the tag inside is never read as a tagged value itself.
        return {TAG: ["dict", list(encoded.items())]} if TAG in value else encoded
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    if isinstance(value, datetime):
        return {TAG: ["datetime", value.isoformat()]}
    if isinstance(value, Decimal):
        return {TAG: ["decimal", str(value)]}
    if isinstance(value, UUID):
        return {TAG: ["uuid", str(value)]}
    return value


def _decode(obj: dict[str, Any]) -> Any:
    if set(obj) != {TAG}:
        return obj
    kind, content = obj[TAG]
    return dict(content) if kind == "dict" else DECODERS[kind](content)
