"""
The setting pages' common frame: three values, a control that changes the
visitor's own, and the Set-Cookie that came back.
"""

import pytest
from django.conf import global_settings
from django.test import Client
from django.urls import reverse

from sessions_demo import course
from tests.helpers import setting_page, setting_url, text

pytestmark = pytest.mark.django_db

SETTING_LESSONS = next(s for s in course.SECTIONS if s.slug == "settings").lessons


# A valid value, other than the project's, for every setting the lab can change.
ALTERNATIVES = {
    "cache_alias": ("sessions", "'sessions'"),
    "cookie_age": ("3600", "3600"),
    "cookie_domain": ("testserver", "'testserver'"),
    "cookie_httponly": ("false", "False"),
    "cookie_name": ("custom_sessionid", "'custom_sessionid'"),
    "cookie_path": ("/settings/", "'/settings/'"),
    "cookie_samesite": ("Strict", "'Strict'"),
    "cookie_secure": ("true", "True"),
    "engine": ("cache", "'django.contrib.sessions.backends.cache'"),
    "expire_at_browser_close": ("true", "True"),
    "file_path": None,  # the second folder the project offers, see below
    "save_every_request": ("true", "True"),
    "serializer": ("rich", "'sessions_demo.serializers.RichJSONSerializer'"),
}


def alternative(field, settings):
    if field == "file_path":
        folder = str(settings.LAB_SESSION_FILE_PATHS[0])
        return folder, repr(folder)
    return ALTERNATIVES[field]


def _python(value) -> str:
    return (
        repr(value)
        if value is None or isinstance(value, bool | int)
        else repr(str(value))
    )


@pytest.mark.parametrize("lesson", SETTING_LESSONS, ids=lambda lesson: lesson.slug)
class TestSettingPage:
    def test_shows_default_project_and_visitor_value(self, client, lesson, settings):
        """The page shows Django's default, the project's value and the visitor's."""
        setting = lesson.title
        # Each value in a <code>, as settings.py spells it (a number of seconds
        # also gets its readable length beside it).
        cells = [
            text(td.code)
            for td in setting_page(client, setting).select(".setting-values td")
        ]
        project = getattr(settings, setting)
        assert cells[0] == _python(getattr(global_settings, setting))
        assert cells[1] == _python(project)
        assert cells[2] == cells[1]

    def test_control_changes_it_for_this_visitor_only(self, client, lesson, settings):
        """The page's control posts to the lab and changes only this visitor's value."""
        field = lesson.setting
        form = setting_page(client, lesson.title).select_one("form.setting-control")
        assert form["action"] == reverse("lab")
        assert form.select_one(f"[name={field}]")
        back = form.select_one("[name=next]")["value"]
        assert back == reverse(lesson.url_name) + "#try-it"
        value, shown = alternative(field, settings)
        response = client.post(
            reverse("lab"), {field: value, "carry": "on", "next": back}
        )
        assert response.status_code == 302
        assert response.url == back
        mine = setting_page(client, lesson.title).select_one(
            ".setting-values td:last-child"
        )
        assert text(mine.select_one(".visitor-value")) == shown
        assert mine.select_one(".badge")
        other = setting_page(Client(), lesson.title).select_one(".visitor-value")
        assert text(other) == _python(getattr(settings, lesson.title))


def test_a_save_count_of_the_wrong_type_starts_again(client):
    """Text stored under "saves" by another lesson restarts the count at 1."""
    client.post(reverse("setitem"), {"key": "saves", "value": "many"})
    response = client.post(setting_url("SESSION_COOKIE_AGE"))
    assert response.status_code == 302
    assert client.session["saves"] == 1
