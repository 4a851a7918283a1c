"""The course outline, available to every template for navigation."""

from typing import Any

from django.http import HttpRequest

from .. import course


def outline(request: HttpRequest) -> dict[str, Any]:
    return {"sections": course.SECTIONS}
