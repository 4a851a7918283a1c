"""What an engine page needs to know: its engine, and whether the lab can switch."""

from typing import Any

from django import template

from ..engines import LAB_PATH, engine_path, lab_installed

register = template.Library()
PAGE_PREFIX = "engine-"


@register.simple_tag(takes_context=True)
def engine_page(context: template.Context) -> dict[str, Any]:
    """Name the page's engine, say if the visitor uses it, and where to switch."""
    engine = context["lesson"].slug.removeprefix(PAGE_PREFIX).replace("-", "_")
    return {
        "engine": engine,
        "engine_path": engine_path(engine),
        "current": context["snapshot"]["engine"] == engine,
        "lab_path": LAB_PATH if lab_installed() else None,
    }
