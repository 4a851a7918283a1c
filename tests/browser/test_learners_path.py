"""
The learner's path in a real browser: visited lessons marked from this
browser's own storage (never the session being taught), where to continue,
the finish page's count, the glossary links and the folded engine menu.
"""

import re

from django.urls import reverse
from playwright.sync_api import expect

from sessions_demo import course

LESSONS = course.lessons()


def test_visited_lessons_are_marked_without_touching_the_session(page, problems):
    """Two lessons read: both marked in the contents; no session cookie is made."""
    for lesson in LESSONS[2:4]:
        page.goto(reverse(lesson.url_name))
        expect(page.locator(".lesson-count")).to_have_text(
            f"Lesson {LESSONS.index(lesson) + 1} of {len(LESSONS)}"
        )
    page.goto(reverse("index"))
    marked = page.locator(".toc-lessons a.visited")
    expect(marked).to_have_count(2)
    expect(marked.first).to_contain_text("(visited)")
    stored = page.evaluate("JSON.parse(localStorage.getItem('course:visited'))")
    assert sorted(stored) == sorted(reverse(x.url_name) for x in LESSONS[2:4])
    names = [cookie["name"] for cookie in page.context.cookies()]
    assert "sessionid" not in names
    assert not problems


def test_home_page_offers_to_continue_after_the_furthest_lesson(page):
    """The start button is first; "Continue" leads past the furthest lesson read."""
    page.goto(reverse("index"))
    start = page.locator(".start-button")
    expect(start).to_have_attribute("href", reverse(LESSONS[0].url_name))
    expect(page.locator(".continue-button")).to_be_hidden()
    page.goto(reverse(LESSONS[5].url_name))
    page.goto(reverse("index"))
    carry_on = page.locator(".continue-button")
    expect(carry_on).to_have_attribute("href", reverse(LESSONS[6].url_name))
    expect(carry_on).to_have_text(f"Continue: {LESSONS[6].title} →")
    expect(page.locator(".course-progress-note")).to_have_text(
        f"You have visited 1 of {len(LESSONS)} lessons in this browser."
    )


def test_finish_page_counts_what_was_seen(page):
    """The finish page says how many lessons were visited and marks the rest."""
    page.goto(reverse(LESSONS[0].url_name))
    page.goto(reverse("finish"))
    expect(page.locator(".finish-progress")).to_contain_text(
        f"You visited 1 of {len(LESSONS)} lessons"
    )
    expect(page.locator(".recap li.not-visited")).to_have_count(len(LESSONS) - 1)


def test_a_term_leads_to_its_plain_words(page):
    """On the first lesson, "store" links to its entry in the glossary."""
    page.goto(reverse("how_sessions_work"))
    link = page.locator(".explanation a.term", has_text=re.compile("^store$"))
    expect(link).to_have_count(1)
    with page.expect_navigation():
        link.click()
    expect(page).to_have_url(re.compile(r"/glossary/#store$"))
    expect(page.locator("dt#store")).to_have_css("color", "rgb(12, 75, 51)")


def test_engine_menu_stays_folded_and_explains_itself(page):
    """The header shows the engine in use; its menu opens on demand, explained."""
    page.goto(reverse("setitem"))
    menu = page.locator("header .engine-menu")
    expect(menu.locator("summary")).to_have_text("Engine: db")
    expect(menu.locator("select")).to_be_hidden()
    menu.locator("summary").click()
    expect(menu.locator(".engine-menu-body")).to_contain_text(
        "The engine is where Django keeps your session"
    )
    expect(menu.locator("input[name=carry]")).to_be_checked()


def test_engine_page_switch_keeps_the_data(page):
    """ "Use cache for my session" on the cache page carries the data over."""
    page.goto(reverse("setitem"))
    page.fill("#id_key", "colour")
    page.fill("#id_value", '"green"')
    with page.expect_navigation():
        page.click(".try-it-form button")
    page.goto(reverse("engine_cache"))
    expect(page.locator(".engine-switch input[name=carry]")).to_be_checked()
    with page.expect_navigation():
        page.click(".engine-switch button")
    expect(page.locator('#session-panel [data-field="engine"]')).to_have_text("cache")
    expect(page.locator('#session-panel tr[data-key="colour"]')).to_be_visible()
