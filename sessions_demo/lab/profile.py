"""
A profile: one value per session setting, for one visitor.

Its defaults come from `settings`, so a visitor without a lab cookie gets
exactly the project's configuration. Field names are the setting names without
the `SESSION_` prefix, lower-cased (`SESSION_COOKIE_AGE` → `cookie_age`).

A visitor's changes travel in a cookie of their own, signed with a salt of
ours, as short texts: nothing in it is ever imported or used as a path. Each
text is checked against an allow-list or a bound before it becomes a value,
and a cookie that fails any check is ignored as a whole. The cookie itself is
bounded before anything reads it: its length, then what it decompresses to.
"""

import ipaddress
import json
import re
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from functools import cache, lru_cache
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.utils.http import is_same_domain

from .engines import ENGINES, engine_path, short_name

SETTING_PREFIX = "SESSION_"

LAB_COOKIE_NAME = "sessions_lab"
# The lab's notices are messages with this tag; the site's header shows them.
LAB_MESSAGE_TAG = "lab"
LAB_COOKIE_SALT = "sessions_demo.lab.profile"
# A year: the lab remembers a visitor's choice across browser restarts.
LAB_COOKIE_MAX_AGE = 60 * 60 * 24 * 365
# Caches that hold the site's own records (the HTTP exchange), never sessions:
# a visitor's sessions there would be evicted by everybody's browsing.
RECORD_CACHE_ALIASES = {"exchange"}
# The messages framework's cookie (CookieStorage.cookie_name).
MESSAGES_COOKIE_NAME = "messages"
# The HTTP exchange record's visitor id (panel/exchange.py).
VISITOR_COOKIE_NAME = "course_visitor"
# django-debug-toolbar's script keeps its state in cookies named djdt...
TOOLBAR_COOKIE_PREFIX = "djdt"
# The longest lab cookie has every setting changed, at its longest: about
# 350 characters signed and compressed, 750 bytes of JSON. Anything much
# longer is not ours, and is refused before its signature is even checked.
LAB_COOKIE_MAX_CHARS = 2048
LAB_COOKIE_MAX_BYTES = 4096  # what its payload may decompress to

SERIALIZERS = {
    "json": "django.contrib.sessions.serializers.JSONSerializer",
    "rich": "sessions_demo.serializers.RichJSONSerializer",
}
SAMESITE_CHOICES = {"Lax": "Lax", "Strict": "Strict", "None": "None", "False": False}
COOKIE_AGE_MIN = 1
COOKIE_AGE_MAX = 60 * 60 * 24 * 365
TRUE_TEXTS = {"on", "true", "1", "yes"}
FALSE_TEXTS = {"off", "false", "0", "no"}
# RFC 6265 token characters, narrowed; a leading "__" would ask the browser for
# the __Host-/__Secure- rules, which plain HTTP can never satisfy.
COOKIE_NAME_PATTERN = re.compile(r"(?!__)[A-Za-z0-9_\-]{1,40}")
COOKIE_PATH_PATTERN = re.compile(r"/[A-Za-z0-9_\-./~]{0,100}")
COOKIE_AGE_PATTERN = re.compile(r"[0-9]{1,9}")
DOMAIN_PATTERN = re.compile(r"\.?[a-z0-9](?:[a-z0-9\-.]{0,251}[a-z0-9])?")


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


class InvalidProfile(ValueError):
    """A profile value failed its check; the message says why, for the visitor."""


def setting_name(field_name: str) -> str:
    """Return the setting behind a field: cookie_age → SESSION_COOKIE_AGE."""
    return SETTING_PREFIX + field_name.upper()


@cache
def project_profile() -> Profile:
    """Return Profile.from_settings(), read once rather than on every request."""
    return Profile.from_settings()


@receiver(setting_changed)
def _forget_project_profile(**kwargs) -> None:
    # Settings change at run time only in tests (override_settings); read again.
    for cached in (project_profile, _unsign, _apply):
        cached.cache_clear()


# --- From texts to values: one parser per field --------------------------------


def _shown(text: str) -> str:
    """Quote the visitor's text in a message, cut short."""
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _engine(text: str, host: str) -> str:
    if text not in ENGINES:
        raise InvalidProfile(f"Unknown engine {_shown(text)}: pick one of {ENGINES}.")
    return engine_path(text)


