"""
The code a lesson shows is the code that ran: it is read from the function
itself with `inspect`, then highlighted on the server by Pygments.
"""

import inspect
from collections.abc import Callable
from functools import cache

from django.utils.safestring import SafeString, mark_safe
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer, get_lexer_by_name


def dotted_path(function: Callable) -> str:
    """Return where a function lives: module.qualified_name."""
    return f"{function.__module__}.{function.__qualname__}"


@cache
def highlighted_source(function: Callable) -> SafeString:
    """Return the source of a function as highlighted HTML."""
    # getsource() unwraps decorators' functools.wraps and keeps their lines.
    return highlight_code(inspect.getsource(function), "python")


def highlight_code(code: str, language: str) -> SafeString:
    """Return code as highlighted HTML."""
    lexer = PythonLexer() if language == "python" else get_lexer_by_name(language)
    html = highlight(code, lexer, HtmlFormatter(cssclass="source"))
    return mark_safe(html)  # Pygments escapes every token it emits.
