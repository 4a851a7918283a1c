"""
The page's template tags: highlighted code samples, a template's own source,
the list of tests that verify what a page says, the bounds on what one
visitor may store (as the code enforces them), the button that makes a demo
user of one's own, the glossary links in a lesson's prose, and the lesson's
"predict, then run" box.
"""

from typing import Any

from django import template
from django.core.cache import caches
from django.template.loader import get_template

from .. import course
from ..course import predictions
from ..lab import limits
from ..lab.caches import NoEvictionCache
from ..lab.profile import cache_alias_choices
from ..lessons import forms
from ..lessons.beyond import demo_users
from .glossary_links import link_terms
from .source import highlight_code

LINKED_TERMS = "glossary_linked_terms"

register = template.Library()


@register.tag("code")
def do_code(parser: template.base.Parser, token: template.base.Token) -> "CodeNode":
    """Highlight a code sample: {% code "python" ["label"] %}...{% endcode %}."""
    # The label names the sample for screen readers; a page with two samples
    # in one language gives them labels of their own.
    bits = [bit.strip("\"'") for bit in token.split_contents()[1:]]
    language, label = (bits + ["python", ""][len(bits) :])[:2]
    nodelist = parser.parse(("endcode",))
    parser.delete_first_token()
    return CodeNode(nodelist, language, label)


class CodeNode(template.Node):
    def __init__(
        self, nodelist: template.NodeList, language: str, label: str = ""
    ) -> None:
        self.nodelist = nodelist
        self.language = language
        self.label = label

    def render(self, context: template.Context) -> str:
        # Render without autoescape: Pygments escapes the text it highlights.
        with context.update({}):
            autoescape, context.autoescape = context.autoescape, False
            try:
                text = self.nodelist.render(context)
            finally:
                context.autoescape = autoescape
        return highlight_code(text.strip("\n"), self.language, self.label)


@register.simple_tag
def template_source(name: str) -> str:
    """Show a template's own source, highlighted, as the file holds it."""
    source = get_template(name).template.source
    return highlight_code(source, "html+django", f"Template {name}")


@register.inclusion_tag("includes/verified_by.html")
def verified_by(subject: course.Lesson | str) -> dict[str, Any]:
    """List the tests behind a lesson's claims, or a page's named in the outline."""
    return {"tests": course.tests_of(subject)}


@register.inclusion_tag("includes/session_bounds.html")
def session_bounds() -> dict[str, Any]:
    """State the bounds a try-it enforces, with the numbers the code uses."""
    return {
        "value_bytes": forms.MAX_VALUE_BYTES,
        "value_depth": forms.MAX_VALUE_DEPTH,
        "session_keys": limits.MAX_SESSION_KEYS,
        "session_bytes": limits.MAX_SESSION_BYTES,
        "sessions_per_minute": limits.per_minute(),
    }


@register.inclusion_tag("includes/session_cache_bounds.html")
def session_cache_bounds() -> dict[str, Any]:
    """State how the caches that hold sessions are bounded, as configured."""
    aliases = cache_alias_choices()
    session_caches = [caches[alias] for alias in aliases]
    refusing = all(isinstance(cache, NoEvictionCache) for cache in session_caches)
    return {
        "aliases": aliases,
        "backend": type(session_caches[0]).__name__,
        # Only this course's local-memory caches count their entries.
        "max_entries": (
            f"{min(cache._max_entries for cache in session_caches):,}"
            if refusing
            else None
        ),
        "session_bytes": f"{limits.MAX_SESSION_BYTES:,}",
        "sessions_per_minute": limits.per_minute(),
    }


@register.inclusion_tag("includes/own_demo_user.html")
def own_demo_user_button() -> dict[str, Any]:
    """Offer the button that makes a demo user of one's own, with its bounds."""
    days = demo_users.LIFETIME.days
    return {
        "per_hour": demo_users.per_hour(),
        "lifetime": "a day" if days == 1 else f"{days} days",
    }


@register.tag("glossary_links")
def do_glossary_links(
    parser: template.base.Parser, token: template.base.Token
) -> "GlossaryLinksNode":
    """Link glossary terms where they first appear: {% glossary_links %}..."""
    nodelist = parser.parse(("endglossary_links",))
    parser.delete_first_token()
    return GlossaryLinksNode(nodelist)


class GlossaryLinksNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        # One set per rendering of the page: a term is linked the first time
        # it appears in any of the page's blocks.
        memo = context.render_context
        if LINKED_TERMS not in memo:
            memo[LINKED_TERMS] = set()
        return link_terms(self.nodelist.render(context), memo[LINKED_TERMS])


@register.inclusion_tag("includes/predict.html", takes_context=True)
def prediction_box(context: template.Context) -> dict[str, Any]:
    """Offer the lesson's prediction, if it has one, before its button."""
    lesson = context.get("lesson")
    prediction = predictions.of(lesson.path) if lesson is not None else None
    return {
        "prediction": prediction,
        "lesson": lesson,
        "request": context.get("request"),
    }
