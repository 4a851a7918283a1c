"""Every lesson's URL comes from the course outline; the rest are listed here."""

from django.urls import path

from . import course
from .lab.views import lab_page
from .lessons import example
from .pages.views import finish, glossary_page, index, lesson_page, prediction_json
from .panel.views import panel_json, panel_stored, reset_session

urlpatterns = [
    path("", index, name="index"),
    path("panel/", panel_json, name="panel"),
    path("panel/stored/", panel_stored, name="panel_stored"),
    path("panel/reset/", reset_session, name="panel_reset"),
    path("lab/", lab_page, name="lab"),
    path("glossary/", glossary_page, name="glossary"),
    path("finish/", finish, name="finish"),
    path("predictions/<slug:name>/", prediction_json, name="prediction"),
    # The guide's complete example (§5), exactly as the guide writes it; the
    # one view that echoes a stored value runs nothing it echoes (see /example/).
    path("set-session/", example.set_session_example, name="set_session"),
    path(
        "get-session/",
        example.served_sandboxed(example.get_session_example),
        name="get_session",
    ),
    path("delete-session/", example.delete_session_example, name="delete_session"),
    # The guide's get view, corrected: it escapes the name it shows.
    path(
        "get-session-escaped/",
        example.get_session_escaped,
        name="get_session_escaped",
    ),
]

urlpatterns += [
    path(lesson.path, lesson_page, {"lesson": lesson}, name=lesson.url_name)
    for lesson in course.lessons()
]
