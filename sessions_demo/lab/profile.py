"""
A profile: one value per session setting, for one visitor.

Its defaults come from `settings`, so a visitor without a lab cookie gets
exactly the project's configuration. Field names are the setting names without
the `SESSION_` prefix, lower-cased (`SESSION_COOKIE_AGE` → `cookie_age`).
"""

from dataclasses import dataclass, fields
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest

SETTING_PREFIX = "SESSION_"


@dataclass(frozen=True)
class Profile:
    cache_alias: str
    cookie_age: int
    cookie_domain: str | None
    cookie_httponly: bool
    cookie_name: str
    cookie_path: str
    cookie_samesite: str | bool | None
    cookie_secure: bool
    engine: str  # dotted module path, as in SESSION_ENGINE
    expire_at_browser_close: bool
    file_path: str | Path | None
    save_every_request: bool
    serializer: str  # dotted class path, as in SESSION_SERIALIZER

    @classmethod
    def from_settings(cls) -> "Profile":
        """Return the project's own configuration as a profile."""
        return cls(
            **{
                field.name: getattr(settings, setting_name(field.name))
                for field in fields(cls)
            }
        )

    def as_settings(self) -> dict[str, object]:
        """Return the profile as SESSION_* settings, e.g. for override_settings."""
        return {setting_name(f.name): getattr(self, f.name) for f in fields(self)}


def setting_name(field_name: str) -> str:
    """Return the setting behind a field: cookie_age → SESSION_COOKIE_AGE."""
    return SETTING_PREFIX + field_name.upper()


def profile_of(request: HttpRequest) -> Profile:
    """Return the session profile in force for this request."""
    profile = getattr(request, "session_profile", None)
    return profile if profile is not None else Profile.from_settings()
