"""
The code a lesson shows is the code that ran: it is read from the function
itself with `inspect`, then highlighted on the server by Pygments. A test the
page shows is read from its file (course.test_source), never imported.

A code block scrolls sideways when its lines are long, so it is a labelled
region a keyboard can reach (tabindex="0"): arrow keys then scroll it.
"""

import inspect
from collections.abc import Callable
from functools import cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer, get_lexer_by_name

from ..course import test_source

MISSING_TEST = "# This test is not here: the test suite is not deployed with the site."


def dotted_path(code: Callable | str) -> str:
    """Return where a function lives (module.qualified_name), or a test's node id."""
    if isinstance(code, str):
        return code
    return f"{code.__module__}.{code.__qualname__}"


@cache
def highlighted_source(code: Callable | str) -> SafeString:
    """Return the source of a function, or of a test by node id, highlighted."""
    if isinstance(code, str):
        return highlight_code(
            test_source(code) or MISSING_TEST, "python", f"Test {code}"
        )
    # getsource() unwraps decorators' functools.wraps and keeps their lines.
    source = inspect.getsource(code)
    return highlight_code(source, "python", f"Source of {dotted_path(code)}")


def highlight_code(code: str, language: str, label: str = "") -> SafeString:
    """Return code as highlighted HTML, in a region the keyboard can scroll."""
    lexer = PythonLexer() if language == "python" else get_lexer_by_name(language)
    html = highlight(code, lexer, HtmlFormatter(cssclass="source"))
    name = escape(label or f"Code example ({lexer.name})")
    region = f'<div class="source" role="region" tabindex="0" aria-label="{name}">'
    # Pygments escapes every token it emits; the label is escaped above.
    return mark_safe(html.replace('<div class="source">', region, 1))
