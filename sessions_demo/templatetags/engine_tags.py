"""What an engine page needs to know: its engine, and whether the visitor uses it."""

from typing import Any

from django import template

from ..engines import engine_path

register = template.Library()
PAGE_PREFIX = "engine-"


@register.simple_tag(takes_context=True)
def engine_page(context: template.Context) -> dict[str, Any]:
    """Name the page's engine and say whether the visitor uses it."""
    engine = context["lesson"].slug.removeprefix(PAGE_PREFIX).replace("-", "_")
    return {
        "engine": engine,
        "engine_path": engine_path(engine),
        "current": context["snapshot"]["engine"] == engine,
    }
