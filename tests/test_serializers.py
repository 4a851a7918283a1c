"""
serializers.py: a safe session serializer that keeps datetime, Decimal and
UUID, and can never be made to run code.
"""

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from uuid import UUID

import pytest

from sessions_demo.lab.engines import engine_path
from sessions_demo.lab.profile import (
    SERIALIZERS,
    Profile,
)
from sessions_demo.lab.stores import store_class
from sessions_demo.serializers import TAG, RichJSONSerializer

pytestmark = pytest.mark.django_db


class TestRichSerializer:
    def test_round_trips_what_json_refuses(self):
        """datetime, Decimal and UUID come back as themselves."""
        data = {
            "when": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
            "price": Decimal("9.99"),
            "id": UUID("12345678-1234-5678-1234-567812345678"),
            "nested": [{"at": datetime(2026, 1, 1, tzinfo=UTC)}],
        }
        serializer = RichJSONSerializer()
        assert serializer.loads(serializer.dumps(data)) == data

    def test_a_dict_using_the_tag_survives(self):
        """A visitor's own dict that uses the tag as a key is not mistaken."""
        data = {TAG: ["datetime", "not a date"], "other": 1}
        serializer = RichJSONSerializer()
        assert serializer.loads(serializer.dumps(data)) == data
        assert serializer.loads(serializer.dumps({"x": {TAG: 1}})) == {"x": {TAG: 1}}

    def test_plain_json_reads_the_same(self):
        """Data written by Django's JSONSerializer reads back unchanged."""
        assert RichJSONSerializer().loads(b'{"a":[1,"b"]}') == {"a": [1, "b"]}

    def test_every_engine_keeps_a_datetime(self, engine):
        """A store bound to the rich serializer saves and loads a datetime."""
        when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
        profile = replace(
            Profile.from_settings(),
            engine=engine_path(engine),
            serializer=SERIALIZERS["rich"],
        )
        store = store_class(profile)()
        store["when"] = when
        store.save()
        assert store_class(profile)(store.session_key)["when"] == when

    def test_json_refuses_a_datetime(self):
        """Django's JSONSerializer cannot store one: the reason ours exists."""
        store = store_class(Profile.from_settings())()
        store["when"] = datetime(2026, 1, 2, tzinfo=UTC)
        with pytest.raises(TypeError):
            store.save()
