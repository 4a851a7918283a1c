"""
lab/tags.py: the engine switcher in the header of every page.
"""

import pytest
from django.template import Context, Template

pytestmark = pytest.mark.django_db


def test_switcher_needs_a_request_to_show():
    """A page rendered without a request (no visitor) shows no switcher."""
    html = Template("{% load lab %}{% lab_switcher %}").render(Context({}))
    assert "lab-switcher" not in html
