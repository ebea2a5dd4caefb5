"""Browser tests drive the system's Chromium (Debian's `chromium` package) through Playwright.

Run with `make browser-test` (or `pytest -m browser`). Playwright's own browser download is
never used: the machine's Chromium is given by path.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"

# Playwright's sync API runs an event loop in this thread; the test's own database calls
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _media_through_the_app():
    """Django's live server answers /media/ itself, without byte ranges. Let the request reach
    the site's own media view instead, as it does under gunicorn."""
    from django.test import testcases

    original = testcases._MediaFilesHandler._should_handle
    testcases._MediaFilesHandler._should_handle = lambda self, path: False
    yield
    testcases._MediaFilesHandler._should_handle = original


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--autoplay-policy=no-user-gesture-required",
        ],
    }


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}}
