"""
The debug toolbar's Session panel, tested the way django-debug-toolbar tests
its own panels: a toolbar is built around a request, the request runs through
the panel (here, on to Django's SessionMiddleware and a view), then
generate_stats() records what happened and `content` renders it.
"""

import json
import os
import subprocess
import sys

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.urls import reverse

from sessions_demo.lab.middleware import LabSessionMiddleware
from sessions_demo.lab.profile import LAB_COOKIE_NAME
from sessions_demo.panel.toolbar import SessionToolbarPanel
from tests.helpers import ROOT

pytestmark = pytest.mark.django_db

PANEL_PATH = "sessions_demo.panel.toolbar.SessionToolbarPanel"
TEMPLATES_PANEL = "debug_toolbar.panels.templates.TemplatesPanel"
OWN_TEMPLATES_PANEL = "sessions_demo.panel.toolbar_templates.OwnTemplatesPanel"

SCRIPT = "</script><script>alert(1)</script>"


@pytest.fixture(autouse=True)
def toolbar_installed(settings):
    """Install the toolbar (the tests otherwise run without it), our panel only."""
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "debug_toolbar"]
    settings.DEBUG_TOOLBAR_PANELS = [PANEL_PATH]
    # What the toolbar's AppConfig.ready() does for the panels listed at start-up
    # (calling it again is harmless: the store classes are wrapped only once).
    SessionToolbarPanel.ready()


def through_panel(rf, view, cookies=None, middleware=SessionMiddleware):
    """Run a request through the toolbar's Session panel; return the panel."""
    request = rf.get("/")
    request.COOKIES.update(cookies or {})
    return _panel_for(request, view, middleware)


def store_colour(request):
    request.session["colour"] = "green"
    return HttpResponse()


def read_colour(request):
    return HttpResponse(request.session.get("colour", ""))


def new_session(rf) -> dict[str, str]:
    """Start a session holding colour=green; return the cookie it set."""
    stats = through_panel(rf, store_colour).get_stats()
    return {stats["cookie_name"]: stats["session_key"]}


class TestWhatTheRequestDid:
    def test_a_write_is_one_save_answered_with_a_cookie(self, rf, engine):
        """Storing a value: accessed and modified, one save(), a Set-Cookie."""
        panel = through_panel(rf, store_colour)
        stats = panel.get_stats()
        assert stats["accessed"] is True
        assert stats["modified"] is True
        assert [call["call"] for call in stats["calls"]] == ["save()"]
        assert stats["calls"][0]["store"] == engine
        assert stats["calls"][0]["result"] == "new key"
        assert stats["set_cookie"].startswith(f"sessionid={stats['session_key']};")
        assert stats["key_sent"] is None
        assert panel.nav_subtitle == f"{engine} · wrote"

    def test_a_read_is_one_load_and_no_cookie(self, rf, engine):
        """Reading a value: accessed, not modified, one load(), no Set-Cookie."""
        cookies = new_session(rf)
        panel = through_panel(rf, read_colour, cookies)
        stats = panel.get_stats()
        assert stats["accessed"] is True
        assert stats["modified"] is False
        assert [(c["call"], c["result"]) for c in stats["calls"]] == [
            ("load()", "1 key")
        ]
        assert stats["set_cookie"] is None
        assert stats["key_sent"] == stats["session_key"]
        assert stats["data"] == [("colour", '"green"', False)]
        assert panel.nav_subtitle == f"{engine} · read"

    def test_an_untouched_session_leaves_the_store_alone(self, rf):
        """A view that never touches the session: no store call at all."""
        cookies = new_session(rf)
        panel = through_panel(rf, lambda request: HttpResponse(), cookies)
        stats = panel.get_stats()
        assert stats["accessed"] is False
        assert stats["calls"] == []
        assert panel.nav_subtitle == "db · store untouched"
        # The panel still shows the session, read after the response.
        assert stats["data"] == [("colour", '"green"', False)]

    def test_cycle_key_is_a_create_and_a_delete(self, rf):
        """cycle_key() loads, creates the new key, deletes the old one, saves."""
        cookies = new_session(rf)

        def cycle(request):
            request.session.cycle_key()
            return HttpResponse()

        stats = through_panel(rf, cycle, cookies).get_stats()
        old_key = cookies["sessionid"]
        assert [c["call"] for c in stats["calls"]] == [
            "load()",
            "create()",
            f"delete({old_key!r})",
            "save()",
        ]
        assert stats["calls"][1]["result"] == "new key"
        assert stats["session_key"] != old_key

    def test_a_request_without_session_says_so(self, rf):
        """Without SessionMiddleware there is no session, and the panel says so."""
        from debug_toolbar.toolbar import DebugToolbar

        request = rf.get("/")
        toolbar = DebugToolbar(request, lambda request: HttpResponse())
        panel = toolbar.get_panel_by_id(SessionToolbarPanel.panel_id)
        panel.generate_stats(request, panel.process_request(request))
        assert panel.nav_subtitle == "no session"
        assert "No session on this request" in panel.content


