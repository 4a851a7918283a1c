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
    guide: str  # where the guide covers it, e.g. "§2"; empty when it does not
    action: str = ""  # dotted path of the try-it view
    shown: tuple[str, ...] = ()  # more functions whose source the page shows
    # "Class::test" in the lesson's test module, or a full node id
    # "tests/...::Class::test" for a test that lives elsewhere (the browser's).
    tests: tuple[str, ...] = ()
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
        return tuple(
            name if name.startswith("tests/") else f"{self.test_module}::{name}"
            for name in self.tests
        )

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
BEYOND = "sessions_demo.lessons.beyond"
READING = "sessions_demo.lessons.reading"
WRITING = "sessions_demo.lessons.writing"
STATE = "sessions_demo.lessons.state"
LIFECYCLE = "sessions_demo.lessons.lifecycle"
EXPIRY = "sessions_demo.lessons.expiry"
TEST_COOKIE = "sessions_demo.lessons.cookie_check"
MAINTENANCE = "sessions_demo.lessons.maintenance"
ASYNC_API = "sessions_demo.lessons.async_api"
ENGINES = "sessions_demo.lessons.engines"
# What Chromium does with the cookie: in the browser tests, with their harness.
IN_THE_BROWSER = "tests/browser/test_session_settings.py::TestInTheBrowser"

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
                    "test_a_count_of_the_wrong_type_starts_again",
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
        "methods",
        "Methods",
        (
            _lesson(
                "keys",
                "List the keys: session.keys()",
                "methods/keys/",
                "Every key in the session, Django's own included.",
                guide="§3",
                action=f"{READING}.keys",
                method="GET",
                tests=(
                    "TestKeys::test_lists_every_key",
                    "TestKeys::test_includes_djangos_own_keys",
                    "TestKeys::test_reading_saves_nothing",
                    "TestKeys::test_keys_is_a_live_view",
                ),
            ),
            _lesson(
                "items",
                "List the pairs: session.items()",
                "methods/items/",
                "Every key with its value, as the serializer gave them back.",
                guide="§3",
                action=f"{READING}.items",
                method="GET",
                tests=(
                    "TestItems::test_lists_every_pair",
                    "TestItems::test_values_come_back_as_json_types",
                    "TestItems::test_reading_saves_nothing",
                    "TestItems::test_a_dict_of_items_is_a_copy",
                ),
            ),
            _lesson(
                "values",
                "List the values: session.values()",
                "methods/values/",
                "Every value, without its key.",
                guide="§3 (added)",
                action=f"{READING}.values",
                method="GET",
                tests=(
                    "TestValues::test_lists_every_value",
                    "TestValues::test_reading_saves_nothing",
                ),
            ),
            _lesson(
                "setdefault",
                "Store unless present: session.setdefault(key, value)",
                "methods/setdefault/",
                "Store a value only when the key is missing; get back what is stored.",
                guide="§3",
                action=f"{WRITING}.setdefault",
                tests=(
                    "TestSetDefault::test_stores_when_missing",
                    "TestSetDefault::test_keeps_existing_value",
                    "TestSetDefault::test_existing_key_saves_nothing",
                    "TestBadInput::test_rejected_without_touching_session",
                ),
            ),
            _lesson(
                "pop",
                "Take a value out: session.pop(key[, default])",
                "methods/pop/",
                "Remove a key and get its value; with a default it never raises.",
                guide="§3 (added)",
                action=f"{WRITING}.pop",
                tests=(
                    "TestPop::test_removes_and_returns_value",
                    "TestPop::test_missing_key_with_default_returns_default",
                    "TestPop::test_missing_key_without_default_is_explained_not_500",
                    "TestPop::test_missing_key_saves_nothing",
                ),
            ),
            _lesson(
                "update",
                "Store several: session.update(mapping)",
                "methods/update/",
                "Store many keys in one call, as dict.update() does.",
                guide="§3 (added)",
                action=f"{WRITING}.update",
                tests=(
                    "TestUpdate::test_stores_every_pair",
                    "TestUpdate::test_overwrites_and_keeps_the_rest",
                    "TestUpdate::test_even_an_empty_update_saves",
                    "TestBadInput::test_rejected_without_touching_session",
                ),
            ),
            _lesson(
                "clear",
                "Empty it: session.clear()",
                "methods/clear/",
                "Remove every key, but keep the session key and the cookie.",
                guide="§3",
                action=f"{WRITING}.clear",
                tests=(
                    "TestClear::test_removes_every_key",
                    "TestClear::test_keeps_the_key_and_the_cookie",
                    "TestClear::test_is_not_empty_afterwards",
                ),
            ),
            _lesson(
                "is-empty",
                "Empty or not: session.is_empty() and bool(session)",
                "methods/is-empty/",
                "Empty means no key and no data; since Django 6.1 bool() agrees.",
                guide="§3 (added)",
                action=f"{STATE}.is_empty",
                method="GET",
                tests=(
                    "TestIsEmpty::test_new_visitor_is_empty",
                    "TestIsEmpty::test_session_with_data_is_not_empty",
                    "TestIsEmpty::test_cleared_session_keeps_its_key",
                    "TestIsEmpty::test_bool_is_the_opposite_of_is_empty",
                ),
            ),
            _lesson(
                "modified",
                "Changes inside values: session.modified",
                "methods/modified/",
                "Change a list inside the session and Django does not notice.",
                guide="§3 (added)",
                action=f"{STATE}.modified",
                tests=(
                    "TestModified::test_nested_change_is_lost",
                    "TestModified::test_nested_change_is_saved_when_flagged",
                    "TestModified::test_assignment_sets_the_flag",
                    "TestModified::test_save_every_request_saves_it_anyway",
                    "TestModified::test_reassigning_the_value_saves",
                    "TestBadInput::test_rejected_without_touching_session",
                ),
            ),
            _lesson(
                "flush",
                "End it: session.flush()",
                "methods/flush/",
                "Delete the stored session and its key; the old key loads nothing.",
                guide="§3",
                action=f"{LIFECYCLE}.flush",
                shown=(f"{LIFECYCLE}.load_key",),
                tests=(
                    "TestFlush::test_removes_data_and_key",
                    "TestFlush::test_deletes_the_cookie",
                    "TestFlush::test_old_key_loads_nothing",
                    "TestFlush::test_signed_cookies_old_cookie_still_loads",
                    "TestFlush::test_flush_without_a_session_is_harmless",
                    "TestFlush::test_logout_calls_flush",
                ),
            ),
            _lesson(
                "cycle-key",
                "Renew the key: session.cycle_key()",
                "methods/cycle-key/",
                "Same data, new key; the old key is dead on the server.",
                guide="§3",
                action=f"{LIFECYCLE}.cycle_key",
                shown=(f"{LIFECYCLE}.load_key",),
                tests=(
                    "TestCycleKey::test_new_key_same_data",
                    "TestCycleKey::test_old_key_loads_nothing",
                    "TestCycleKey::test_signed_cookies_old_cookie_still_loads",
                    "TestCycleKey::test_signed_cookies_cycling_only_re_signs",
                    "TestCycleKey::test_login_calls_cycle_key",
                ),
            ),
            _lesson(
                "set-expiry",
                "Choose the end: session.set_expiry(value)",
                "methods/set-expiry/",
                "0, None, seconds, timedelta or datetime, and the cookie each gives.",
                guide="§3",
                action=f"{EXPIRY}.set_expiry",
                shown=(f"{EXPIRY}.cookie_lifetime",),
                tests=(
                    "TestSetExpiry::test_zero_makes_a_browser_session_cookie",
                    "TestSetExpiry::test_none_returns_to_the_global_policy",
                    "TestSetExpiry::test_seconds_are_stored_as_an_int_and_slide",
                    "TestSetExpiry::test_timedelta_becomes_a_fixed_moment",
                    "TestSetExpiry::test_datetime_is_a_fixed_moment",
                    "TestSetExpiry::test_outcome_names_the_cookie_sent",
                    "TestSetExpiry::test_signed_cookies_enforce_only_the_cookie_age",
                    "TestSetExpiryBadInput::test_rejected_without_touching_session",
                ),
            ),
            _lesson(
                "get-expiry-age",
                "Seconds left? session.get_expiry_age()",
                "methods/get-expiry-age/",
                "The age the session would get if it were saved now.",
                guide="§3",
                action=f"{EXPIRY}.get_expiry_age",
                method="GET",
                tests=(
                    "TestGetExpiryAge::test_default_is_the_cookie_age",
                    "TestGetExpiryAge::test_follows_set_expiry",
                    "TestGetExpiryAge::test_counts_from_now_not_from_the_last_save",
                ),
            ),
            _lesson(
                "get-expiry-date",
                "When does it end? session.get_expiry_date()",
                "methods/get-expiry-date/",
                "The moment the session would expire if it were saved now.",
                guide="§3",
                action=f"{EXPIRY}.get_expiry_date",
                method="GET",
                tests=(
                    "TestGetExpiryDate::test_default_is_now_plus_the_cookie_age",
                    "TestGetExpiryDate::test_fixed_moment_is_returned_as_set",
                    "TestGetExpiryDate::test_counts_from_now_not_from_the_last_save",
                ),
            ),
            _lesson(
                "get-expire-at-browser-close",
                "Browser session? session.get_expire_at_browser_close()",
                "methods/get-expire-at-browser-close/",
                "Whether the cookie ends when the browser closes.",
                guide="§3 (added)",
                action=f"{EXPIRY}.get_expire_at_browser_close",
                method="GET",
                tests=(
                    "TestGetExpireAtBrowserClose::test_follows_the_setting_by_default",
                    "TestGetExpireAtBrowserClose::test_zero_expiry_means_true",
                    "TestGetExpireAtBrowserClose::test_explicit_expiry_overrides_the_setting",
                ),
            ),
            _lesson(
                "set-test-cookie",
                "Step 1: session.set_test_cookie()",
                "methods/set-test-cookie/",
                "Store a marker that the browser must bring back.",
                guide="§3",
                action=f"{TEST_COOKIE}.set_test_cookie",
                tests=(
                    "TestSetTestCookie::test_stores_the_marker_and_sends_the_cookie",
                    "TestSetTestCookie::test_same_request_check_is_always_true",
                ),
            ),
            _lesson(
                "test-cookie-worked",
                "Step 2: session.test_cookie_worked()",
                "methods/test-cookie-worked/",
                "On a later request: did the marker come back?",
                guide="§3",
                action=f"{TEST_COOKIE}.test_cookie_worked",
                method="GET",
                tests=(
                    "TestTestCookieWorked::test_true_when_the_browser_sent_the_cookie",
                    "TestTestCookieWorked::test_false_when_the_browser_refused_it",
                    "TestTestCookieWorked::test_false_before_setting_it",
                ),
            ),
            _lesson(
                "delete-test-cookie",
                "Step 3: session.delete_test_cookie()",
                "methods/delete-test-cookie/",
                "Remove the marker once it has served.",
                guide="§3",
                action=f"{TEST_COOKIE}.delete_test_cookie",
                tests=(
                    "TestDeleteTestCookie::test_removes_the_marker",
                    "TestDeleteTestCookie::test_missing_marker_is_explained_not_500",
                ),
            ),
            _lesson(
                "clear-expired",
                "Clean up: clear_expired() and clearsessions",
                "methods/clear-expired/",
                "Delete the expired sessions some engines leave behind.",
                guide="§3 (added)",
                action=f"{MAINTENANCE}.clear_expired",
                shown=(f"{MAINTENANCE}.plant_expired_session",),
                tests=(
                    "TestClearExpired::test_db_and_file_keep_expired_sessions_until_cleared",
                    "TestClearExpired::test_cache_forgets_them_by_itself",
                    "TestClearExpired::test_signed_cookies_store_nothing",
                    "TestClearExpired::test_valid_sessions_survive",
                    "TestClearSessionsCommand::test_removes_expired_rows",
                ),
            ),
            _lesson(
                "async",
                "The async API: aget, aset, apop…",
                "methods/async/",
                "An async def view uses the a-prefixed twins of every method.",
                guide="§3 (added)",
                action=f"{ASYNC_API}.async_api",
                tests=(
                    "TestAsyncApi::test_runs_the_async_methods_on_the_same_session",
                    "TestAsyncApi::test_the_async_view_is_a_coroutine_function",
                    "TestAsyncApi::test_sync_and_async_see_the_same_data",
                    "TestAsyncApi::test_sync_methods_refuse_the_event_loop_until_loaded",
                    "TestAsyncApi::test_runs_under_asgi_as_well",
                ),
            ),
        ),
    ),
    Section(
        "engines",
        "Engines",
        (
            _lesson(
                "engine-db",
                "The database engine: db",
                "engines/db/",
                "One row per session in django_session: the default, and durable.",
                guide="§4 SESSION_ENGINE",
                action=f"{ENGINES}.store",
                tests=(
                    "TestDatabaseEngine::test_one_row_with_signed_data_and_expiry",
                    "TestDatabaseEngine::test_a_read_costs_one_select",
                    "TestDatabaseEngine::test_save_is_an_insert_then_updates",
                    "TestDatabaseEngine::test_store_rewrites_the_row",
                    "TestDatabaseEngine::test_expired_rows_stay_until_clearsessions",
                    "TestEnginePages::test_shows_the_visitors_session_as_stored",
                    "TestEnginePages::test_offers_the_lab_switch_for_another_engine",
                ),
            ),
            _lesson(
                "engine-cache",
                "The cache engine: cache",
                "engines/cache/",
                "Sessions in the cache only: fast, and gone when the cache forgets.",
                guide="§4 SESSION_ENGINE",
                action=f"{ENGINES}.evict",
                tests=(
                    "TestCacheEngine::test_no_database_queries",
                    "TestCacheEngine::test_cache_timeout_is_the_expiry_age",
                    "TestCacheEngine::test_eviction_ends_the_session",
                    "TestCacheEngine::test_full_local_memory_cache_drops_the_oldest",
                    "TestCacheEngine::test_local_memory_is_per_process",
                    "TestCacheEngine::test_nothing_for_clearsessions_to_do",
                    "TestCacheEngine::test_expiry_not_knowable_beyond_local_memory",
                    "TestEnginePages::test_shows_the_visitors_session_as_stored",
                ),
            ),
            _lesson(
                "engine-cached-db",
                "Cache in front of the database: cached_db",
                "engines/cached-db/",
                "Reads from the cache, writes to both: fast and durable.",
                guide="§4 SESSION_ENGINE",
                action=f"{ENGINES}.evict",
                tests=(
                    "TestCachedDatabaseEngine::test_save_writes_row_and_cache",
                    "TestCachedDatabaseEngine::test_cached_read_costs_no_query",
                    "TestCachedDatabaseEngine::test_eviction_is_survived_via_the_row",
                    "TestCachedDatabaseEngine::test_failed_cache_write_is_only_logged",
                    "TestCachedDatabaseEngine::test_cache_down_breaks_reads_and_new_sessions",
                    "TestCachedDatabaseEngine::test_expired_rows_stay_until_clearsessions",
                    "TestEnginePages::test_shows_the_visitors_session_as_stored",
                ),
            ),
            _lesson(
                "engine-file",
                "The file engine: file",
                "engines/file/",
                "One file per session in SESSION_FILE_PATH.",
                guide="§4 SESSION_FILE_PATH",
                action=f"{ENGINES}.store",
                tests=(
                    "TestFileEngine::test_one_file_per_session",
                    "TestFileEngine::test_django_default_folder_is_the_temp_folder",
                    "TestFileEngine::test_expiry_counts_from_the_modification_time",
                    "TestFileEngine::test_integer_expiry_never_expires_the_file",
                    "TestFileEngine::test_loading_an_expired_file_deletes_it",
                    "TestFileEngine::test_expired_files_stay_until_clearsessions",
                    "TestFileEngine::test_missing_folder_gets_an_explanatory_503",
                    "TestEnginePages::test_shows_the_visitors_session_as_stored",
                ),
            ),
            _lesson(
                "engine-signed-cookies",
                "No server storage: signed_cookies",
                "engines/signed-cookies/",
                "The data travels in the cookie itself: signed, not encrypted.",
                guide="§4 SESSION_ENGINE",
                action=f"{ENGINES}.grow",
                tests=(
                    "TestSignedCookiesEngine::test_nothing_is_stored_on_the_server",
                    "TestSignedCookiesEngine::test_payload_is_readable_without_the_key",
                    "TestSignedCookiesEngine::test_tampered_cookie_starts_afresh",
                    "TestSignedCookiesEngine::test_old_cookie_still_works_after_flush",
                    "TestSignedCookiesEngine::test_server_enforces_only_the_cookie_age",
                    "TestSignedCookiesEngine::test_grow_refuses_past_the_browser_limit",
                    "TestEnginePages::test_shows_the_visitors_session_as_stored",
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
                f"{IN_THE_BROWSER}::test_foreign_domain_cookie_is_dropped",
            ),
            _setting(
                "SESSION_COOKIE_HTTPONLY",
                "Hide the session cookie from the page's JavaScript.",
                "TestCookieHttpOnly::test_httponly_by_default",
                "TestCookieHttpOnly::test_lab_turns_it_off",
                "TestCookieHttpOnly::test_page_hands_the_cookie_name_to_its_script",
                f"{IN_THE_BROWSER}::test_script_sees_the_cookie_only_without_httponly",
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
                f"{IN_THE_BROWSER}::test_cookie_is_sent_only_under_its_path",
            ),
            _setting(
                "SESSION_COOKIE_SAMESITE",
                "Whether the cookie goes along with requests from other sites.",
                "TestCookieSameSite::test_lax_by_default",
                "TestCookieSameSite::test_each_choice_shows_in_the_header",
                "TestCookieSameSite::test_none_without_secure_is_warned",
                f"{IN_THE_BROWSER}::test_samesite_none_needs_secure",
            ),
            _setting(
                "SESSION_COOKIE_SECURE",
                "Send the session cookie over HTTPS only.",
                "TestCookieSecure::test_off_by_default",
                "TestCookieSecure::test_lab_turns_it_on",
                f"{IN_THE_BROWSER}::test_secure_cookie_on_plain_http",
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
    Section(
        "beyond",
        "Beyond",
        (
            _lesson(
                "outside-views",
                "Sessions outside views",
                "beyond/outside-views/",
                "Any code that holds the key can open the session: no request needed.",
                guide="",
                action=f"{BEYOND}.open_by_key",
                method="GET",
                tests=(
                    "TestOutsideViews::test_a_fresh_store_opens_the_same_session",
                    "TestOutsideViews::test_without_a_session_there_is_nothing_to_open",
                    "TestOutsideViews::test_a_script_can_create_a_session",
                ),
            ),
            _lesson(
                "security",
                "Security: what Django checks",
                "beyond/security/",
                "The deployment checks Django runs on the session cookie.",
                guide="",
                action=f"{BEYOND}.deploy_checks",
                method="GET",
                tests=(
                    "TestSecurity::test_insecure_cookie_is_reported",
                    "TestSecurity::test_script_readable_cookie_is_reported",
                    "TestSecurity::test_secure_httponly_cookie_passes",
                    "TestSecurity::test_checks_look_for_djangos_own_middleware_path",
                    "TestSecurity::test_login_cycles_the_key_and_logout_flushes",
                    "TestSecurity::test_secret_key_fallbacks_keep_sessions_alive",
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
