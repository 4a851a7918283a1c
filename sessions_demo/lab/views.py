"""
The lab page: every session setting with Django's default, the project's value
and the visitor's own, and the form that changes the visitor's own.

A change is a POST of any subset of the profile's fields (texts, as the lab
cookie carries them), or `reset`. It is checked as a whole: one bad field and
nothing changes, the page says why with a 400.
"""

from dataclasses import fields

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from . import profile as lab
from .middleware import runs_without_store
from .profile import InvalidProfile, Profile, setting_name
from .settings_form import SettingsForm, python_literal, setting_rows
from .state import profile_of
from .switch import check_data_fits, expire_old_cookie, switch_session


@runs_without_store
@require_http_methods(["GET", "HEAD", "POST"])
def lab_page(request: HttpRequest) -> HttpResponse:
    """Show the visitor's profile; change it on POST."""
    old = profile_of(request)
    if request.method != "POST":
        return _render(request, settings_form(request, old))
    carry = request.POST.get("carry", "").lower() in lab.TRUE_TEXTS
    form = settings_form(request, old, data=request.POST)
    try:
        new = _requested_profile(request, form)
        check_data_fits(request, new, carry)
    except InvalidProfile as error:
        messages.error(
            request, f"Nothing changed. {error}", extra_tags=lab.LAB_MESSAGE_TAG
        )
        return _render(request, settings_form(request, old), status=400)
    notes = switch_session(request, new, carry)
    response = redirect(_next_url(request))
    expire_old_cookie(response, old, new)
    _store_profile(request, response, new)
    for note in [*notes, *_warnings(new), _summary(old, new)]:
        messages.info(request, note, extra_tags=lab.LAB_MESSAGE_TAG)
    return response


def settings_form(request: HttpRequest, visitor: Profile, **kwargs) -> SettingsForm:
    """Return the settings form for this visitor, on this host."""
    kwargs.setdefault("auto_id", "lab-%s")
    return SettingsForm(visitor=visitor, host=lab.host_of(request), **kwargs)


def _requested_profile(request: HttpRequest, form: SettingsForm) -> Profile:
    """Return the profile the POST asks for; raise InvalidProfile if it can't be."""
    if "reset" in request.POST:
        return Profile.from_settings()
    if not form.is_valid():
        raise InvalidProfile(" ".join(form.non_field_errors()))
    return form.cleaned_data["profile"]


def _render(request: HttpRequest, form: SettingsForm, status: int = 200):
    context = {
        # The engine on its own first, then every setting in a table.
        "engine_field": settings_form(request, form.visitor, auto_id="switch-%s")[
            "engine"
        ],
        "rows": [(row, form[row.name]) for row in setting_rows(form.visitor)],
        "next": request.get_full_path(),
    }
    return render(request, "lab/lab.html", context, status=status)


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
        f"{setting_name(f.name)} = {python_literal(getattr(new, f.name))}"
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
