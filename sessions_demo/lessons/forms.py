"""
What a visitor may put into their session, checked before it gets there.

Keys starting with "_" are Django's own (`_session_expiry`, `_auth_user_id`...):
a visitor who could write them could change an expiry or end a login. Sizes
and nesting are bounded so that one visitor cannot fill the store or make a
page cost minutes to draw, and values must survive the JSON serializer and a
UTF-8 page.
A login form checks the password itself, so its view receives a user.
"""

import json
import math
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.utils import timezone

MAX_KEY_LENGTH = 100
MAX_VALUE_BYTES = 2048
# Lists and objects inside one another: a lesson needs three or four levels.
# Deeper values cost more than they teach to copy, compare and show.
MAX_VALUE_DEPTH = 20


def _refuse_constant(name: str) -> Any:
    # NaN and Infinity are not JSON: JavaScript's JSON.parse would choke on them.
    raise ValueError(name)


def _finite_float(text: str) -> float:
    # 1e999 is valid JSON, but Python reads it as inf: Infinity by another name.
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(text)
    return number


def parse_value(text: str) -> Any:
    """Read text as a JSON literal when it is one, else as a plain string."""
    try:
        value = json.loads(
            text, parse_constant=_refuse_constant, parse_float=_finite_float
        )
    except (ValueError, RecursionError):
        return text
    check_json_value(text, value)
    return value


def check_json_value(text: str, value: Any) -> None:
    """Refuse a parsed JSON literal nested too deep, or holding a lone surrogate."""
    depth = nesting_depth(text)
    if depth > MAX_VALUE_DEPTH:
        raise ValidationError(
            f"The value nests {depth} levels deep; the limit here is "
            f"{MAX_VALUE_DEPTH}.",
            code="too_deep",
        )
    try:
        json.dumps(value, ensure_ascii=False).encode()
    except UnicodeEncodeError:
        raise ValidationError(
            "The value holds a lone surrogate such as \\ud800: half of a UTF-16 "
            "pair, not a character. No UTF-8 page could show it.",
            code="surrogate",
        ) from None


def nesting_depth(text: str) -> int:
    """Return how deep [ and { nest in JSON text, outside its strings."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


class SessionKeyField(forms.CharField):
    """A session key a visitor may use: not empty, not Django's, not too long."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", MAX_KEY_LENGTH)
        kwargs.setdefault("initial", "username")
        super().__init__(strip=False, **kwargs)

    def validate(self, value: str) -> None:
        super().validate(value)
        if value.startswith("_"):
            raise ValidationError(
                "Keys starting with “_” are reserved for Django itself "
                "(for example _session_expiry, _auth_user_id).",
                code="reserved",
            )


class SessionValueField(forms.CharField):
    """A value read as a JSON literal (42, true, [1, 2], {"a": 1}) or as text."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("initial", "JohnDoe")
        kwargs.setdefault("max_length", MAX_VALUE_BYTES)
        super().__init__(strip=False, **kwargs)

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if text in self.empty_values:
            return None  # Only reached when the field is optional.
        parsed = parse_value(text)
        check_value_size(parsed)
        return parsed


def check_value_size(value: Any) -> None:
    """Refuse a value that takes more than MAX_VALUE_BYTES as JSON."""
    # Measured as JSON writes it: a character outside ASCII takes up to 12.
    size = len(json.dumps(value).encode())
    if size > MAX_VALUE_BYTES:
        raise ValidationError(
            f"The value takes {size} bytes as JSON; the limit here is "
            f"{MAX_VALUE_BYTES} bytes.",
            code="too_big",
        )


class KeyForm(forms.Form):
    key = SessionKeyField()


class KeyValueForm(forms.Form):
    key = SessionKeyField()
    value = SessionValueField()


class KeyDefaultForm(forms.Form):
    key = SessionKeyField()
    default = SessionValueField(required=False, initial="Guest")


class PopForm(forms.Form):
    key = SessionKeyField()
    with_default = forms.BooleanField(
        required=False, initial=True, label="Pass a default"
    )
    default = SessionValueField(required=False, initial="Guest")


class SessionDictField(forms.CharField):
    """A JSON object whose keys are session keys a visitor may use."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("initial", '{"username": "JohnDoe", "theme": "dark"}')
        kwargs.setdefault("max_length", MAX_VALUE_BYTES)
        super().__init__(strip=False, **kwargs)

    def clean(self, value: Any) -> dict[str, Any]:
        parsed = parse_value(super().clean(value))
        if not isinstance(parsed, dict):
            raise ValidationError(
                'Give a JSON object, such as {"username": "JohnDoe"}.', code="not_dict"
            )
        key_field = SessionKeyField()
        for key, item in parsed.items():
            try:
                key_field.clean(key)
                check_value_size(item)
            except ValidationError as error:
                raise ValidationError(
                    [f"Key {key!r}: {message}" for message in error.messages]
                ) from error
        return parsed


