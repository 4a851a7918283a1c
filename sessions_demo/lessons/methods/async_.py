"""
The async API: `await request.session.aget(...)` and its twins.

Since Django 5.1 an `async def` view uses the a-prefixed twins that most
session methods have (not clear(), is_empty() or get_session_cookie_age()). A
sync method that loads the session would query the database from the event
loop: Django refuses that with db, and with cached_db on a cache miss. The
twins act on the same session, and SessionMiddleware saves the result either
way. (The module's name ends in `_` because `async` is a Python keyword.)
"""

from django.http import HttpRequest
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..tryit import Outcome

LAST_VISIT_KEY = "async_last_visit"
SCRATCH_KEY = "async_scratch"


@require_POST
async def async_api(request: HttpRequest) -> Outcome:
    """Record a visit and renew the session with the async API only."""
    session = request.session
    previous = await session.aget(LAST_VISIT_KEY)
    await session.aset(LAST_VISIT_KEY, timezone.now().isoformat(timespec="seconds"))
    await session.aset(SCRATCH_KEY, "temporary")
    scratch = await session.apop(SCRATCH_KEY)
    keys = sorted(await session.akeys())
    await session.aset_expiry(3600)
    age = await session.aget_expiry_age()
    old_key = session.session_key
    await session.acycle_key()
    renewed = old_key != session.session_key
    return Outcome(
        f"await aget({LAST_VISIT_KEY!r}) → {previous!r}; aset() stored now\n"
        f"await apop({SCRATCH_KEY!r}) → {scratch!r}\n"
        f"sorted(await akeys()) → {keys}\n"
        f"await aset_expiry(3600); await aget_expiry_age() → {age}\n"
        f"await acycle_key(): new key → {renewed}"
    )