class TestWithTheLab:
    def test_records_the_visitors_own_engine(self, rf, client):
        """Under the lab's middleware, the calls are the visitor's engine's."""
        client.post(reverse("lab"), {"engine": "file"})
        lab_cookie = {LAB_COOKIE_NAME: client.cookies[LAB_COOKIE_NAME].value}
        panel = through_panel(rf, store_colour, lab_cookie, LabSessionMiddleware)
        stats = panel.get_stats()
        assert stats["engine"] == "file"
        assert [(c["call"], c["store"]) for c in stats["calls"]] == [("save()", "file")]
        assert panel.nav_subtitle == "file · wrote"


class TestContent:
    def test_shows_engine_flags_calls_data_and_store(self, rf):
        """The rendered panel names the engine, flags, calls, data and the row."""
        panel = through_panel(rf, store_colour)
        content = panel.content
        key = panel.get_stats()["session_key"]
        for text in ("<code>db</code>", "<code>save()</code>", "colour", key):
            assert text in content
        assert "django_session table" in content
        assert "the middleware saved it" in content

    def test_markup_in_the_session_is_escaped(self, rf):
        """A key and value made of <script> appear escaped, never as markup."""

        def store_script(request):
            request.session[SCRIPT] = SCRIPT
            return HttpResponse()

        content = through_panel(rf, store_script).content
        assert SCRIPT not in content
        assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in content

    def test_renders_the_same_from_the_toolbar_store(self, rf):
        """The toolbar renders panels later from its JSON store: same content."""
        from debug_toolbar.toolbar import DebugToolbar

        panel = through_panel(rf, store_colour)
        stored = DebugToolbar.fetch(
            panel.toolbar.request_id, SessionToolbarPanel.panel_id
        )
        again = stored.get_panel_by_id(SessionToolbarPanel.panel_id)
        assert again.content == panel.content
        assert again.nav_subtitle == panel.nav_subtitle


def test_registered_next_to_the_default_panels_under_make_run():
    """With DJANGO_DEBUG=1 outside the tests, the toolbar has all its panels + ours."""
    environment = {**os.environ, "DJANGO_DEBUG": "1"}
    environment.pop("PYTEST_VERSION", None)
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings"
    program = (
        "import django, json; django.setup(); "
        "from debug_toolbar import settings; "
        "print(json.dumps([settings.get_panels(), settings.PANELS_DEFAULTS]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    panels, defaults = json.loads(result.stdout)
    assert PANEL_PATH in panels
    # The Templates and Request panels are replaced by ones safe to share.
    own = {
        TEMPLATES_PANEL: OWN_TEMPLATES_PANEL,
        "debug_toolbar.panels.request.RequestPanel": (
            "sessions_demo.panel.toolbar_request.OwnRequestPanel"
        ),
    }
    assert [own.get(path, path) for path in defaults] == [
        path for path in panels if path != PANEL_PATH
    ]


class TestTheWriteThatLedHere:
    def test_the_redirected_page_shows_the_post_before_it(self, client, rf):
        """After a try-it's redirect, the panel shows that POST's write too."""
        client.post(reverse("setitem"), {"key": "colour", "value": "green"})
        cookies = {name: morsel.value for name, morsel in client.cookies.items()}
        request = rf.get(reverse("setitem"))
        request.COOKIES.update(cookies)
        panel = _panel_for(request, read_colour)
        led = panel.get_stats()["led_here"]
        assert led["request"] == f"POST {reverse('setitem')} → 302"
        assert (led["modified"], led["store_calls"]) == (True, "save()")
        assert led["set_cookie"].startswith(f"sessionid={cookies['sessionid']};")
        assert led["changes"] == ["added 'colour'"]
        content = panel.content
        assert "The write that led to this page" in content
        assert "This request and its session" in content

    def test_a_page_reached_by_a_link_has_none(self, client, rf):
        """A page reached by a plain GET shows only its own request."""
        client.post(reverse("setitem"), {"key": "colour", "value": "green"})
        client.get(reverse("setitem"))
        request = rf.get(reverse("keys"))
        request.COOKIES.update({n: m.value for n, m in client.cookies.items()})
        panel = _panel_for(request, read_colour)
        assert panel.get_stats()["led_here"] is None
        assert "The write that led to this page" not in panel.content


def _panel_for(request, view, middleware=LabSessionMiddleware):
    """Run a prepared request through the Session panel; return the panel."""
    from debug_toolbar.toolbar import DebugToolbar

    toolbar = DebugToolbar(request, middleware(view))
    panel = toolbar.get_panel_by_id(SessionToolbarPanel.panel_id)
    panel.enable_instrumentation()
    try:
        response = panel.process_request(request)
    finally:
        panel.disable_instrumentation()
    panel.generate_stats(request, response)
    return panel