def _serializer(text: str, host: str) -> str:
    if text not in SERIALIZERS:
        raise InvalidProfile(f"Unknown serializer {_shown(text)}: pick json or rich.")
    return SERIALIZERS[text]


def _cache_alias(text: str, host: str) -> str:
    if text not in cache_alias_choices():
        raise InvalidProfile(f"No cache is configured as {_shown(text)}.")
    return text


def _file_path(text: str, host: str) -> str | Path:
    for folder in file_path_choices():
        if text == str(folder):
            return folder
    raise InvalidProfile("That folder is not one the project offers.")


def _cookie_age(text: str, host: str) -> int:
    if (
        not COOKIE_AGE_PATTERN.fullmatch(text)
        or not COOKIE_AGE_MIN <= int(text) <= COOKIE_AGE_MAX
    ):
        raise InvalidProfile(
            f"The cookie age must be a whole number of seconds from "
            f"{COOKIE_AGE_MIN} to {COOKIE_AGE_MAX}."
        )
    return int(text)


def _boolean(text: str, host: str) -> bool:
    if text.lower() in TRUE_TEXTS:
        return True
    if text.lower() in FALSE_TEXTS:
        return False
    raise InvalidProfile(f"{_shown(text)} is not on or off.")


def _cookie_name(text: str, host: str) -> str:
    if not COOKIE_NAME_PATTERN.fullmatch(text):
        raise InvalidProfile(
            "A cookie name is 1 to 40 letters, digits, _ or -, not starting with __."
        )
    if text in reserved_cookie_names() or text.startswith(TOOLBAR_COOKIE_PREFIX):
        raise InvalidProfile(
            f"{_shown(text)} is already the name of another cookie here."
        )
    return text


def _cookie_path(text: str, host: str) -> str:
    if not COOKIE_PATH_PATTERN.fullmatch(text):
        raise InvalidProfile(
            "A cookie path starts with / and holds only letters, digits and /_-.~"
        )
    return text


def _cookie_domain(text: str, host: str) -> str | None:
    if not text:
        return None
    domain = text.lower()
    # A browser only accepts a Domain the page's host belongs to.
    if not DOMAIN_PATTERN.fullmatch(domain) or not is_same_domain(
        host, "." + domain.lstrip(".")
    ):
        raise InvalidProfile(
            f"A browser on {host!r} would refuse a cookie for {_shown(text)}: "
            "leave it empty, or use this host or a domain it belongs to."
        )
    if _is_ip_address(host) and domain != host:
        raise InvalidProfile("An IP address has no parent domain to share cookies.")
    if "." not in domain.strip(".") and domain != host:
        raise InvalidProfile("A top-level domain cannot hold cookies.")
    return text


def _is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _samesite(text: str, host: str) -> str | bool:
    for choice, value in SAMESITE_CHOICES.items():
        if text.lower() == choice.lower():
            return value
    raise InvalidProfile("SameSite is Lax, Strict, None or False.")


PARSERS: dict[str, Callable[[str, str], object]] = {
    "cache_alias": _cache_alias,
    "cookie_age": _cookie_age,
    "cookie_domain": _cookie_domain,
    "cookie_httponly": _boolean,
    "cookie_name": _cookie_name,
    "cookie_path": _cookie_path,
    "cookie_samesite": _samesite,
    "cookie_secure": _boolean,
    "engine": _engine,
    "expire_at_browser_close": _boolean,
    "file_path": _file_path,
    "save_every_request": _boolean,
    "serializer": _serializer,
}


def file_path_choices() -> list[str | Path]:
    """Return the folders a visitor may give the file engine: the project's first."""
    extra = [
        p for p in settings.LAB_SESSION_FILE_PATHS if p != settings.SESSION_FILE_PATH
    ]
    return [settings.SESSION_FILE_PATH, *extra]


def cache_alias_choices() -> list[str]:
    """Return the caches a visitor may keep sessions in: not the site's own records."""
    return [alias for alias in settings.CACHES if alias not in RECORD_CACHE_ALIASES]


def reserved_cookie_names() -> set[str]:
    """Return the cookie names the session cookie must never take."""
    return {
        settings.CSRF_COOKIE_NAME,
        MESSAGES_COOKIE_NAME,
        LAB_COOKIE_NAME,
        VISITOR_COOKIE_NAME,
    }


def host_of(request: HttpRequest) -> str:
    """Return the request's host name, without the port."""
    return split_domain_port(request.get_host())[0]


