"""
What a visitor may put into their session, checked before it gets there.

Keys starting with "_" are Django's own (`_session_expiry`, `_auth_user_id`...):
a visitor who could write them could forge a login. Sizes are bounded so that
one visitor cannot fill the store, and values must survive the JSON serializer.
"""

import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

MAX_KEY_LENGTH = 100
MAX_VALUE_BYTES = 2048


def _refuse_constant(name: str) -> Any:
    # NaN and Infinity are not JSON: JavaScript's JSON.parse would choke on them.
    raise ValueError(name)


def parse_value(text: str) -> Any:
    """Read text as a JSON literal when it is one, else as a plain string."""
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return text


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
        size = len(json.dumps(parsed).encode())
        if size > MAX_VALUE_BYTES:
            raise ValidationError(
                f"The value takes {size} bytes as JSON; the limit here is "
                f"{MAX_VALUE_BYTES} bytes.",
                code="too_big",
            )
        return parsed


class KeyForm(forms.Form):
    key = SessionKeyField()


class KeyValueForm(forms.Form):
    key = SessionKeyField()
    value = SessionValueField()


class KeyDefaultForm(forms.Form):
    key = SessionKeyField()
    default = SessionValueField(required=False, initial="Guest")


class GrowForm(forms.Form):
    characters = forms.IntegerField(
        min_value=1,
        max_value=2000,
        initial=500,
        help_text="Random characters to add (1 to 2000): they hardly compress.",
    )
