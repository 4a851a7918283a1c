"""
The plumbing behind every "try it" control, kept out of the views it serves.

A try-it view stays as plain as the guide's examples: it receives input that
`form_input` already validated, does one thing to `request.session`, and
returns an `Outcome`: what happened, in words. The lesson page turns that into
a response (after a POST, a redirect to the page that shows it). Invalid input
never reaches the view: its form comes back refused, the page shows the errors
with a 400, and the session is left as it was.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django import forms
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

from ..lab import limits
from ..lab.caches import CacheFull


@dataclass(frozen=True)
class Outcome:
    """What a try-it did, in words, for its lesson page to show."""

    text: str = ""
    refused: bool = False  # nothing was done: the page answers `status`
    status: int = 400  # a refusal's status: 429 for one too many
    retry_after: int | None = None  # with a 429: seconds until it is allowed
    form: forms.Form | None = None  # input that failed validation, shown again


TryIt = Callable[..., Outcome | HttpResponse]


def form_input(form_class: type[forms.Form]) -> Callable[[TryIt], TryIt]:
    """Validate the request's input with form_class; pass its fields as kwargs."""

    def decorator(view: TryIt) -> TryIt:
        @wraps(view)
        def wrapper(request: HttpRequest) -> Outcome | HttpResponse:
            data = request.POST if request.method == "POST" else request.GET
            form = form_class(data)
            if not form.is_valid():
                return Outcome(refused=True, form=form)
            return view(request, **form.cleaned_data)

        wrapper.form_class = form_class
        return wrapper

    return decorator


def one_at_a_time(seconds: int) -> Callable[[TryIt], TryIt]:
    """Refuse a try-it that runs again within seconds for the same address."""

    def decorator(view: TryIt) -> TryIt:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> Outcome | HttpResponse:
            # cache.add() only succeeds for the first caller until the key
            # expires: a busy visitor is refused rather than queued.
            key = (
                f"tryit:{view.__module__}.{view.__name__}:{limits.address_of(request)}"
            )
            try:
                first = caches["default"].add(key, True, timeout=seconds)
            except CacheFull as full:  # what cannot be counted is not allowed
                first = False
                reason = f"Refused: {full}. Try again later."
            else:
                reason = (
                    f"One run every {seconds} seconds: wait a moment and press again."
                )
            if not first:
                return Outcome(reason, refused=True, status=429, retry_after=seconds)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
