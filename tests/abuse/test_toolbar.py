"""
The debug toolbar, as `make run` serves it to every browser on 127.0.0.1:
each visitor finds only their own requests in it. Another visitor's request
id, even when known, finds nothing; two requests at once never record each
other's templates.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.http import HttpResponse
from django.template import Context, Template
from django.urls import reverse

from tests.abuse.conftest import Stranger, answers
from tests.helpers import set_item

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.abuse.toolbar_urls")]

TOOLBAR_PANELS = [
    "debug_toolbar.panels.history.HistoryPanel",
    "sessions_demo.panel.toolbar_request.OwnRequestPanel",
    "sessions_demo.panel.toolbar.SessionToolbarPanel",
    "sessions_demo.panel.toolbar_templates.OwnTemplatesPanel",
]
SESSION_PANEL = "SessionToolbarPanel"
TEMPLATES_PANEL = "OwnTemplatesPanel"


@pytest.fixture(autouse=True)
def toolbar_on(settings):
    """Run the toolbar as `make run` does (config/settings.py), on a few panels."""
    settings.DEBUG = True
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "debug_toolbar"]
    settings.MIDDLEWARE = [
        "debug_toolbar.middleware.DebugToolbarMiddleware",
        *settings.MIDDLEWARE,
    ]
    settings.INTERNAL_IPS = ["127.0.0.1"]
    settings.DEBUG_TOOLBAR_PANELS = TOOLBAR_PANELS
    settings.DEBUG_TOOLBAR_CONFIG = {
        "SHOW_TOOLBAR_CALLBACK": "sessions_demo.panel.toolbar_visitors.show_toolbar",
        "TOOLBAR_STORE_CLASS": "sessions_demo.panel.toolbar_visitors.VisitorStore",
        "RESULTS_CACHE_SIZE": 10,
        "IS_RUNNING_TESTS": False,
    }
    # The toolbar's modules load its models: only once it is installed.
    from debug_toolbar.middleware import show_toolbar_func_or_path

    from sessions_demo.panel.toolbar_visitors import VisitorStore

    show_toolbar_func_or_path.cache_clear()
    VisitorStore.forget_everyone()
    yield
    show_toolbar_func_or_path.cache_clear()
    VisitorStore.forget_everyone()


def known(stranger: Stranger) -> Stranger:
    """Let the course know the visitor: one page gives them a visitor id."""
    stranger.get(reverse("index"))
    return stranger


def last_request_id(stranger: Stranger, url: str) -> str:
    """Load a page with the toolbar; return the toolbar's id for the request."""
    return stranger.get(url)["djdt-request-id"]


def panel_content(stranger: Stranger, request_id: str, panel_id: str) -> str:
    """Fetch a panel of a stored request, as the toolbar's script does."""
    response = stranger.get(
        reverse("djdt:render_panel"),
        {"request_id": request_id, "panel_id": panel_id},
    )
    assert response.status_code == 200
    return response.json()["content"]


class TestEachVisitorTheirOwn:
    def test_another_visitors_panel_is_not_available(self, visitor, other):
        """B asking for A's Session panel by its id gets nothing of A's session."""
        known(other)
        set_item(other, "secret", "A-only")
        request_id = last_request_id(other, reverse("setitem"))
        key = other.cookies["sessionid"].value
        assert "A-only" in panel_content(other, request_id, SESSION_PANEL)
        content = panel_content(known(visitor), request_id, SESSION_PANEL)
        assert "available anymore" in content
        assert "A-only" not in content and key not in content

    def test_history_lists_only_the_visitors_requests(self, visitor, other):
        """History (refresh and sidebar) shows B's own requests, never A's."""
        request_id = last_request_id(known(other), reverse("setitem"))
        mine = last_request_id(known(visitor), reverse("getitem"))
        refreshed = visitor.get(
            reverse("djdt:history_refresh"), {"request_id": mine}
        ).json()
        ids = [entry["id"] for entry in refreshed["requests"]]
        assert mine in ids and request_id not in ids
        sidebar = visitor.get(
            reverse("djdt:history_sidebar"), {"request_id": request_id}
        )
        assert sidebar.json() == {}

    def test_a_first_visit_gets_no_toolbar(self, visitor, other):
        """No visitor id yet, no toolbar: its views answer 404."""
        assert "djdt-request-id" not in visitor.get(reverse("setitem"))
        render = other.get(
            reverse("djdt:render_panel"),
            {"request_id": "0" * 32, "panel_id": SESSION_PANEL},
        )
        assert render.status_code == 404

    def test_each_visitor_keeps_only_their_last_requests(self, visitor):
        """The store keeps RESULTS_CACHE_SIZE requests per visitor."""
        known(visitor)
        for _ in range(15):
            visitor.get(reverse("getitem"))
        mine = visitor.get(reverse("getitem"))["djdt-request-id"]
        refreshed = visitor.get(reverse("djdt:history_refresh"), {"request_id": mine})
        assert len(refreshed.json()["requests"]) == 10


