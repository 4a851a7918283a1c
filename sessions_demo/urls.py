"""Every lesson's URL comes from the course outline; the rest are listed here."""

from django.urls import path
from django.utils.module_loading import import_string

from . import course, views
from .lab.views import lab_page
from .lessons import example

urlpatterns = [
    path("", views.index, name="index"),
    path("panel/", views.panel_json, name="panel"),
    path("panel/stored/", views.panel_stored, name="panel_stored"),
    path("lab/", lab_page, name="lab"),
    # The guide's complete example (§5), exactly as the guide writes it.
    path("set-session/", example.set_session_example, name="set_session"),
    path("get-session/", example.get_session_example, name="get_session"),
    path("delete-session/", example.delete_session_example, name="delete_session"),
]

urlpatterns += [
    path(
        lesson.path,
        import_string(lesson.view) if lesson.view else views.lesson_page,
        {"slug": lesson.slug},
        name=lesson.url_name,
    )
    for lesson in course.lessons()
]
