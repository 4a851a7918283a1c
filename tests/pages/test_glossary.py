"""
/glossary/ and the links to it: each term in plain words, linked from a
lesson's prose the first time the page uses it.
"""

import pytest
from django.urls import reverse

from sessions_demo import course
from sessions_demo.course.glossary import TERMS
from sessions_demo.pages.glossary_links import link_terms
from tests.helpers import parse, text

pytestmark = pytest.mark.django_db

LESSON_PATHS = {lesson.path for lesson in course.lessons()}


def links(html: str) -> list[tuple[str, str]]:
    """Return (term anchor, linked text) for each glossary link in html."""
    page = parse(type("R", (), {"content": html.encode()}))
    return [(a["href"].split("#")[1], a.get_text()) for a in page.select("a.term")]


class TestThePage:
    def test_lists_every_term_with_an_anchor_and_its_lesson(self, client):
        """Each term has its entry, its anchor, and a link to the lesson on it."""
        page = parse(client.get(reverse("glossary")))
        for term in TERMS:
            entry = page.select_one(f"dt#{term.slug}")
            assert text(entry) == term.word
            more = entry.find_next_sibling("dd").select_one(".glossary-more a")
            assert more["href"] == "/" + term.lesson
        assert {term.lesson for term in TERMS} <= LESSON_PATHS

    def test_the_words_the_issue_names_are_there(self):
        """engine, store, serializer, signed, HttpOnly, SameSite, Vary: all defined."""
        slugs = {term.slug for term in TERMS}
        assert {"engine", "store", "serializer", "signed", "httponly"} <= slugs
        assert {"samesite", "vary", "session-key", "middleware"} <= slugs


class TestLinking:
    def test_first_occurrence_only(self):
        """A term is linked the first time, and not again on the same page."""
        linked = set()
        first = link_terms("<p>The engine, and the engine again.</p>", linked)
        later = link_terms("<p>One more engine.</p>", linked)
        assert links(first) == [("engine", "engine")]
        assert links(later) == []

    def test_never_inside_links_headings_or_code_samples(self):
        """Links, headings, pre blocks, and code that is not the term stay as is."""
        html = (
            '<h2>The engine</h2><a href="/x">engine</a>'
            '<pre>engine = "db"</pre><p><code>request.session.modified</code></p>'
        )
        assert link_terms(html, set()) == html

    def test_code_that_is_the_term_is_linked_whole(self):
        """<code>HttpOnly</code> becomes a link around the code element."""
        html = link_terms("<p>The <code>HttpOnly</code> flag.</p>", set())
        assert '<a class="term" href="/glossary/#httponly"' in html
        assert "<code>HttpOnly</code></a>" in html

    def test_escaped_text_and_entities_are_kept(self):
        """The template's escaping is copied through untouched."""
        html = "<p>&lt;b&gt; the store &amp; the cookie&#39;s value</p>"
        linked = link_terms(html, set())
        assert "&lt;b&gt;" in linked
        assert "&amp;" in linked
        assert "&#39;" in linked
        assert [slug for slug, _ in links(linked)] == ["store", "cookie"]

    def test_late_markers_survive(self):
        """The panel's markers (HTML comments) pass through unchanged."""
        html = "<div><!--late-part:abc:0--></div>"
        assert link_terms(html, set()) == html


class TestOnLessons:
    def test_first_lesson_links_its_jargon(self, client):
        """ "How sessions work" links session key, cookie and store on first use."""
        page = parse(client.get(reverse("how_sessions_work")))
        anchors = [a["href"] for a in page.select(".lesson a.term")]
        for slug in ("session-key", "cookie", "store", "middleware"):
            assert f"{reverse('glossary')}#{slug}" in anchors
        assert len(anchors) == len(set(anchors))  # each once

    def test_every_lesson_page_links_only_known_terms(self, client):
        """On every lesson, each glossary link points at an entry, once."""
        slugs = {term.slug for term in TERMS}
        for lesson in course.lessons():
            page = parse(client.get(reverse(lesson.url_name)))
            anchors = [a["href"].split("#")[1] for a in page.select("a.term")]
            assert set(anchors) <= slugs, lesson.path
            assert len(anchors) == len(set(anchors)), lesson.path
