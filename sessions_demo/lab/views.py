"""
The lab page: every session setting with Django's default, the project's value
and the visitor's own, and the form that changes the visitor's own.

A change is a POST of any subset of the profile's fields (texts, as the lab
cookie carries them), or `reset`. It is checked as a whole: one bad field and
nothing changes, the page says why with a 400.
"""

from dataclasses import dataclass, fields
from typing import Any

from django.conf import global_settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from .. import panel
from ..engines import ENGINES
from . import profile as lab
from .middleware import escape
from .profile import PARSERS, InvalidProfile, Profile, setting_name
from .switch import check_data_fits, expire_old_cookie, switch_session

CHOICE_FIELDS = {
    "engine": lambda: list(ENGINES),
    "serializer": lambda: list(lab.SERIALIZERS),
    "cache_alias": lab.cache_alias_choices,
    "file_path": lambda: [str(folder) for folder in lab.file_path_choices()],
    "cookie_samesite": lambda: list(lab.SAMESITE_CHOICES),
}
BOOLEAN_CHOICES = ["true", "false"]
# The tests behind every claim the lab page makes, shown on the page.
VERIFIED_BY = (
    "tests/test_lab_fidelity.py::test_lab_middleware_answers_like_djangos",
    "tests/test_lab_fidelity.py::test_scenarios_reach_every_branch_of_the_middleware",
    "tests/test_lab.py::TestIsolation::test_concurrent_visitors_never_share_settings",
    "tests/test_lab.py::TestPanelObserves::test_panel_never_writes",
    "tests/test_lab.py::TestPanelObserves::test_other_pages_do_save_every_request",
    "tests/test_lab.py::TestLabCookie::test_forged_cookie_falls_back_with_a_message",
    "tests/test_lab.py::TestLabCookie::test_stale_cookie_falls_back_with_a_message",
    "tests/test_lab.py::TestBadInput::test_refused_with_a_message",
    "tests/test_lab.py::TestSwitchingEngines::test_carry_moves_the_data_and_deletes_the_old_row",
    "tests/test_lab.py::TestSwitchingEngines::test_without_carry_the_session_is_gone",
    "tests/test_lab.py::TestSwitchingEngines::test_renaming_the_cookie_replaces_it",
    "tests/test_lab.py::TestSwitchingEngines::test_moving_the_path_deletes_the_cookie_at_the_old_path",
    "tests/test_lab.py::TestLabPage::test_reset_returns_to_the_project",
    "tests/test_start.py::TestEnablingSessions::test_setup_check_names_the_session_middleware",
)


@dataclass(frozen=True)
class SettingRow:
    """One line of the lab's table."""

    name: str
    setting: str
    django_default: str
    project: str
    text: str
    changed: bool
    choices: list[str] | None


@escape
@require_http_methods(["GET", "HEAD", "POST"])
def lab_page(request: HttpRequest) -> HttpResponse:
    """Show the visitor's profile; change it on POST."""
    if request.method != "POST":
        return _render(request)
    old = lab.profile_of(request)
    carry = request.POST.get("carry", "").lower() in lab.TRUE_TEXTS
    try:
        new = _requested_profile(request, old)
        check_data_fits(request, new, carry)
    except InvalidProfile as error:
        return _refuse(request, str(error))
    notes = switch_session(request, new, carry)
    response = redirect(_next_url(request))
    expire_old_cookie(response, old, new)
    _store_profile(request, response, new)
    for note in [*notes, *_warnings(new), _summary(old, new)]:
        messages.info(request, note, extra_tags=lab.LAB_MESSAGE_TAG)
    return response


def _requested_profile(request: HttpRequest, old: Profile) -> Profile:
    """Return the profile the POST asks for; raise InvalidProfile if it can't be."""
    if "reset" in request.POST:
        return Profile.from_settings()
    texts = {name: request.POST[name] for name in PARSERS if name in request.POST}
    if not texts:
        raise InvalidProfile("Nothing to change: the form sent no setting.")
    return lab.with_texts(old, texts, lab.host_of(request))


def _render(request: HttpRequest, status: int = 200) -> HttpResponse:
    context = {
        "rows": _rows(lab.profile_of(request)),
        "snapshot": panel.snapshot(request),
        "next": request.get_full_path(),
        "test_ids": VERIFIED_BY,
    }
    return render(request, "sessions_demo/lab.html", context, status=status)


def _refuse(request: HttpRequest, reason: str) -> HttpResponse:
    messages.error(
        request, f"Nothing changed. {reason}", extra_tags=lab.LAB_MESSAGE_TAG
    )
    return _render(request, status=400)


def _next_url(request: HttpRequest) -> str:
    """Return the safe local URL to go back to: `next`, or the lab itself."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("lab")


def _store_profile(request: HttpRequest, response: HttpResponse, new: Profile) -> None:
    if not lab.differences(new):
        response.delete_cookie(lab.LAB_COOKIE_NAME, samesite="Lax")
        return
    response.set_cookie(
        lab.LAB_COOKIE_NAME,
        lab.sign(new),
        max_age=lab.LAB_COOKIE_MAX_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def _summary(old: Profile, new: Profile) -> str:
    changed = [
        f"{setting_name(f.name)} = {_python(getattr(new, f.name))}"
        for f in fields(Profile)
        if getattr(old, f.name) != getattr(new, f.name)
    ]
    if not changed:
        return "Your lab settings are unchanged."
    return "From now on, for you only: " + ", ".join(changed) + "."


def _warnings(new: Profile) -> list[str]:
    notes = []
    if new.cookie_samesite == "None" and not new.cookie_secure:
        notes.append(
            "Browsers refuse a SameSite=None cookie that is not Secure: "
            "your session cookie will not be stored."
        )
    if new.cookie_secure:
        notes.append(
            "A Secure cookie travels only over HTTPS. Browsers count "
            "http://localhost and http://127.0.0.1 as secure too; on any other "
            "plain-HTTP address your session would not come back."
        )
    if new.cookie_path != "/":
        notes.append(
            f"Your browser now sends the session cookie only to URLs under "
            f"{new.cookie_path}; elsewhere you have no session."
        )
    return notes


def _rows(visitor: Profile) -> list[SettingRow]:
    project = Profile.from_settings()
    rows = []
    for f in fields(Profile):
        setting = setting_name(f.name)
        value = getattr(visitor, f.name)
        rows.append(
            SettingRow(
                name=f.name,
                setting=setting,
                django_default=_python(getattr(global_settings, setting)),
                project=_python(getattr(project, f.name)),
                text=lab.as_text(f.name, value),
                changed=value != getattr(project, f.name),
                choices=_choices(f.name, f.type),
            )
        )
    return rows


def _choices(name: str, kind: type) -> list[str] | None:
    if name in CHOICE_FIELDS:
        return CHOICE_FIELDS[name]()
    return BOOLEAN_CHOICES if kind is bool else None


def _python(value: Any) -> str:
    """Return a setting's value as it would be written in settings.py."""
    if value is None or isinstance(value, bool | int):
        return repr(value)
    return repr(str(value))
