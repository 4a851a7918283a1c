"""
The form that changes a visitor's session settings, on `/lab/` and on every
setting page.

It takes any subset of the profile's fields, as the texts the lab cookie
carries, and checks them as a whole with the profile's own parsers: one bad
field and nothing changes. Every field that names code or a place is a choice
from an allow-list; the widgets only show those lists, the parsers enforce them.
"""

from dataclasses import dataclass, fields
from typing import Any

from django import forms
from django.conf import global_settings
from django.core.exceptions import ValidationError

from . import profile as lab
from .engines import ENGINES
from .profile import InvalidProfile, Profile, setting_name

CHOICES = {
    "engine": lambda: list(ENGINES),
    "serializer": lambda: list(lab.SERIALIZERS),
    "cache_alias": lab.cache_alias_choices,
    "file_path": lambda: [str(folder) for folder in lab.file_path_choices()],
    "cookie_samesite": lambda: list(lab.SAMESITE_CHOICES),
}
BOOLEAN_CHOICES = ["true", "false"]


class SettingsForm(forms.Form):
    """Any subset of the session settings, for one visitor."""

    def __init__(self, *args: Any, visitor: Profile, host: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.visitor, self.host = visitor, host
        for field in fields(Profile):
            text = lab.as_text(field.name, getattr(visitor, field.name))
            self.fields[field.name] = _form_field(field.name, field.type, text)

    def clean(self) -> dict[str, Any]:
        """Return {"profile": the visitor's profile with the sent fields changed}."""
        texts = {name: self.data[name] for name in self.fields if name in self.data}
        if not texts:
            raise ValidationError("Nothing to change: the form sent no setting.")
        try:
            return {"profile": lab.with_texts(self.visitor, texts, self.host)}
        except InvalidProfile as error:
            raise ValidationError(str(error)) from None


def _form_field(name: str, kind: type, text: str) -> forms.Field:
    # Every field is text: the profile's parsers do the checking, so the lab
    # cookie and the form can never disagree on what is allowed.
    label = setting_name(name)
    choices = choices_of(name, kind)
    if choices:
        widget = forms.Select(choices=[(choice, choice) for choice in choices])
    elif name == "cookie_age":
        widget = forms.NumberInput(
            attrs={"min": lab.COOKIE_AGE_MIN, "max": lab.COOKIE_AGE_MAX}
        )
    elif name == "cookie_domain":
        widget = forms.TextInput(attrs={"placeholder": "None: this host only"})
    else:
        widget = forms.TextInput()
    return forms.CharField(
        label=label, initial=text, required=False, strip=False, widget=widget
    )


def choices_of(name: str, kind: type) -> list[str] | None:
    """Return the texts a field may take, when it is a choice."""
    if name in CHOICES:
        return CHOICES[name]()
    return BOOLEAN_CHOICES if kind is bool else None


@dataclass(frozen=True)
class SettingRow:
    """One setting's values: Django's default, the project's, the visitor's."""

    name: str  # the Profile field, e.g. cookie_age
    setting: str  # SESSION_COOKIE_AGE
    django_default: str  # each value as settings.py would spell it
    project: str
    visitor: str
    changed: bool


def setting_row(visitor: Profile, name: str) -> SettingRow:
    """Return what the lab and the setting pages say about one setting."""
    setting = setting_name(name)
    project = getattr(lab.project_profile(), name)
    value = getattr(visitor, name)
    return SettingRow(
        name=name,
        setting=setting,
        django_default=python_literal(getattr(global_settings, setting)),
        project=python_literal(project),
        visitor=python_literal(value),
        changed=value != project,
    )


def setting_rows(visitor: Profile) -> list[SettingRow]:
    """Return a row for every session setting, in the profile's order."""
    return [setting_row(visitor, field.name) for field in fields(Profile)]


def python_literal(value: Any) -> str:
    """Return a setting's value as settings.py would spell it (a Path as a str)."""
    return repr(value if value is None or isinstance(value, bool | int) else str(value))
