"""
The course outline: every section and lesson, in teaching order.

This is the single source for the URLs of the lessons, the table of contents,
the prev/next links and the test that renders every lesson. A lesson's slug
names its template (`sessions_demo/<slug>.html`); its `action` is the view that
runs when the learner presses "try it", and its source is what the page shows.
"""

from dataclasses import dataclass, field
from functools import cache


@dataclass(frozen=True)
class Lesson:
    slug: str
    title: str
    path: str  # URL path, fixed by the URL contract in DESIGN.md
    url_name: str
    summary: str
    guide: str  # where the guide covers it, e.g. "§2"
    action: str = ""  # dotted path of the try-it view
    shown: tuple[str, ...] = ()  # more functions whose source the page shows
    tests: tuple[str, ...] = ()  # "Class::test" in the lesson's test module
    method: str = "POST"  # how the try-it form is sent: GET for reads, else POST
    view: str = ""  # dotted path of a page view of its own, if not the generic one

    @property
    def test_module(self) -> str:
        """Return the test module of the lesson: tests/test_<lesson module>.py."""
        module = (self.action or (self.shown or (self.view,))[0]).rsplit(".", 2)[-2]
        return f"tests/test_{module}.py"

    @property
    def test_ids(self) -> tuple[str, ...]:
        """Return the pytest node ids of the tests that verify this lesson."""
        return tuple(f"{self.test_module}::{name}" for name in self.tests)

    @property
    def code(self) -> tuple[str, ...]:
        """Dotted paths of every function whose source the page shows."""
        return ((self.action,) if self.action else ()) + self.shown


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    lessons: tuple[Lesson, ...] = field(default_factory=tuple)


def _lesson(slug: str, title: str, path: str, summary: str, **kwargs) -> Lesson:
    return Lesson(slug, title, path, slug.replace("-", "_"), summary, **kwargs)


def _setting(
    name: str, summary: str, *tests: str, action: str = "save_session"
) -> Lesson:
    """A setting page of the guide's §4: /settings/<name, lower-cased, _ as ->/."""
    slug = name.lower().replace("_", "-")
    common = (
        "TestSettingPage::test_shows_default_project_and_visitor_value",
        "TestSettingPage::test_control_changes_it_for_this_visitor_only",
    )
    return _lesson(
        slug,
        name,
        f"settings/{slug}/",
        summary,
        guide="§4",
        action=f"{SESSION_SETTINGS}.{action}",
        view=SETTING_PAGE,
        tests=(*tests, *common),
    )


BASICS = "sessions_demo.lessons.basics"
SESSION_SETTINGS = "sessions_demo.lessons.session_settings"
SETTING_PAGE = "sessions_demo.setting_pages.setting_page"
START = "sessions_demo.lessons.start"
EXAMPLE = "sessions_demo.lessons.example"

