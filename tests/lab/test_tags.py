"""
lab/tags.py: the engine switcher in the header of every page.
"""

import pytest
from django.template import Context, Template
from django.urls import reverse

from tests.helpers import parse, text

pytestmark = pytest.mark.django_db


def test_switcher_needs_a_request_to_show():
    """A page rendered without a request (no visitor) shows no switcher."""
    html = Template("{% load lab %}{% lab_switcher %}").render(Context({}))
    assert "lab-switcher" not in html


def test_switcher_is_folded_away_and_explained(client):
    """The header's switcher is folded, says what an engine is, and when it matters."""
    menu = parse(client.get(reverse("setitem"))).select_one(
        "header details.engine-menu"
    )
    assert not menu.has_attr("open")
    assert text(menu.summary) == "Engine: db"
    explained = text(menu.select_one(".engine-menu-body p"))
    assert "where Django keeps your session" in explained
    assert "The Engines lessons compare them" in explained
    assert menu.select_one("form.lab-switcher")
