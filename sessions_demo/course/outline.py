"""
The course outline: every section and lesson, in teaching order.

This is the single source for the lessons' URLs, the table of contents, the
prev/next links and the test that renders every lesson. Each lesson names its
try-it view itself (not a dotted string), so "go to definition" leads from a
URL to the code that runs there; its template and its tests follow from its
URL by name (see lesson.py).
"""

from functools import cache

from ..lab.session_cookie import cookie_lifetime
from ..lessons import another_worker, engines, example
from ..lessons import settings as setting_lessons
from ..lessons.beyond import (
    custom_engine,
    login,
    outside_views,
    security,
    serializers,
    session_store,
    testing,
)
from ..lessons.methods import (
    async_,
    clear,
    clear_expired,
    contains,
    cycle_key,
    delete_test_cookie,
    delitem,
    flush,
    get,
    get_expire_at_browser_close,
    get_expiry_age,
    get_expiry_date,
    getitem,
    is_empty,
    items,
    keys,
    modified,
    pop,
    replay,
    set_expiry,
    set_test_cookie,
    setdefault,
    setitem,
    test_cookie_worked,
    update,
    values,
)
from ..lessons.start import enabling_sessions, how_sessions_work
from ..serializers import RichJSONSerializer
from ..user_sessions import cached_db as user_cached_db
from ..user_sessions import db as user_db
from ..user_sessions.models import UserSession
from .lesson import Lesson, Section

# Tests that several lessons share, as pytest node ids.
BAD_INPUT = (
    "tests/lessons/test_forms.py::TestBadInput::test_rejected_without_touching_session"
)
SETTING_PAGE = (
    "tests/pages/test_setting_pages.py"
    "::TestSettingPage::test_shows_default_project_and_visitor_value",
    "tests/pages/test_setting_pages.py"
    "::TestSettingPage::test_control_changes_it_for_this_visitor_only",
)
ENGINE_PAGES = "tests/pages/test_engine_pages.py::TestEnginePages"
ENGINE_PAGE = f"{ENGINE_PAGES}::test_shows_the_visitors_session_as_stored"
BROWSER_SETTINGS = "tests/browser/test_session_settings.py::TestInTheBrowser"
BROWSER_PANEL = "tests/browser/test_panel.py"
CROSS_SITE = "tests/browser/test_cross_site.py"
FILE_ENGINE = "tests/lessons/engines/test_file.py::TestFileEngine"
PLAIN_HTTP_ELSEWHERE = (
    "tests/browser/test_secure_cookie.py"
    "::test_plain_http_elsewhere_drops_a_secure_cookie"
)
BROWSER_LOGIN = "tests/browser/test_login.py"
TESTING = "tests/lessons/beyond/test_testing.py"
# The abuse suite (tests/abuse/): the bounds a page states, attacked.
ABUSE_INPUT = "tests/abuse/test_input.py"
ABUSE_ISOLATION = "tests/abuse/test_isolation.py"
VALUE_BOUNDS = (
    f"{ABUSE_INPUT}::TestDeepJson::test_too_deep_is_refused_at_once",
    f"{ABUSE_INPUT}::TestLoneSurrogates::test_refused_at_input",
    f"{ABUSE_INPUT}::TestNumbers::test_non_finite_numbers_are_text",
    f"{ABUSE_INPUT}::TestSizes::test_one_key_too_many",
    f"{ABUSE_INPUT}::TestSizes::test_one_byte_too_many",
    f"{ABUSE_INPUT}::TestSizes::test_a_full_session_can_always_shrink",
)
NEW_SESSIONS_BOUND = (
    f"{ABUSE_ISOLATION}::TestNewSessionsPerAddress::test_one_too_many_gets_a_429"
)
BROWSER_THIS_RESPONSE = "tests/browser/test_panel_this_response.py"
# Whose new sessions are counted, and where: stored ones, in each server process.
NEW_SESSIONS_COUNTED = (
    f"{ABUSE_ISOLATION}::TestNewSessionsPerAddress::test_signed_cookies_start_none_on_the_server",
    f"{ABUSE_ISOLATION}::TestNewSessionsPerAddress::test_each_server_process_counts_its_own",
)
# The try-its that store what a visitor types state the bounds above.
STATED_BOUNDS = (
    "tests/pages/test_lesson_page.py::TestStatedBounds"
    "::test_the_try_its_state_the_bounds_they_enforce",
    NEW_SESSIONS_BOUND,
    *NEW_SESSIONS_COUNTED,
)


