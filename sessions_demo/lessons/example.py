"""
The guide's complete example (§5), exactly as the guide writes it.

These views change the session on GET, which the guide does for brevity. The
course's own controls use POST: a GET can be prefetched, crawled, or reached
by a link on any other site (SameSite=Lax lets the session cookie through a
top-level navigation), and Django's CSRF protection never checks a GET.
The guide's get view also puts the stored name into HTML unescaped;
`get_session_escaped` is the same view, corrected.
"""

from django.http import HttpRequest, HttpResponse
from django.utils.html import escape


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
