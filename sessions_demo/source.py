"""
The code a lesson shows is the code that ran: it is read from the function
itself with `inspect`, then highlighted on the server by Pygments.
"""

import inspect
from functools import cache

from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer, get_lexer_by_name


@cache
def highlighted_source(dotted_path: str) -> SafeString:
    """Return the source of the function at dotted_path as highlighted HTML."""
    function = import_string(dotted_path)
    # getsource() unwraps decorators' functools.wraps and keeps their lines.
    return highlight_code(inspect.getsource(function), "python")


def highlight_code(code: str, language: str) -> SafeString:
    """Return code as highlighted HTML."""
    lexer = PythonLexer() if language == "python" else get_lexer_by_name(language)
    html = highlight(code, lexer, HtmlFormatter(cssclass="source"))
    return mark_safe(html)  # Pygments escapes every token it emits.
