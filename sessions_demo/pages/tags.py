"""
The page's template tags: highlighted code samples, a template's own source,
and the list of tests that verify what a page says.
"""

from typing import Any

from django import template
from django.template.loader import get_template

from .. import course
from .source import highlight_code

register = template.Library()


@register.tag("code")
def do_code(parser: template.base.Parser, token: template.base.Token) -> "CodeNode":
    """Highlight a literal code sample: {% code "python" %}...{% endcode %}."""
    bits = token.split_contents()
    language = bits[1].strip("\"'") if len(bits) > 1 else "python"
    nodelist = parser.parse(("endcode",))
    parser.delete_first_token()
    return CodeNode(nodelist, language)


class CodeNode(template.Node):
    def __init__(self, nodelist: template.NodeList, language: str) -> None:
        self.nodelist = nodelist
        self.language = language

    def render(self, context: template.Context) -> str:
        # Render without autoescape: Pygments escapes the text it highlights.
        with context.update({}):
            autoescape, context.autoescape = context.autoescape, False
            try:
                text = self.nodelist.render(context)
            finally:
                context.autoescape = autoescape
        return highlight_code(text.strip("\n"), self.language)


@register.simple_tag
def template_source(name: str) -> str:
    """Show a template's own source, highlighted, as the file holds it."""
    source = get_template(name).template.source
    return highlight_code(source, "html+django")


@register.inclusion_tag("includes/verified_by.html")
def verified_by(subject: course.Lesson | str) -> dict[str, Any]:
    """List the tests behind a lesson's claims, or a page's named in the outline."""
    return {"tests": course.tests_of(subject)}
