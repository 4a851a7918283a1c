"""
panel/tags.py's filters: times and durations a learner reads at a glance,
spelled the same way by the panel's script.
"""

from datetime import UTC, datetime

import pytest

from sessions_demo.panel.tags import duration, fold_start, folds, moment, seconds


@pytest.mark.parametrize(
    ("given", "spelled"),
    [
        (0, "0 s"),
        (42, "42 s"),
        (60, "1 min"),
        (299, "4 min 59 s"),
        (3600, "1 h"),
        (7500, "2 h 5 min"),
        (86400, "1 day"),
        (1209599, "13 days 23 h"),
        (1209600, "14 days"),
    ],
)
def test_duration_names_its_two_largest_units(given, spelled):
    """A duration is spelled in its two largest units: "13 days 23 h"."""
    assert duration(given) == spelled


def test_seconds_show_their_readable_length():
    """A setting in seconds reads "14 days (1209600 s)", the number as code."""
    assert seconds("1209600") == "14 days (<code>1209600</code> s)"
    assert seconds(30) == "<code>30</code> s"
    assert seconds("None") == "<code>None</code>"
    assert seconds("<b>", "x") == '<code class="x">&lt;b&gt;</code>'


def test_moment_is_readable_and_in_utc():
    """A moment reads "13 Dec 2026, 11:54:48 UTC", from a datetime or ISO text."""
    assert moment("2026-12-13T11:54:48.194634+00:00") == "13 Dec 2026, 11:54:48 UTC"
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert moment(when) == "2 Jan 2026, 03:04:05 UTC"
    assert moment(None) == ""


def test_long_values_fold():
    """A value over 100 characters (a signed cookie) is folded to its start."""
    assert folds("x" * 100) is False
    assert folds("x" * 101) is True
    assert fold_start("y" * 300) == "y" * 50 + "…"
