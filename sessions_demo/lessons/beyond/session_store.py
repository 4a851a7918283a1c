"""
Sessions as data: the SessionStore API, and the model behind the db engines.

Every engine's `SessionStore` offers the same few methods: `create()`,
`save()`, `exists(key)`, `delete()` and `load()`, and since Django 5.1 their
async wrappers (`acreate()`, `asave()`...). On the database engines each
session is also a model instance: `Session.objects.get(pk=key)` finds it and
`get_decoded()` turns `session_data` back into the dictionary, as `decode()`
does for any engine.
"""

from django.http import HttpRequest
from django.views.decorators.http import require_GET, require_POST

from ..methods.replay import short
from ..tryit import Outcome

MADE_BY_KEY = "made_by"


@require_GET
def inspect_session(request: HttpRequest) -> Outcome:
    """Look at your session as data, the way code outside a request would."""
    key = request.session.session_key
    if key is None:
        return Outcome("You have no session yet: store something first.")
    SessionStore = type(request.session)  # a script imports it from the engine
    store = SessionStore(key)
    lines = [
        f"SessionStore().exists({short(key)}) → {SessionStore().exists(key)}",
        f"SessionStore({short(key)}).load() → {store.load()!r}",
    ]
    if hasattr(SessionStore, "get_model_class"):  # db, cached_db, user_db
        Model = SessionStore.get_model_class()
        try:
            decoded = repr(Model.objects.get(pk=key).get_decoded())
        except Model.DoesNotExist:
            decoded = "DoesNotExist: no row for this key"
        lines.append(f"{Model.__name__}.objects.get(pk=key).get_decoded() → {decoded}")
    encoded = store.encode({"username": "JohnDoe"})
    lines.append(f"encode({{'username': 'JohnDoe'}}) → {encoded!r}")
    lines.append(f"decode(that) → {store.decode(encoded)!r}")
    return Outcome("\n".join(lines))


@require_POST
async def round_trip(request: HttpRequest) -> Outcome:
    """Create, save, find, load and delete a session of your engine, async."""
    SessionStore = type(request.session)
    store = SessionStore()
    await store.aset(MADE_BY_KEY, "a script")
    await store.acreate()  # a new key, saved at once (signed_cookies: at save)
    await store.asave()
    key = store.session_key
    found = await SessionStore().aexists(key)
    loaded = await SessionStore(key).aload()
    await store.adelete()
    return Outcome(
        f"acreate(); asave(): key {key[:8]!r}…\n"
        f"aexists(key) → {found}\n"
        f"SessionStore(key).aload() → {loaded!r}\n"
        f"adelete(); aexists(key) → {await SessionStore().aexists(key)}"
    )