def setting(name: str, summary: str, *more_tests: str, **kwargs) -> Lesson:
    """A setting page of the guide's §4: /settings/<name, lower-cased, _ as ->/."""
    return Lesson(
        path=f"settings/{name.lower().replace('_', '-')}/",
        title=name,
        summary=summary,
        guide="§4",
        view=kwargs.pop("view", setting_lessons.save_session),
        setting=name.removeprefix("SESSION_").lower(),
        more_tests=(*more_tests, *SETTING_PAGE),
        **kwargs,
    )


def engine(name: str, title: str, summary: str, view, **kwargs) -> Lesson:
    """An engine page: /engines/<name, _ as ->/."""
    slug = name.replace("_", "-")
    return Lesson(
        path=f"engines/{slug}/",
        title=title,
        summary=summary,
        guide=kwargs.pop("guide", "§4 SESSION_ENGINE"),
        view=view,
        engine=name,
        url_name=f"engine_{name}",
        more_tests=(ENGINE_PAGE, *kwargs.pop("more_tests", ())),
        **kwargs,
    )


SECTIONS: tuple[Section, ...] = (
    Section(
        "start",
        "Start",
        (
            Lesson(
                "start/how-sessions-work/",
                "How sessions work",
                "The cookie holds a key; the data lives on the server.",
                guide="intro",
                view=how_sessions_work.count_visit,
                more_tests=(
                    "tests/panel/test_round_trip.py::TestPicture::test_how_sessions_work_draws_a_first_and_a_later_visit",
                ),
            ),
            Lesson(
                "start/enabling-sessions/",
                "Enabling sessions",
                "One app, one middleware, one table.",
                guide="§1",
                view=enabling_sessions.check_setup,
                method="GET",
            ),
        ),
    ),
    Section(
        "basics",
        "Basics",
        (
            Lesson(
                "methods/setitem/",
                "Set an item: session[key] = value",
                "Store a value; Django saves it when the response goes out.",
                guide="§2",
                view=setitem.setitem,
                more_tests=(
                    BAD_INPUT,
                    f"{BROWSER_PANEL}::TestAfterAnAction::test_set_item_shows_in_panel_and_says_what_changed",
                    *VALUE_BOUNDS,
                    f"{ABUSE_INPUT}::TestSizes::test_longest_value_fits_the_result_cookie",
                    *STATED_BOUNDS,
                ),
            ),
            Lesson(
                "methods/get/",
                "Read safely: session.get(key, default)",
                "Read a value, with a fallback when the key is missing.",
                guide="§2",
                view=get.get,
                method="GET",
            ),
            Lesson(
                "methods/getitem/",
                "Read strictly: session[key]",
                "Read a value that must be there; a missing key raises KeyError.",
                guide="§2",
                view=getitem.getitem,
                method="GET",
            ),
            Lesson(
                "methods/delitem/",
                "Delete an item: del session[key]",
                "Remove a key; the session and its cookie stay, even when empty.",
                guide="§2",
                view=delitem.delitem,
            ),
            Lesson(
                "methods/contains/",
                "Check for a key: key in session",
                "Ask whether a key is there without reading its value.",
                guide="§2",
                view=contains.contains,
                method="GET",
            ),
        ),
    ),
    Section(
        "methods",
        "Methods",
        (
            Lesson(
                "methods/keys/",
                "List the keys: session.keys()",
                "Every key in the session, Django's own included.",
                guide="§3",
                view=keys.keys,
                method="GET",
            ),
            Lesson(
                "methods/items/",
                "List the pairs: session.items()",
                "Every key with its value, as the engine gave them back.",
                guide="§3",
                view=items.items,
                method="GET",
            ),
            Lesson(
                "methods/values/",
                "List the values: session.values()",
                "Every value, without its key.",
                guide="§3 (added)",
                view=values.values,
                method="GET",
            ),
            Lesson(
                "methods/setdefault/",
                "Store unless present: session.setdefault(key, value)",
                "Store a value only when the key is missing; get back what is stored.",
                guide="§3",
                view=setdefault.setdefault,
                more_tests=(BAD_INPUT,),
            ),
            Lesson(
                "methods/pop/",
                "Take a value out: session.pop(key[, default])",
                "Remove a key and get its value; with a default it never raises.",
                guide="§3 (added)",
                view=pop.pop,
            ),
            Lesson(
                "methods/update/",
                "Store several: session.update(mapping)",
                "Store many keys in one call, as dict.update() does.",
                guide="§3 (added)",
                view=update.update,
                more_tests=(
                    BAD_INPUT,
                    *VALUE_BOUNDS,
                    f"{ABUSE_INPUT}::TestSizes::test_too_many_keys_at_once",
                    f"{ABUSE_INPUT}::TestDeepJson::test_deep_object_in_update_is_refused",
                    *STATED_BOUNDS,
                ),
            ),
            Lesson(
                "methods/clear/",
                "Empty it: session.clear()",
                "Remove every key, but keep the session and its cookie.",
                guide="§3",
                view=clear.clear,
            ),
            Lesson(
                "methods/is-empty/",
                "Empty or not: session.is_empty() and bool(session)",
                "Empty means no key and no data; since Django 6.1 bool() agrees.",
                guide="§3 (added)",
                view=is_empty.is_empty,
                method="GET",
            ),
            Lesson(
                "methods/modified/",
                "Changes inside values: session.modified",
                "Change a list inside the session and Django does not notice.",
                guide="§3 (added)",
                view=modified.modified,
                more_tests=(BAD_INPUT,),
            ),
            Lesson(
                "methods/flush/",
                "End it: session.flush()",
                "Delete the stored session and drop its key; the cookie goes too.",
                guide="§3",
                view=flush.flush,
                shown=(replay.load_key,),
            ),
            Lesson(
                "methods/cycle-key/",
                "Renew the key: session.cycle_key()",
                "Same data, new key; on a server-side engine the old key is dead.",
                guide="§3",
                view=cycle_key.cycle_key,
                shown=(replay.load_key,),
                more_tests=(
                    "tests/lessons/beyond/test_login.py::TestLogIn::test_an_outdated_hash_is_flushed_at_login",
                ),
            ),
            Lesson(
                "methods/set-expiry/",
                "Choose the end: session.set_expiry(value)",
                "0, None, seconds, timedelta or datetime, and the cookie each gives.",
                guide="§3",
                view=set_expiry.set_expiry,
                shown=(cookie_lifetime,),
                more_tests=(
                    f"{BROWSER_PANEL}::TestCountdown::test_set_expiry_seconds_runs_out_in_the_browser",
                    f"{BROWSER_PANEL}::TestCountdown::test_set_expiry_zero_shows_browser_close",
                ),
            ),
            Lesson(
                "methods/get-expiry-age/",
                "Seconds left? session.get_expiry_age()",
                "The age the session would get if it were saved now.",
                guide="§3",
                view=get_expiry_age.get_expiry_age,
                method="GET",
            ),
            Lesson(
                "methods/get-expiry-date/",
                "When does it end? session.get_expiry_date()",
                "The moment the session would expire if it were saved now.",
                guide="§3",
                view=get_expiry_date.get_expiry_date,
                method="GET",
            ),
            Lesson(
                "methods/get-expire-at-browser-close/",
                "Browser session? session.get_expire_at_browser_close()",
                "Whether the cookie ends when the browser closes.",
                guide="§3 (added)",
                view=get_expire_at_browser_close.get_expire_at_browser_close,
                method="GET",
            ),
            Lesson(
                "methods/set-test-cookie/",
                "Step 1: session.set_test_cookie()",
                "Store a marker that the browser must bring back.",
                guide="§3",
                view=set_test_cookie.set_test_cookie,
            ),
            Lesson(
                "methods/test-cookie-worked/",
                "Step 2: session.test_cookie_worked()",
                "On a later request: did the marker come back?",
                guide="§3",
                view=test_cookie_worked.test_cookie_worked,
                method="GET",
                more_tests=(
                    "tests/browser/test_cookie_check.py::test_marker_comes_back_on_the_next_request",
                    "tests/browser/test_cookie_check.py::test_without_the_cookie_the_check_fails",
                ),
            ),
            Lesson(
                "methods/delete-test-cookie/",
                "Step 3: session.delete_test_cookie()",
                "Remove the marker once it has served.",
                guide="§3",
                view=delete_test_cookie.delete_test_cookie,
            ),
            Lesson(
                "methods/clear-expired/",
                "Clean up: clear_expired() and clearsessions",
                "Delete the expired sessions some engines leave behind.",
                guide="§3 (added)",
                view=clear_expired.clear_expired,
                shown=(clear_expired.plant_expired_session,),
                more_tests=(
                    f"{ABUSE_ISOLATION}::TestClearExpiredOnFiles::test_another_visitors_clear_leaves_it",
                    f"{ABUSE_ISOLATION}::TestClearExpiredOnFiles::test_a_file_expired_for_anyone_goes",
                    f"{ABUSE_ISOLATION}::TestClearExpiredOnFiles::test_a_file_younger_than_a_year_stays",
                    f"{ABUSE_ISOLATION}::TestClearExpiredOnFiles::test_on_db_only_expired_rows_go",
                ),
            ),
            Lesson(
                "methods/async/",
                "The async API: aget, aset, apop…",
                "An async def view uses the a-prefixed twins most methods have.",
                guide="§3 (added)",
                view=async_.async_api,
            ),
        ),
    ),
    Section(
        "engines",
        "Engines",
        (
            engine(
                "db",
                "The database engine: db",
                "One row per session in django_session: the default, and durable.",
                engines.store,
                more_tests=(
                    f"{ENGINE_PAGES}::test_offers_the_lab_switch_for_another_engine",
                ),
            ),
            engine(
                "cache",
                "The cache engine: cache",
                "Sessions in the cache only: fast, and gone when the cache forgets.",
                engines.evict,
                more_tests=(
                    f"{ABUSE_ISOLATION}::TestEviction::test_cookieless_requests_never_touch_the_session_cache",
                    f"{ABUSE_ISOLATION}::TestEviction::test_a_full_cache_refuses_rather_than_evicts",
                    f"{ABUSE_ISOLATION}::TestEviction::test_a_full_cache_leaves_cached_db_to_its_rows",
                    NEW_SESSIONS_BOUND,
                    NEW_SESSIONS_COUNTED[1],
                ),
            ),
            Lesson(
                "engines/several-workers/",
                "Several workers: local memory is per process",
                "A session in one worker's memory is not there for the next worker.",
                guide="§4 SESSION_ENGINE",
                view=engines.ask_another_worker,
                shown=(another_worker.read_cache,),
                more_tests=(
                    "tests/test_serve.py::TestWorkers::test_one_worker_on_local_memory",
                    "tests/test_serve.py::TestWorkers::test_refuses_several_workers_on_local_memory",
                    "tests/test_hosting.py::test_a_session_written_once_is_read_by_every_worker",
                    "tests/test_settings.py::test_redis_url_gives_each_cache_its_own_database",
                ),
            ),
            engine(
                "cached_db",
                "Cache in front of the database: cached_db",
                "Reads from the cache, writes to both: fast and durable.",
                engines.evict,
            ),
            engine(
                "file",
                "The file engine: file",
                "One file per session in SESSION_FILE_PATH.",
                engines.store,
                guide="§4 SESSION_FILE_PATH",
                more_tests=(
                    f"{ABUSE_ISOLATION}::TestNewSessionsPerAddress::test_files_per_minute_are_bounded",
                    *STATED_BOUNDS,
                ),
            ),
            engine(
                "signed_cookies",
                "No server storage: signed_cookies",
                "The data travels in the cookie itself: signed, not encrypted.",
                engines.grow,
                more_tests=(
                    f"{BROWSER_PANEL}::TestAfterAnAction::test_signed_cookies_sign_a_new_cookie_not_a_new_key",
                    "tests/browser/test_cookie_size.py::test_a_cookie_over_4096_bytes_is_dropped",
                    "tests/browser/test_cookie_size.py::test_a_cookie_too_big_leaves_the_old_one",
                    f"{BROWSER_THIS_RESPONSE}::test_a_long_signed_cookie_is_folded",
                ),
            ),
        ),
    ),
    Section(
        "settings",
        "Settings",
        (
            setting(
                "SESSION_CACHE_ALIAS",
                "Which configured cache the cache engines keep sessions in.",
                NEW_SESSIONS_COUNTED[1],
                f"{ABUSE_ISOLATION}::TestEviction::test_a_full_cache_leaves_cached_db_to_its_rows",
                "tests/lessons/engines/test_cache.py::TestTheCoursesBounds"
                "::test_a_full_redis_refuses_writes",
                "tests/test_settings.py::test_embedded_defaults_need_no_server",
                "tests/test_settings.py::test_redis_url_gives_each_cache_its_own_database",
            ),
            setting(
                "SESSION_COOKIE_AGE",
                "How long a session lives: the cookie's Max-Age, the store's expiry.",
                "tests/lessons/settings/test_session_expire_at_browser_close.py::TestExpireAtBrowserClose::test_every_engine_still_ends_it",
            ),
            setting(
                "SESSION_COOKIE_DOMAIN",
                "Which hosts receive the cookie; None means this host only.",
                f"{BROWSER_SETTINGS}::test_foreign_domain_cookie_is_dropped",
            ),
            setting(
                "SESSION_COOKIE_HTTPONLY",
                "Hide the session cookie from the page's JavaScript.",
                f"{BROWSER_SETTINGS}::test_script_sees_the_cookie_only_without_httponly",
                "tests/browser/test_session_settings.py::test_httponly_hides_the_session_cookie_from_scripts",
                "tests/browser/test_session_settings.py::test_turned_off_the_script_reads_it_and_on_again_it_cannot",
            ),
            setting(
                "SESSION_COOKIE_NAME",
                "The name of the cookie that carries the session.",
            ),
            setting(
                "SESSION_COOKIE_PATH",
                "The URLs the browser sends the session cookie to.",
                f"{BROWSER_SETTINGS}::test_cookie_is_sent_only_under_its_path",
            ),
            setting(
                "SESSION_COOKIE_SAMESITE",
                "Whether the cookie goes along with requests from other sites.",
                f"{BROWSER_SETTINGS}::test_samesite_none_needs_secure",
                f"{CROSS_SITE}::test_another_sites_image_carries_no_session_cookie",
                f"{CROSS_SITE}::test_another_sites_frame_and_form_carry_none_either",
                f"{CROSS_SITE}::test_a_link_on_another_site_carries_it",
                f"{CROSS_SITE}::test_strict_keeps_it_from_a_link_too",
                f"{CROSS_SITE}::test_none_lets_samesite_pass_it",
                f"{CROSS_SITE}::test_no_attribute_counts_as_lax_in_chromium",
            ),
            setting(
                "SESSION_COOKIE_SECURE",
                "Send the session cookie over HTTPS only.",
                f"{BROWSER_SETTINGS}::test_secure_cookie_on_plain_http",
                PLAIN_HTTP_ELSEWHERE,
                "tests/lessons/beyond/test_security.py::TestSecurity::test_insecure_cookie_is_reported",
            ),
            setting(
                "SESSION_ENGINE",
                "Where the session data is kept: database, cache, file or cookie.",
                "tests/browser/test_lab.py::test_switching_engine_moves_panel_and_engine_page",
            ),
            setting(
                "SESSION_EXPIRE_AT_BROWSER_CLOSE",
                "A cookie without an expiry, gone when the browser closes.",
                f"{BROWSER_PANEL}::TestCountdown::test_browser_close_setting_is_named_not_counted",
                "tests/lessons/methods/test_get_expire_at_browser_close.py::TestGetExpireAtBrowserClose::test_explicit_expiry_overrides_the_setting",
            ),
            setting(
                "SESSION_FILE_PATH",
                "The folder where the file engine writes one file per session.",
                f"{FILE_ENGINE}::test_loading_an_expired_file_deletes_it",
                f"{FILE_ENGINE}::test_expired_files_stay_until_clearsessions",
            ),
            setting(
                "SESSION_SAVE_EVERY_REQUEST",
                "Save on every request, so the expiry slides while you are active.",
                f"{BROWSER_THIS_RESPONSE}::test_save_every_request_panel_matches_the_browsers_cookie",
                "tests/browser/test_predictions.py::test_save_every_request_is_predicted_on_a_reload",
            ),
            setting(
                "SESSION_SERIALIZER",
                "Session data to text: JSON only, and the cache engine never asks.",
                view=setting_lessons.encode_datetime,
            ),
        ),
    ),
    Section(
        "example",
        "The guide's complete example",
        (
            Lesson(
                "example/",
                "The complete example",
                "The guide's three views and template, running as written.",
                guide="§5",
                shown=(
                    example.set_session_example,
                    example.get_session_example,
                    example.delete_session_example,
                    example.get_session_escaped,
                    example.served_sandboxed,
                ),
                more_tests=(
                    f"{CROSS_SITE}::test_another_sites_image_carries_no_session_cookie",
                    f"{CROSS_SITE}::test_another_sites_frame_and_form_carry_none_either",
                    f"{CROSS_SITE}::test_a_link_on_another_site_carries_it",
                    "tests/abuse/test_requests.py::test_guides_view_never_runs_a_stored_script",
                    "tests/abuse/test_stored_before.py::test_guides_view_says_what_is_wrong",
                    "tests/browser/test_example.py::test_a_stored_script_runs_nowhere",
                ),
            ),
        ),
    ),
    Section(
        "beyond",
        "Beyond",
        (
            Lesson(
                "beyond/outside-views/",
                "Sessions outside views",
                "Any code that holds the key can open the session: no request needed.",
                view=outside_views.open_by_key,
                method="GET",
            ),
            Lesson(
                "beyond/security/",
                "Security: what Django checks",
                "The deployment checks Django runs on the session cookie.",
                view=security.deploy_checks,
                method="GET",
                more_tests=(
                    f"{BROWSER_SETTINGS}::test_secure_cookie_on_plain_http",
                    PLAIN_HTTP_ELSEWHERE,
                ),
            ),
            Lesson(
                "beyond/session-store/",
                "Sessions as data: SessionStore and the Session model",
                "The store's own methods, outside any request; a row you can query.",
                view=session_store.inspect_session,
                method="GET",
                also=(session_store.round_trip,),
            ),
            Lesson(
                "beyond/serializers/",
                "Writing a serializer: dumps() and loads()",
                "What turns session data into bytes, and which engines call it.",
                guide="§4 SESSION_SERIALIZER",
                view=serializers.store_rich_values,
                shown=(RichJSONSerializer,),
                more_tests=(
                    "tests/test_serializers.py::TestRichSerializer::test_round_trips_what_json_refuses",
                    "tests/test_serializers.py::TestRichSerializer::test_a_dict_using_the_tag_survives",
                    "tests/test_serializers.py::TestRichSerializer::test_plain_json_reads_the_same",
                ),
            ),
            Lesson(
                "beyond/login/",
                "Logging in and out",
                "login() renews the key and stores the user; logout() flushes.",
                view=login.log_in,
                also=(
                    login.log_out,
                    login.plant_key,
                    login.change_password,
                    login.make_own_user,
                ),
                more_tests=(
                    f"{BROWSER_LOGIN}::test_log_in_renews_the_key_and_log_out_empties",
                    f"{BROWSER_LOGIN}::test_wrong_password_shows_the_form_again",
                    f"{BROWSER_LOGIN}::test_learner_is_refused_and_offered_an_own_user",
                ),
            ),
            Lesson(
                "beyond/custom-engine/",
                "A custom engine: sessions with a user column",
                "Django's db engine on a model of your own; sign out everywhere.",
                view=custom_engine.sign_out_everywhere,
                engine="user_db",
                context=custom_engine.active_sessions,
                shown=(
                    custom_engine.active_sessions,
                    UserSession,
                    user_db.SessionStore,
                    user_cached_db.SessionStore,
                ),
                more_tests=(
                    f"{BROWSER_LOGIN}::test_sign_out_everywhere_logs_the_other_browser_out",
                    f"{BROWSER_LOGIN}::test_learner_is_refused_and_offered_an_own_user",
                    "tests/test_hosting.py"
                    "::test_one_learners_sign_out_everywhere_never_reaches_a_classmate",
                    "tests/lessons/beyond/test_login.py::TestDemoUsersLiveADay"
                    "::test_a_session_on_another_engine_logs_nobody_in",
                    f"{ENGINE_PAGES}::test_shows_the_visitors_session_as_stored",
                ),
            ),
            Lesson(
                "beyond/testing/",
                "Testing code that uses sessions",
                "client.session is new each time: keep it, change it, then save().",
                view=testing.client_session,
                shown=(
                    f"{TESTING}::TestTheTestClient::test_changing_client_session_directly_is_lost",
                    f"{TESTING}::TestTheTestClient::test_keep_change_save",
                    f"{TESTING}::TestPytestDjango::test_client_and_settings_fixtures",
                    f"{TESTING}::TestPytestDjango::test_force_login_puts_the_user_in_the_session",
                    f"{TESTING}::TestAViewAlone::test_request_factory_and_session_middleware",
                    f"{TESTING}::TestOverrideSettings::test_override_settings_picks_the_engine",
                    "tests/conftest.py::engine",
                ),
            ),
        ),
    ),
)

