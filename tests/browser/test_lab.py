"""The header's engine switcher in a real browser: panel and engine page follow."""

from django.urls import reverse

from .test_panel import changes, panel_row, refocus, set_item


def switch_engine(page, engine: str) -> None:
    """Pick an engine in the header switcher (keeping the data) and switch."""
    page.select_option("#lab-switcher-engine", engine)
    with page.expect_navigation():
        page.click(".lab-switcher button")


def panel_engine(page) -> str:
    return page.locator('#session-panel [data-field="engine"]').inner_text()


def test_switching_engine_moves_panel_and_engine_page(page, problems):
    """From db to cache: the engine page, the panel and /panel/ all say cache."""
    set_item(page, "colour", '"green"')
    page.goto(reverse("engine_cache"))
    assert panel_engine(page) == "db"
    assert "You are on db, not cache" in page.locator(".engine-status").inner_text()
    switch_engine(page, "cache")
    assert page.url.endswith(reverse("engine_cache"))
    assert panel_engine(page) == "cache"
    assert changes(page)[:2] == [
        "engine switched: db → cache",
        "session key regenerated",
    ]
    assert page.locator(".engine-status").inner_text().startswith("You are on cache:")
    stored = page.locator(".explanation .stored")
    assert stored.get_attribute("data-engine") == "cache"
    assert "green" in stored.inner_text()
    assert panel_row(page, "colour").locator("td").nth(1).inner_text() == '"green"'
    refocus(page)  # what /panel/ says, rendered by the panel's script
    assert panel_engine(page) == "cache"
    assert not problems


def test_switching_back_and_forth_keeps_the_data(page):
    """Through every engine and back to db, the data is carried each time."""
    set_item(page, "colour", '"green"')
    for engine in ("cache", "cached_db", "file", "signed_cookies", "db"):
        switch_engine(page, engine)
        assert panel_engine(page) == engine
        assert panel_row(page, "colour").count() == 1, engine