def with_texts(base: Profile, texts: Mapping[str, str], host: str) -> Profile:
    """Return base changed by the field texts; raise InvalidProfile on any bad one."""
    unknown = set(texts) - set(PARSERS)
    if unknown:
        raise InvalidProfile(f"Unknown setting {sorted(unknown)[0]!r}.")
    changes = {}
    for name, text in texts.items():
        try:
            changes[name] = PARSERS[name](str(text).strip(), host)
        except InvalidProfile as error:
            raise InvalidProfile(f"{setting_name(name)}: {error}") from None
    return replace(base, **changes)


# --- To texts: what the lab cookie carries ---------------------------------------


def as_text(name: str, value: object) -> str:
    """Return a field's value as the text its parser reads back."""
    if name == "engine":
        return short_name(str(value))
    if name == "cookie_samesite":
        return str(value or False)
    if name == "serializer":
        return next((short for short, path in SERIALIZERS.items() if path == value), "")
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def differences(profile: Profile) -> dict[str, str]:
    """Return, as texts, the fields where profile differs from the project's."""
    project = Profile.from_settings()
    return {
        f.name: as_text(f.name, getattr(profile, f.name))
        for f in fields(Profile)
        if getattr(profile, f.name) != getattr(project, f.name)
    }


# A visitor sends the same lab cookie with every request: checking its signature
# and its values once per distinct cookie keeps the lab as fast as Django. Only
# a cookie that passed every check is remembered, and it is at most
# LAB_COOKIE_MAX_CHARS long: the memo holds a few megabytes at most.
@lru_cache(maxsize=1024)
def _unsign(value: str) -> tuple[tuple[str, str], ...]:
    texts = _decoded(value)
    if not isinstance(texts, dict):
        raise InvalidProfile("not a set of settings")
    return tuple(sorted((str(name), str(text)) for name, text in texts.items()))


def _decoded(value: str) -> object:
    """Do what signing.loads() does, with the cookie's sizes bounded first."""
    if len(value) > LAB_COOKIE_MAX_CHARS:
        raise InvalidProfile(f"it is longer than {LAB_COOKIE_MAX_CHARS} characters")
    payload = signing.TimestampSigner(salt=LAB_COOKIE_SALT).unsign(value).encode()
    compressed = payload[:1] == b"."
    try:
        data = signing.b64_decode(payload[1:] if compressed else payload)
        return json.loads((_inflate(data) if compressed else data).decode("latin-1"))
    except InvalidProfile:
        raise
    except (ValueError, zlib.error):
        raise InvalidProfile("its content could not be read") from None


def _inflate(data: bytes) -> bytes:
    """Decompress at most LAB_COOKIE_MAX_BYTES; refuse anything bigger."""
    # signing.loads() inflates a payload whole: a few signed kilobytes can
    # hold a zlib bomb of many megabytes.
    inflater = zlib.decompressobj()
    inflated = inflater.decompress(data, LAB_COOKIE_MAX_BYTES)
    if inflater.unconsumed_tail:
        raise InvalidProfile(f"it holds more than {LAB_COOKIE_MAX_BYTES} bytes")
    return inflated


@lru_cache(maxsize=1024)
def _apply(project: Profile, texts: tuple[tuple[str, str], ...], host: str) -> Profile:
    return with_texts(project, dict(texts), host)


def sign(profile: Profile) -> str:
    """Return the lab cookie's value for a profile."""
    return signing.dumps(differences(profile), salt=LAB_COOKIE_SALT, compress=True)


def read(request: HttpRequest) -> tuple[Profile, str | None]:
    """Return the visitor's profile and, when the lab cookie was refused, why."""
    project = project_profile()
    value = request.COOKIES.get(LAB_COOKIE_NAME)
    if not value:  # none, or emptied by a deletion the client kept
        return project, None
    try:
        texts = _unsign(value)
        # Only a cookie domain depends on the host the request came to.
        host = host_of(request) if "cookie_domain" in dict(texts) else ""
        return _apply(project, texts, host), None
    except (signing.BadSignature, InvalidProfile, ValueError, TypeError) as error:
        reason = (
            "its signature is wrong"
            if isinstance(error, signing.BadSignature)
            else error
        )
        return project, (
            f"Your lab settings were ignored ({reason}); "
            "you are back on the project's settings."
        )
