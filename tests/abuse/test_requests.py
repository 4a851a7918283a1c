"""
Requests no page sends: other methods, paths that climb, hosts not ours, huge
query strings, and the guide's own views with a value made of markup.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.helpers import panel_json, set_item

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"


@pytest.mark.parametrize("method", ["put", "patch", "delete", "options", "trace"])
@pytest.mark.parametrize("url_name", ["setitem", "lab", "panel", "index"])
def test_other_methods_are_refused(visitor, method, url_name):
    """A method no page uses gets a 4xx; the session is untouched."""
    set_item(visitor, "keep", "me")
    response = getattr(visitor, method)(reverse(url_name))
    assert 400 <= response.status_code < 500
    assert panel_json(visitor)["data"] == {"keep": "me"}


def test_other_methods_need_the_csrf_token_first(visitor):
    """With CSRF checked, as in a browser, a PUT is refused before any view."""
    strict = Client(enforce_csrf_checks=True)
    assert strict.put(reverse("setitem"), "key=k&value=v").status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/methods/setitem/../../config/settings.py",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/panel/%00",
        "//panel//",
        "/lab/" + "x" * 5000,
        "/methods/\u202esetitem/",
    ],
)
def test_paths_that_climb_or_wander(visitor, path):
    """Paths no page links to find nothing: a 404."""
    assert visitor.get(path).status_code == 404


@pytest.mark.parametrize(
    "path", ["/static/../config/settings.py", "/static/%2e%2e/manage.py"]
)
def test_static_paths_that_climb(visitor, path):
    """WhiteNoise serves the static files and answers a climbing path with 404."""
    assert visitor.get("/static/css/site.css").status_code == 200
    assert visitor.get(path).status_code == 404


def test_runserver_leaves_static_files_to_whitenoise(settings):
    """make run serves static files through WhiteNoise, not Django's dev handler."""
    apps = settings.INSTALLED_APPS
    assert apps.index("whitenoise.runserver_nostatic") < apps.index(
        "django.contrib.staticfiles"
    )
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE


def test_a_host_not_ours(visitor):
    """A Host header outside ALLOWED_HOSTS is a 400, before any session."""
    response = visitor.get(reverse("setitem"), HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "sessionid" not in response.cookies


def test_huge_query_string(visitor):
    """A reading lesson with a 20 KB key: refused with a 400 by the form."""
    response = visitor.get(reverse("get"), {"run": "1", "key": "k" * 20_000})
    assert response.status_code == 400


def test_guides_view_never_runs_a_stored_script(visitor):
    """/get-session/ echoes a stored script inside a sandbox that runs nothing."""
    set_item(visitor, "name", SCRIPT)
    response = visitor.get(reverse("get_session"))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response.content == f"Hello, {SCRIPT}!".encode()
