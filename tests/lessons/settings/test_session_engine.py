"""
/settings/session-engine/: a key in the cookie, or the data itself.
"""

from importlib import import_module

import pytest
from django.core.cache import caches
from django.urls import reverse

from sessions_demo.lessons.settings import SAVES_KEY
from tests.helpers import (
    new_session,
    save_session,
    saved_outcome,
    setting_page,
    setting_url,
    text,
    use_engine,
)

pytestmark = pytest.mark.django_db


class TestEngine:
    def test_cookie_holds_a_key_or_the_data(self, client, engine):
        """The cookie holds a 32-character key, or with signed_cookies the data."""
        value = save_session(client, "SESSION_ENGINE").cookies["sessionid"].value
        said = text(
            setting_page(client, "SESSION_ENGINE").select_one(".cookie-value-kind")
        )
        if engine == "signed_cookies":
            assert value.count(":") == 2
            assert said.endswith("the session data itself, signed.")
        else:
            assert len(value) == 32
            assert said.endswith("a key that points into the store.")
        assert f"{len(value)} characters" in said

    def test_lab_switch_carries_the_data(self, client):
        """Switching to signed_cookies with carry keeps the data, now in the cookie."""
        client.post(setting_url("SESSION_ENGINE"), follow=True)
        client.post(
            reverse("lab"), {"engine": "signed_cookies", "carry": "on"}, follow=True
        )
        assert saved_outcome(client, "SESSION_ENGINE") == (
            f"Result request.session['{SAVES_KEY}'] = 2 changed '{SAVES_KEY}'"
        )
        assert client.cookies["sessionid"].value.count(":") == 2


class TestSwitchingInProduction:
    @pytest.mark.parametrize("first, then", [("db", "cached_db"), ("cached_db", "db")])
    def test_db_and_cached_db_read_the_same_rows(self, settings, first, then):
        """A session saved by one of db and cached_db loads through the other."""
        use_engine(settings, first)
        key = new_session({"cart": [1]}).session_key
        caches["default"].clear()  # cached_db's copy: gone, the row answers
        use_engine(settings, then)
        assert import_module(settings.SESSION_ENGINE).SessionStore(key).load() == {
            "cart": [1]
        }

    def test_any_other_switch_finds_nothing(self, settings):
        """A db session is not there for the file engine."""
        use_engine(settings, "db")
        key = new_session({"cart": [1]}).session_key
        use_engine(settings, "file")
        assert import_module(settings.SESSION_ENGINE).SessionStore(key).load() == {}
