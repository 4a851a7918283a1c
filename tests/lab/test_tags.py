"""
The lab: a visitor's own session settings, how they are changed, checked and
applied, and that the live panel only ever looks.
"""

import pytest
from django.template import Context, Template

pytestmark = pytest.mark.django_db


def test_switcher_needs_a_request_to_show():
    """A page rendered without a request (no visitor) shows no switcher."""
    html = Template("{% load lab %}{% lab_switcher %}").render(Context({}))
    assert "lab-switcher" not in html