class UpdateForm(forms.Form):
    values = SessionDictField(label="A JSON object")


# A year is plenty for a lesson; it also keeps Expires a valid HTTP date.
MAX_EXPIRY_SECONDS = 60 * 60 * 24 * 365
EXPIRY_FORMS = [
    ("0", "0: until the browser closes"),
    ("none", "None: back to the global policy"),
    ("seconds", "seconds (int): sliding, counts from the last save"),
    ("timedelta", "timedelta(seconds=…): a fixed moment, from now"),
    ("datetime", "datetime: a fixed moment"),
]


class SetExpiryForm(forms.Form):
    """The argument of set_expiry(), in each of the forms Django accepts."""

    kind = forms.ChoiceField(
        choices=EXPIRY_FORMS, initial="seconds", widget=forms.RadioSelect, label="Form"
    )
    seconds = forms.IntegerField(
        required=False,
        initial=300,
        min_value=1,
        max_value=MAX_EXPIRY_SECONDS,
        help_text=f"For seconds and timedelta: 1 to {MAX_EXPIRY_SECONDS} (a year).",
    )
    moment = forms.DateTimeField(
        required=False,
        label="Moment (UTC)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="For datetime: later than now, at most a year ahead.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind, seconds, moment = (
            data.get("kind"),
            data.get("seconds"),
            data.get("moment"),
        )
        missing_seconds = seconds is None and "seconds" not in self.errors
        if kind in ("seconds", "timedelta") and missing_seconds:
            self.add_error("seconds", "Give a number of seconds for this form.")
        if kind == "datetime":
            self._check_moment(moment)
        if self.errors:
            return data
        # The view receives only set_expiry()'s argument, built here.
        value = {
            "0": 0,
            "none": None,
            "seconds": seconds,
            "timedelta": timedelta(seconds=seconds or 0),
            "datetime": moment,
        }[kind]
        return {"value": value}

    def _check_moment(self, moment: datetime | None) -> None:
        now = timezone.now()
        if moment is None:
            if "moment" not in self.errors:
                self.add_error("moment", "Give a date and time for this form.")
        elif moment <= now:
            self.add_error("moment", "Choose a moment in the future.")
        elif moment > now + timedelta(seconds=MAX_EXPIRY_SECONDS):
            self.add_error("moment", "Choose a moment at most a year from now.")


class CartItemForm(forms.Form):
    item = forms.CharField(max_length=40, initial="apple")
    mark_modified = forms.BooleanField(
        required=False, label="Then set request.session.modified = True"
    )


class GrowForm(forms.Form):
    characters = forms.IntegerField(
        min_value=1,
        max_value=2000,
        initial=500,
        help_text="Random characters to add (1 to 2000): they hardly compress.",
    )


class LoginForm(forms.Form):
    """A username and a password, checked as Django's AuthenticationForm does."""

    username = forms.CharField(max_length=150, initial="learner")
    password = forms.CharField(strip=False, widget=forms.PasswordInput)
    remember = forms.BooleanField(
        required=False,
        initial=True,
        label="Remember me",
        help_text="Unticked: set_expiry(0), a session until the browser closes.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        user = authenticate(username=data["username"], password=data["password"])
        if user is None or not user.is_active:
            raise ValidationError(
                "Wrong username or password (the demo user is learner / sessions).",
                code="invalid_login",
            )
        # The view receives the user, as LoginView gets form.get_user().
        return {"user": user, "remember": data["remember"]}


class PasswordChangeForm(forms.Form):
    keep_this_session = forms.BooleanField(
        required=False,
        initial=True,
        label="Then call update_session_auth_hash(request, user)",
    )


class TestClientForm(forms.Form):
    save = forms.BooleanField(required=False, label="Then call session.save()")
