"""URL configuration: the course, plus the debug toolbar when it is on."""

from django.conf import settings
from django.urls import include, path

urlpatterns = [
    path("", include("sessions_demo.urls")),
]

if settings.ENABLE_DEBUG_TOOLBAR:
    from debug_toolbar.toolbar import debug_toolbar_urls

    urlpatterns += debug_toolbar_urls()
