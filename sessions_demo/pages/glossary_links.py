"""
Link a glossary term where it first appears on a page.

The lesson templates are written as plain prose; the lesson frame passes what
they render through `link_terms`, which finds the first occurrence of each
term of the glossary (course/glossary.py) in the text and links it to its
entry. It never links inside a link, a heading, a code sample or a form
control, and inside `<code>` only when the code is the term itself
(`<code>HttpOnly</code>`, not `<code>request.session["x"]</code>`). The text is
the template's own, already escaped: it is copied through unchanged, only
wrapped.
"""

from html import escape
from html.parser import HTMLParser

from django.urls import reverse

from ..course.glossary import TERMS, Term

# Inside these, text is left alone.
SKIPPED = frozenset(
    {"a", "button", "figure", "h1", "h2", "h3", "h4", "label", "option", "pre"}
    | {"script", "select", "style", "summary", "textarea"}
)
VOID = frozenset({"area", "br", "col", "hr", "img", "input", "link", "meta", "wbr"})


def link_terms(html: str, linked: set[str]) -> str:
    """Link each term's first occurrence in html; skip the slugs in `linked`."""
    parser = _Linker(linked)
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


def term_link(term: Term, text: str) -> str:
    """Return the link to a term's entry, around text (already escaped HTML)."""
    href = reverse("glossary") + "#" + term.slug
    title = escape(term.definition)
    return f'<a class="term" href="{href}" title="{title}">{text}</a>'


class _Linker(HTMLParser):
    def __init__(self, linked: set[str]) -> None:
        super().__init__(convert_charrefs=False)
        self.linked = linked  # shared across a page's blocks: first time only
        self.out: list[str] = []
        self.open: list[str] = []
        self.code: list[str] | None = None  # what the <code> we are in holds
        self.code_tag = ""  # its start tag, as written
        self.code_markup = False  # it holds markup, so it is no bare term

    def handle_starttag(self, tag: str, attrs) -> None:
        raw = self.get_starttag_text() or ""
        if tag == "code" and self.code is None and not self._skipping():
            self.code, self.code_tag, self.code_markup = [], raw, False
            return
        if self.code is not None:
            self.code.append(raw)
            self.code_markup = True
            return
        self.out.append(raw)
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self._emit(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "code" and self.code is not None:
            self._close_code()
            return
        self._emit(f"</{tag}>")
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.code is not None:
            self.code.append(data)
        elif self._skipping():
            self.out.append(data)
        else:
            self.out.append(self._link(data))

    def handle_entityref(self, name: str) -> None:
        self._emit(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._emit(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self._emit(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self._emit(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self._emit(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self._emit(f"<![{data}]>")

    def close(self) -> None:
        super().close()
        if self.code is not None:  # an unclosed <code>: give it back as it was
            self.out.append(self.code_tag + "".join(self.code))
            self.code = None

    def _emit(self, text: str) -> None:
        (self.code if self.code is not None else self.out).append(text)

    def _skipping(self) -> bool:
        return not SKIPPED.isdisjoint(self.open)

    def _close_code(self) -> None:
        text, self.code = "".join(self.code), None
        html = f"{self.code_tag}{text}</code>"
        if not self.code_markup:  # plain text only: it may be the term itself
            for term in self._waiting():
                if term.matcher.fullmatch(text):
                    self.linked.add(term.slug)
                    html = term_link(term, html)
                    break
        self.out.append(html)

    def _waiting(self) -> list[Term]:
        return [t for t in TERMS if t.matcher and t.slug not in self.linked]

    def _link(self, text: str) -> str:
        """Wrap the first occurrence of each waiting term in this text."""
        found = []
        for term in self._waiting():
            match = term.matcher.search(text)
            if match:
                found.append((match.start(), match.end(), term))
        found.sort(key=lambda hit: hit[0])
        pieces, at = [], 0
        for start, end, term in found:
            if start < at:
                continue  # overlaps a term linked just before
            self.linked.add(term.slug)
            pieces += [text[at:start], term_link(term, text[start:end])]
            at = end
        return "".join(pieces) + text[at:]