# The lab is not a lesson, but its page makes claims too; these tests prove them.
LAB_TESTS = (
    "tests/lab/test_fidelity.py::test_lab_middleware_answers_like_djangos",
    "tests/lab/test_fidelity.py::test_scenarios_reach_every_branch_of_the_middleware",
    "tests/lab/test_views.py::TestIsolation::test_concurrent_visitors_never_share_settings",
    "tests/panel/test_views.py::TestPanelObserves::test_panel_never_writes",
    "tests/panel/test_views.py::TestPanelObserves::test_other_pages_do_save_every_request",
    "tests/lab/test_profile.py::TestLabCookie::test_forged_cookie_falls_back_with_a_message",
    "tests/lab/test_profile.py::TestLabCookie::test_stale_cookie_falls_back_with_a_message",
    "tests/abuse/test_cookies.py::TestForgedLabCookies::test_ignored_with_a_notice",
    "tests/abuse/test_cookies.py::TestForgedLabCookies::test_a_bomb_too_long_to_decode_is_not_decoded",
    "tests/abuse/test_cookies.py::TestReservedNames::test_the_sites_own_cookies_are_not_offered",
    "tests/lab/test_views.py::TestBadInput::test_refused_with_a_message",
    "tests/lab/test_switch.py::TestSwitchingEngines::test_carry_moves_the_data_and_deletes_the_old_row",
    "tests/lab/test_switch.py::TestSwitchingEngines::test_without_carry_the_session_is_gone",
    "tests/lab/test_switch.py::TestSwitchingEngines::test_renaming_the_cookie_replaces_it",
    "tests/lab/test_switch.py::TestSwitchingEngines::test_moving_the_path_deletes_the_cookie_at_the_old_path",
    "tests/lab/test_views.py::TestLabPage::test_reset_returns_to_the_project",
    "tests/lessons/start/test_enabling_sessions.py::TestEnablingSessions::test_setup_check_names_the_session_middleware",
    "tests/browser/test_lab.py::test_switching_engine_moves_panel_and_engine_page",
)


@cache
def lessons() -> tuple[Lesson, ...]:
    """Return every lesson in course order."""
    return tuple(lesson for section in SECTIONS for lesson in section.lessons)


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
