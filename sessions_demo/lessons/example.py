"""
The guide's complete example (§5), exactly as the guide writes it.

These views change the session on GET, which the guide does for brevity. The
course's own controls use POST: a GET can be prefetched, crawled or embedded
in another site's <img>, and none of those should log anybody out.
"""

from django.http import HttpResponse


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
