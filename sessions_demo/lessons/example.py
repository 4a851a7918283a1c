"""
The guide's complete example (§5), exactly as the guide writes it.

These views change the session on GET, which the guide does for brevity. The
course's own controls use POST: a GET can be prefetched, crawled, or reached
by a link on any other site (SameSite=Lax lets the session cookie through a
top-level navigation), and Django's CSRF protection never checks a GET.
The guide's get view also puts the stored name into HTML unescaped;
`get_session_escaped` is the same view, corrected. This site still serves the
guide's view as written, so the lesson can show what it does, but through
`served_sandboxed`: the browser draws its HTML and runs nothing in it.
"""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.utils.html import escape

# The browser draws the page but runs no script in it, not even an inline
# one or an onerror handler, loads nothing, and gives it an origin of its own:
# no cookie of this site, no access to its other pages.
SANDBOX_POLICY = "sandbox; default-src 'none'"


def set_session_example(request):
    request.session["name"] = "John Doe"
    request.session.set_expiry(300)  # Expires in 300 seconds
    return HttpResponse("Session data set!")


def get_session_example(request):
    name = request.session.get("name", "Guest")
    return HttpResponse(f"Hello, {name}!")


def delete_session_example(request):
    request.session.flush()  # Clears all session data
    return HttpResponse("Session data deleted.")


def get_session_escaped(request: HttpRequest) -> HttpResponse:
    """Greet by the stored name, escaped: the guide's get view, corrected."""
    name = request.session.get("name", "Guest")
    return HttpResponse(f"Hello, {escape(name)}!")  # text/html: escape what it shows


def served_sandboxed(view: Callable) -> Callable:
    """Serve a view's HTML under a policy that lets the browser run nothing in it."""

    @wraps(view)
    def sandboxed(request: HttpRequest) -> HttpResponse:
        try:
            response = view(request)
        except UnicodeEncodeError:  # a lone surrogate, stored before it was refused
            return HttpResponse(
                "The stored name is not valid Unicode: no response can carry it.",
                content_type="text/plain; charset=utf-8",
                status=409,
            )
        response["Content-Security-Policy"] = SANDBOX_POLICY
        return response

    return sandboxed
