"""
Browser tests: the course in headless Chromium, driven by Playwright against
pytest-django's live server.

They use the system's Chromium (Debian's `chromium` package, which `.ci/run`
installs), never a browser downloaded by Playwright. Without one they are
skipped, and say why. One browser serves the whole run; each test gets a
fresh context (its own cookies, its own sessionStorage).

Every check waits for what it checks, with Playwright's `expect(...)`: the
pages' scripts change them after they load, so a read at once would race
them. A check of `problems` comes after an `expect` on the final state.
"""

import shutil
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# For actions and for expect(...) alike: generous, since a check that passes
# returns at once, and a loaded machine can be slow.
TIMEOUT_MS = 10_000


def system_chromium() -> str | None:
    """Return the path of the system's Chromium, if one is installed."""
    return next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)


@pytest.fixture(scope="package")
def browser(django_db_setup):
    """Start the system Chromium once, for all the browser tests."""
    executable = system_chromium()
    if executable is None:
        pytest.skip(
            "No system Chromium found (looked for chromium, chromium-browser on "
            "PATH): install Debian's chromium package, as .ci/run does."
        )
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API keeps an event loop running in the tests' thread
    # while the browser is open, and Django refuses database access next to a
    # running loop (it looks like async code). The tests' own queries are
    # plain synchronous ones, so that is safe here, and only here: the browser
    # (and the loop) are gone before the rest of the suite runs. The test
    # database is created first (django_db_setup), before the loop exists.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_ARGS
            )
            sync_api.expect.set_options(timeout=TIMEOUT_MS)
            yield browser
            sync_api.expect.set_options(timeout=None)
            browser.close()


@dataclass
class Problems:
    """What went wrong in the browser: console errors and failed requests."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.console_errors.clear()
        self.failed_requests.clear()
        self.dialogs.clear()

    def __bool__(self) -> bool:
        return bool(self.console_errors or self.failed_requests or self.dialogs)


@pytest.fixture
def problems() -> Problems:
    return Problems()


@pytest.fixture
def base_url(live_server) -> str:
    """The live server at 127.0.0.1, the address `make run` serves.

    What a browser does with a cookie depends on the host (Secure over plain
    HTTP, Domain, host-only cookies), so the tests use the learner's. The
    server listens on IPv4, where "localhost" is 127.0.0.1.
    """
    return f"http://127.0.0.1:{urlsplit(live_server.url).port}"


@pytest.fixture
def page(browser, base_url, problems):
    """A page in a fresh browser context, pointed at the live server."""
    context = browser.new_context(base_url=base_url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.on(
        "console",
        lambda m: m.type == "error" and problems.console_errors.append(m.text),
    )
    page.on("pageerror", lambda error: problems.console_errors.append(str(error)))
    page.on(
        "requestfailed",
        lambda r: problems.failed_requests.append(f"{r.url}: {r.failure}"),
    )
    page.on(
        "response",
        lambda r: (
            r.status >= 400
            and problems.failed_requests.append(f"{r.url}: HTTP {r.status}")
        ),
    )
    page.on("dialog", lambda d: problems.dialogs.append(d.message) or d.dismiss())
    yield page
    context.close()
