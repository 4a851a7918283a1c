"""
/methods/get-expire-at-browser-close/: the setting, or set_expiry(0).
"""

from datetime import timedelta

import pytest

from tests.helpers import new_session, post_set_expiry, reading_result, returned

pytestmark = pytest.mark.django_db


class TestGetExpireAtBrowserClose:
    def test_follows_the_setting_by_default(self, client, engine, settings):
        """With no expiry set it returns SESSION_EXPIRE_AT_BROWSER_CLOSE."""
        assert (
            returned(reading_result(client, "get_expire_at_browser_close")) == "False"
        )
        settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
        assert returned(reading_result(client, "get_expire_at_browser_close")) == "True"

    def test_zero_expiry_means_true(self, client, engine):
        """After set_expiry(0) it returns True."""
        post_set_expiry(client, "0")
        assert returned(reading_result(client, "get_expire_at_browser_close")) == "True"

    def test_explicit_expiry_overrides_the_setting(self, client, engine, settings):
        """With the setting on, set_expiry(300) makes it False and sends Max-Age."""
        settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
        response = post_set_expiry(client, "seconds", seconds="300")
        assert response.cookies["sessionid"]["max-age"] == 300
        assert (
            returned(reading_result(client, "get_expire_at_browser_close")) == "False"
        )

    def test_none_hands_it_back_to_the_setting(self, client, engine, settings):
        """After set_expiry(300) then set_expiry(None), the setting decides again."""
        settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
        post_set_expiry(client, "seconds", seconds="300")
        response = post_set_expiry(client, "none")
        assert response.cookies["sessionid"]["max-age"] == ""
        assert returned(reading_result(client, "get_expire_at_browser_close")) == "True"

    def test_with_the_setting_on_zero_and_none_answer_alike(self, engine, settings):
        """Setting on: set_expiry(0) and no expiry both give True; `in` tells."""
        settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
        zero, unset = new_session(expiry=0), new_session()
        assert zero.get_expire_at_browser_close() is True
        assert unset.get_expire_at_browser_close() is True
        assert ("_session_expiry" in zero, "_session_expiry" in unset) == (True, False)

    @pytest.mark.parametrize("expiry", [300, timedelta(hours=1)])
    def test_seconds_or_a_timedelta_make_it_false(self, engine, expiry):
        """Any set_expiry() but 0 and None makes it False."""
        assert new_session(expiry=expiry).get_expire_at_browser_close() is False
