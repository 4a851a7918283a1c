"""
The code a lesson shows is the code that ran: it is read from the function
itself with `inspect`, then highlighted on the server by Pygments. A test the
page shows is read from its file (course.test_source), never imported.
"""

import inspect
from collections.abc import Callable
from functools import cache

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
        return highlight_code(test_source(code) or MISSING_TEST, "python")
    # getsource() unwraps decorators' functools.wraps and keeps their lines.
    return highlight_code(inspect.getsource(code), "python")


def highlight_code(code: str, language: str) -> SafeString:
    """Return code as highlighted HTML."""
    lexer = PythonLexer() if language == "python" else get_lexer_by_name(language)
    html = highlight(code, lexer, HtmlFormatter(cssclass="source"))
    return mark_safe(html)  # Pygments escapes every token it emits.
