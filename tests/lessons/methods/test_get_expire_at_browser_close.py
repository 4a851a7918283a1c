"""
set_expiry() in every form, and the three getters, on every engine.
"""

import pytest
from django.urls import reverse

from tests.helpers import parse

pytestmark = pytest.mark.django_db


def set_expiry(client, kind, **fields):
    return client.post(reverse("set_expiry"), {"kind": kind, **fields})


def ask(client, url_name):
    """Run a reading lesson; return its own result line, not older messages."""
    page = parse(client.get(reverse(url_name), {"run": "1"}))
    return page.select_one(".outcome-line").get_text()


def returned(text):
    return text.rsplit("→ ", 1)[1]


class TestGetExpireAtBrowserClose:
    def test_follows_the_setting_by_default(self, client, engine, settings):
        """With no expiry set it returns SESSION_EXPIRE_AT_BROWSER_CLOSE."""
        assert returned(ask(client, "get_expire_at_browser_close")) == "False"
        settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
        assert returned(ask(client, "get_expire_at_browser_close")) == "True"

    def test_zero_expiry_means_true(self, client, engine):
        """After set_expiry(0) it returns True."""
        set_expiry(client, "0")
        assert returned(ask(client, "get_expire_at_browser_close")) == "True"

    def test_explicit_expiry_overrides_the_setting(self, client, engine, settings):
        """With the setting on, set_expiry(300) makes it False and sends Max-Age."""
        settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
        response = set_expiry(client, "seconds", seconds="300")
        assert response.cookies["sessionid"]["max-age"] == 300
        assert returned(ask(client, "get_expire_at_browser_close")) == "False"
