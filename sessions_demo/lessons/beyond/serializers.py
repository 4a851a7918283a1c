"""
Writing a serializer: the two methods that turn session data into bytes.

SESSION_SERIALIZER names a class with `dumps(obj) -> bytes` and
`loads(data) -> obj`. The db, cached_db, file and signed_cookies engines call
it on every save (through `encode()`, signed_cookies through their own
signing); the cache engine never does: it hands the dictionary itself to the
cache, which stores it its own way (Django's local-memory and Redis backends
pickle it). Django's JSONSerializer refuses a datetime; the course's
RichJSONSerializer keeps datetime, Decimal and UUID, as JSON.
"""

import uuid
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..tryit import Outcome


@require_POST
def store_rich_values(request: HttpRequest) -> Outcome:
    """Save a datetime, a Decimal and a UUID with your engine; keep them if it can."""
    values = {"when": timezone.now(), "price": Decimal("9.99"), "id": uuid.uuid4()}
    trial = type(request.session)()  # a throwaway session of your engine
    trial.update(values)
    try:
        trial.save()  # the engine writes: through the serializer, or not at all
        back = type(trial)(trial.session_key).load()
    except TypeError as error:  # nothing of yours was touched
        return Outcome(f"{trial.serializer.__name__} refused: {error}", refused=True)
    finally:
        trial.delete()
    request.session.update(values)  # your own session: it will save as well
    kinds = ", ".join(f"{key}: {type(value).__name__}" for key, value in back.items())
    return Outcome(f"saved and loaded back as {kinds}")
