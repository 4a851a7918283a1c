"""
/settings/session-expire-at-browser-close/: a cookie without an expiry,
and a store that still ends the session.
"""

import pytest

from sessions_demo.lessons.settings import SAVES_KEY
from tests.helpers import (
    change_lab,
    save_session,
    seconds_left,
    setting_page,
    text,
    travel,
)

pytestmark = pytest.mark.django_db


class TestExpireAtBrowserClose:
    def test_cookie_has_no_max_age_or_expires(self, client, engine):
        """After POST /lab/ expire_at_browser_close=true: no Max-Age, no Expires."""
        change_lab(client, expire_at_browser_close="true")
        cookie = save_session(client).cookies["sessionid"]
        assert cookie["max-age"] == ""
        assert cookie["expires"] == ""
        shown = setting_page(client, "SESSION_EXPIRE_AT_BROWSER_CLOSE")
        facts = [text(dd) for dd in shown.select(".cookie-attributes dd")][:2]
        assert facts == ["absent", "absent"]

    def test_store_still_expires_after_cookie_age(self, client, settings):
        """The store still expires the session SESSION_COOKIE_AGE after the save."""
        settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
        settings.SESSION_COOKIE_AGE = 60
        key = save_session(client).cookies["sessionid"].value
        assert seconds_left(key) == pytest.approx(60, abs=5)

    def test_every_engine_still_ends_it(self, client, settings, engine):
        """The cookie lives until the browser closes; the server ends it at the age."""
        settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
        settings.SESSION_COOKIE_AGE = 60
        cookie = save_session(client).cookies["sessionid"]
        assert cookie["max-age"] == ""
        with travel(90):
            assert SAVES_KEY not in client.session  # the browser still sends it
