"""Real Chromium (Debian's) driven by Playwright against a live Django server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

PASSWORD = "correct horse battery staple"
CHROMIUM = os.environ.get("PASSAGE_CHROMIUM", "/usr/bin/chromium")
# Without these Chromium tries to reach Google's services from a machine with no route out.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):
        if os.environ.get("PASSAGE_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; CI installs Debian's chromium package")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def wait_until(page: Any, expression: str, timeout: float = 15.0) -> None:
    """Wait until the JavaScript ``expression`` is true in ``page``.

    Playwright's ``wait_for_function`` evaluates its predicate with ``eval`` inside the
    page, which the Content-Security-Policy refuses (no ``'unsafe-eval'``, decision
    0045); ``page.evaluate`` goes through the DevTools protocol, which the policy does
    not govern.
    """
    import time

    from playwright.sync_api import Error

    deadline = time.monotonic() + timeout
    while True:
        try:
            if page.evaluate(expression):
                return
        except Error as exc:  # the page navigated while it was asked: ask the new one
            if "context was destroyed" not in str(exc):
                raise
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        page.wait_for_timeout(100)


def sign_in(page: Any, url: str, username: str = "officer", language: str = "") -> None:
    """Sign ``username`` in through the login form and wait for the home page itself.

    ``language`` ("ar", "fr"…) is set as Django's language cookie first, so every page
    after it comes in that language. The wait is for the home page's own heading
    (``#welcome``), not for the address or a generic ``[role=status]``: the counter's
    camera status region is on every counter page, and a wait for it returned before a
    slow server had answered the form.
    """
    if language:
        page.context.add_cookies([{"name": "django_language", "value": language, "url": url}])
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{url}/")
    page.locator("h1#welcome").wait_for(state="visible")
    if language:
        wait_until(page, f"document.documentElement.lang === {language!r}")