class TestTwoRequestsAtOnce:
    def test_templates_never_cross(self):
        """Two pages rendered at the same moment: each panel holds its own only."""
        from tests.abuse import toolbar_urls

        strangers = {"alice": known(Stranger()), "bob": known(Stranger())}
        toolbar_urls.meeting["barrier"] = threading.Barrier(2, timeout=10)

        def visit(name: str) -> str:
            response = strangers[name].get(
                reverse("together"), {"secret": f"{name}-secret"}
            )
            return response["djdt-request-id"]

        with answers(), ThreadPoolExecutor(max_workers=2) as pool:
            ids = dict(zip(strangers, pool.map(visit, strangers), strict=True))
        for name, stranger in strangers.items():
            content = panel_content(stranger, ids[name], TEMPLATES_PANEL)
            others = {"alice": "bob", "bob": "alice"}[name]
            assert f"{name}-secret" in content
            assert f"{others}-secret" not in content

    def test_a_render_on_another_thread_is_not_recorded(self, rf):
        """The panel ignores template_rendered sent from any other thread."""
        from debug_toolbar.toolbar import DebugToolbar

        toolbar = DebugToolbar(rf.get("/"), lambda request: HttpResponse())
        panel = toolbar.get_panel_by_id(TEMPLATES_PANEL)
        panel.enable_instrumentation()
        try:
            elsewhere = threading.Thread(
                target=lambda: Template("{{ x }}").render(Context({"x": "theirs"}))
            )
            elsewhere.start()
            elsewhere.join(timeout=10)
            Template("{{ x }}").render(Context({"x": "mine"}))
        finally:
            panel.disable_instrumentation()
        recorded = [layer.get("x") for t in panel.templates for layer in t["context"]]
        assert "mine" in recorded
        assert "theirs" not in recorded


class TestWhatASessionHolds:
    def test_a_session_nested_a_thousand_deep(self, visitor):
        """Stored before the bound: every page and every panel draws it, quickly."""
        from django.contrib.sessions.backends.db import SessionStore

        deep: list = []
        for _ in range(1000):
            deep = [deep]
        session = SessionStore()
        session.update({"deep": deep, "\ud800": "\udfff"})
        session.save()
        known(visitor).cookies["sessionid"] = session.session_key
        response = visitor.get(reverse("items"))
        assert response.status_code == 200
        for panel_id in (SESSION_PANEL, TEMPLATES_PANEL, "OwnRequestPanel"):
            panel_content(visitor, response["djdt-request-id"], panel_id)
        request_panel = panel_content(
            visitor, response["djdt-request-id"], "OwnRequestPanel"
        )
        assert "nested too deeply to print" in request_panel

    def test_a_deep_context_is_a_note_not_a_500(self):
        """A context nested past what pformat can print shows as a note."""
        from debug_toolbar.toolbar import DebugToolbar

        from sessions_demo.panel.toolbar_templates import TOO_DEEP, OwnTemplatesPanel

        # 460 levels: saferepr() copes, pformat() runs out of stack.
        deep: list = []
        for _ in range(460):
            deep = [deep]
        panel = OwnTemplatesPanel(
            DebugToolbar.__new__(DebugToolbar), lambda request: HttpResponse()
        )
        assert panel.process_context_list([{"deep": deep}, {"x": 1}]) == [
            TOO_DEEP,
            "{'x': 1}",
        ]
