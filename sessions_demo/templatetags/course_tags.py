"""Template helpers for showing session values and durations."""

import json
from typing import Any

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import get_template

from ..source import highlight_code

register = template.Library()


@register.filter
def as_json(value: Any) -> str:
    """Show a session value as the JSON the serializer would write."""
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


@register.filter
def duration(seconds: int) -> str:
    """Spell a number of seconds as days, hours, minutes and seconds."""
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        count, seconds = divmod(seconds, size)
        if count or parts:
            parts.append(f"{count}{unit}")
    parts.append(f"{seconds}s")
    return " ".join(parts)


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
