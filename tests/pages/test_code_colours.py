"""
The code shown on pages: colours readable (at least 4.5:1 contrast, WCAG AA,
comments included: they carry teaching notes), and blocks that scroll
sideways reachable by keyboard.
"""

import re

import pytest
from django.urls import reverse

from sessions_demo import course
from tests.helpers import ROOT, parse

pytestmark = pytest.mark.django_db

PYGMENTS_CSS = ROOT / "static" / "css" / "pygments.css"
RULE = re.compile(r"^\.source (?P<selector>[^{]*)\{(?P<body>[^}]*)\}", re.MULTILINE)
AA = 4.5


def luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_code_colour_has_aa_contrast():
    """Each colour of the code's style reads at 4.5:1 or more on its background."""
    css = PYGMENTS_CSS.read_text()
    background = re.search(r"^\.source \{ background: (#\w+)", css, re.M).group(1)
    checked = 0
    for rule in RULE.finditer(css):
        body = rule["body"]
        colour = re.search(r"(?<![-\w])color: (#\w+)", body)
        if not colour:
            continue
        behind = re.search(r"background-color: (#\w+)", body)
        ratio = contrast(colour[1], behind[1] if behind else background)
        assert ratio >= AA, (rule["selector"].strip(), colour[1], round(ratio, 2))
        checked += 1
    assert checked > 50


def test_code_blocks_are_labelled_regions_in_the_tab_order(client):
    """Every code block is a region with a name, reachable with Tab."""
    page = parse(client.get(reverse("set_expiry")))
    blocks = page.select("div.source")
    assert len(blocks) >= 2
    for block in blocks:
        assert block["tabindex"] == "0"
        assert block["role"] == "region"
        assert block["aria-label"]
    labels = [block["aria-label"] for block in blocks]
    assert "Source of sessions_demo.lessons.methods.set_expiry.set_expiry" in labels


@pytest.mark.parametrize("path", [lesson.path for lesson in course.lessons()])
def test_each_code_block_has_a_name_of_its_own(client, path):
    """Two code regions on one page never share a name (axe: landmark-unique)."""
    labels = [
        block["aria-label"]
        for block in parse(client.get("/" + path)).select("div.source")
    ]
    assert len(labels) == len(set(labels)), labels