SECTIONS: tuple[Section, ...] = (
    Section(
        "start",
        "Start",
        (
            _lesson(
                "how-sessions-work",
                "How sessions work",
                "start/how-sessions-work/",
                "The cookie holds a key; the data lives on the server.",
                guide="intro",
                action=f"{START}.count_visit",
                tests=(
                    "TestHowSessionsWork::test_first_visit_creates_session_and_cookie",
                    "TestHowSessionsWork::test_cookie_carries_only_the_key",
                    "TestHowSessionsWork::test_count_survives_across_requests",
                ),
            ),
            _lesson(
                "enabling-sessions",
                "Enabling sessions",
                "start/enabling-sessions/",
                "One app, one middleware, one table.",
                guide="§1",
                action=f"{START}.check_setup",
                method="GET",
                tests=(
                    "TestEnablingSessions::test_setup_check_reports_each_piece",
                    "TestEnablingSessions::test_setup_check_names_the_session_middleware",
                    "TestEnablingSessions::test_checking_does_not_create_a_session",
                ),
            ),
        ),
    ),
    Section(
        "basics",
        "Basics",
        (
            _lesson(
                "setitem",
                "Set an item: session[key] = value",
                "methods/setitem/",
                "Store a value; Django saves it when the response goes out.",
                guide="§2",
                action=f"{BASICS}.setitem",
                tests=(
                    "TestSetItem::test_stores_value_and_sets_cookie",
                    "TestSetItem::test_json_literal_is_stored_typed",
                    "TestSetItem::test_overwrite_keeps_session_key",
                    "TestBadInput::test_rejected_without_touching_session",
                ),
            ),
            _lesson(
                "get",
                "Read safely: session.get(key, default)",
                "methods/get/",
                "Read a value, with a fallback when the key is missing.",
                guide="§2",
                action=f"{BASICS}.get",
                method="GET",
                tests=(
                    "TestGet::test_returns_stored_value",
                    "TestGet::test_returns_default_when_missing",
                    "TestGet::test_reading_sets_vary_but_no_cookie",
                ),
            ),
            _lesson(
                "getitem",
                "Read strictly: session[key]",
                "methods/getitem/",
                "Read a value that must be there; a missing key raises KeyError.",
                guide="§2",
                action=f"{BASICS}.getitem",
                method="GET",
                tests=(
                    "TestGetItem::test_returns_stored_value",
                    "TestGetItem::test_missing_key_raises_keyerror",
                ),
            ),
            _lesson(
                "delitem",
                "Delete an item: del session[key]",
                "methods/delitem/",
                "Remove a key; the session and its cookie stay, even when empty.",
                guide="§2",
                action=f"{BASICS}.delitem",
                tests=(
                    "TestDelItem::test_removes_key_and_saves",
                    "TestDelItem::test_missing_key_is_explained_not_500",
                    "TestDelItem::test_emptied_session_keeps_its_key_and_cookie",
                    "TestDelItem::test_only_flush_empties_it_enough_to_delete_the_cookie",
                ),
            ),
            _lesson(
                "contains",
                "Check for a key: key in session",
                "methods/contains/",
                "Ask whether a key is there without reading its value.",
                guide="§2",
                action=f"{BASICS}.contains",
                method="GET",
                tests=(
                    "TestContains::test_true_for_stored_key",
                    "TestContains::test_false_for_missing_key",
                ),
            ),
        ),
    ),
    Section(
        "settings",
        "Settings",
        (
            _setting(
                "SESSION_CACHE_ALIAS",
                "Which configured cache the cache engines keep sessions in.",
                "TestCacheAlias::test_session_lands_in_the_chosen_cache",
                "TestCacheAlias::test_page_names_the_cache_holding_the_key",
                "TestCacheAlias::test_engines_without_a_cache_ignore_it",
            ),
            _setting(
                "SESSION_COOKIE_AGE",
                "How long a session lives: the cookie's Max-Age, the store's expiry.",
                "TestCookieAge::test_lab_change_shows_in_the_next_set_cookie",
                "TestCookieAge::test_page_shows_max_age_and_expires",
                "TestCookieAge::test_store_expiry_follows_the_age",
                "TestCookieAge::test_signed_cookies_enforce_only_the_cookie_age",
            ),
            _setting(
                "SESSION_COOKIE_DOMAIN",
                "Which hosts receive the cookie; None means this host only.",
                "TestCookieDomain::test_default_sends_no_domain",
                "TestCookieDomain::test_guide_domain_is_refused_on_this_host",
                "TestCookieDomain::test_django_sends_whatever_domain_is_set",
                "TestInTheBrowser::test_foreign_domain_cookie_is_dropped",
            ),
            _setting(
                "SESSION_COOKIE_HTTPONLY",
                "Hide the session cookie from the page's JavaScript.",
                "TestCookieHttpOnly::test_httponly_by_default",
                "TestCookieHttpOnly::test_lab_turns_it_off",
                "TestCookieHttpOnly::test_page_hands_the_cookie_name_to_its_script",
                "TestInTheBrowser::test_script_sees_the_cookie_only_without_httponly",
            ),
            _setting(
                "SESSION_COOKIE_NAME",
                "The name of the cookie that carries the session.",
                "TestCookieName::test_lab_renames_the_cookie_and_drops_the_old_one",
                "TestCookieName::test_stock_django_ignores_the_old_cookie",
                "TestCookieName::test_page_shows_which_cookie_django_reads",
            ),
            _setting(
                "SESSION_COOKIE_PATH",
                "The URLs the browser sends the session cookie to.",
                "TestCookiePath::test_set_cookie_carries_the_path",
                "TestCookiePath::test_page_shows_which_requests_carried_it",
                "TestInTheBrowser::test_cookie_is_sent_only_under_its_path",
            ),
            _setting(
                "SESSION_COOKIE_SAMESITE",
                "Whether the cookie goes along with requests from other sites.",
                "TestCookieSameSite::test_lax_by_default",
                "TestCookieSameSite::test_each_choice_shows_in_the_header",
                "TestCookieSameSite::test_none_without_secure_is_warned",
                "TestInTheBrowser::test_samesite_none_needs_secure",
            ),
            _setting(
                "SESSION_COOKIE_SECURE",
                "Send the session cookie over HTTPS only.",
                "TestCookieSecure::test_off_by_default",
                "TestCookieSecure::test_lab_turns_it_on",
                "TestInTheBrowser::test_secure_cookie_on_plain_http",
            ),
            _setting(
                "SESSION_ENGINE",
                "Where the session data is kept: database, cache, file or cookie.",
                "TestEngine::test_cookie_holds_a_key_or_the_data",
                "TestEngine::test_lab_switch_carries_the_data",
            ),
            _setting(
                "SESSION_EXPIRE_AT_BROWSER_CLOSE",
                "A cookie without an expiry, gone when the browser closes.",
                "TestExpireAtBrowserClose::test_cookie_has_no_max_age_or_expires",
                "TestExpireAtBrowserClose::test_store_still_expires_after_cookie_age",
            ),
            _setting(
                "SESSION_FILE_PATH",
                "The folder where the file engine writes one file per session.",
                "TestFilePath::test_file_lands_in_the_folder",
                "TestFilePath::test_page_shows_own_file_and_counts_others",
                "TestFilePath::test_missing_folder_is_an_error",
                "TestFilePath::test_other_engines_write_no_file",
            ),
            _setting(
                "SESSION_SAVE_EVERY_REQUEST",
                "Save on every request, so the expiry slides while you are active.",
                "TestSaveEveryRequest::test_off_reading_sends_no_cookie",
                "TestSaveEveryRequest::test_on_every_load_sends_the_cookie",
                "TestSaveEveryRequest::test_expiry_slides_on_each_load",
            ),
            _setting(
                "SESSION_SERIALIZER",
                "How session data becomes text; JSON is the only one Django ships.",
                "TestSerializer::test_json_refuses_a_datetime",
                "TestSerializer::test_rich_serializer_round_trips_it",
                "TestSerializer::test_pickle_serializer_is_gone",
                action="encode_datetime",
            ),
        ),
    ),
    Section(
        "example",
        "The guide's complete example",
        (
            _lesson(
                "example",
                "The complete example",
                "example/",
                "The guide's three views and template, running as written.",
                guide="§5",
                shown=(
                    f"{EXAMPLE}.set_session_example",
                    f"{EXAMPLE}.get_session_example",
                    f"{EXAMPLE}.delete_session_example",
                ),
                tests=(
                    "TestGuideExample::test_round_trip",
                    "TestGuideExample::test_set_session_expires_in_300_seconds",
                    "TestGuideExample::test_delete_session_removes_stored_row",
                    "TestGuideExample::test_template_links",
                ),
            ),
        ),
    ),
)


@cache
def lessons() -> tuple[Lesson, ...]:
    """Return every lesson in course order."""
    return tuple(lesson for section in SECTIONS for lesson in section.lessons)


def lesson(slug: str) -> Lesson:
    """Return the lesson with this slug."""
    return next(lesson for lesson in lessons() if lesson.slug == slug)


def neighbours(current: Lesson) -> tuple[Lesson | None, Lesson | None]:
    """Return the lessons before and after this one."""
    ordered = lessons()
    index = ordered.index(current)
    previous = ordered[index - 1] if index > 0 else None
    following = ordered[index + 1] if index + 1 < len(ordered) else None
    return previous, following


def section_of(current: Lesson) -> Section:
    """Return the section this lesson belongs to."""
    return next(s for s in SECTIONS if current in s.lessons)
