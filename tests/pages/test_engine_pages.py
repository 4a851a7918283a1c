"""
The engine pages' common frame: the visitor's session as the engine stored
it, and a switch to the page's engine.
"""

import pytest
from django.urls import reverse

from sessions_demo.lab.engines import engine_path
from tests.helpers import PAGES_OF_ENGINES as PAGES
from tests.helpers import panel_json, parse, set_item

pytestmark = pytest.mark.django_db


def use(settings, engine):
    settings.SESSION_ENGINE = engine_path(engine)


@pytest.mark.parametrize("engine", PAGES)
class TestEnginePages:
    def test_shows_the_visitors_session_as_stored(self, client, settings, engine):
        """Each page shows the visitor's session as their engine stored it."""
        use(settings, engine)
        client.post(reverse("setitem"), {"key": "username", "value": "JohnDoe"})
        page = parse(client.get(reverse(PAGES[engine])))
        box = page.select_one(".explanation .stored")
        assert box["data-engine"] == engine
        assert "JohnDoe" in box.get_text()
        assert f"You are on {engine}:" in page.select_one(".engine-status").get_text()
        assert not page.select_one(".engine-switch")

    def test_offers_the_lab_switch_for_another_engine(self, client, settings, engine):
        """On another engine's page, one button posts engine and next to /lab/."""
        other = next(name for name in PAGES if name != engine)
        use(settings, other)
        page = parse(client.get(reverse(PAGES[engine])))
        form = page.select_one("form.engine-switch")
        assert (form["method"], form["action"]) == ("post", "/lab/")
        fields = {field["name"]: field.get("value") for field in form.select("input")}
        assert fields["engine"] == engine
        assert fields["next"] == reverse(PAGES[engine])
        assert fields["csrfmiddlewaretoken"]
        assert len(form.select("button")) == 1


def test_switch_carries_the_data_over_like_the_header(client):
    """The engine page's switch keeps the data by default, as the header's does."""
    page = parse(client.get(reverse(PAGES["cache"])))
    carry = page.select_one("form.engine-switch input[name=carry]")
    header = page.select_one("header form.lab-switcher input[name=carry]")
    assert carry["type"] == "checkbox"
    assert carry.has_attr("checked") and header.has_attr("checked")
    set_item(client, "colour", "green")
    client.post(
        reverse("lab"),
        {"engine": "cache", "carry": "on", "next": reverse(PAGES["cache"])},
    )
    assert panel_json(client)["data"] == {"colour": "green"}
