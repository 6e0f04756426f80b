"""Headless Chromium for the site's tests and the README screenshot.

The browser is the distribution's (Debian ``chromium``, installed by ``.ci/run``),
driven by Playwright's Python API; Playwright's own browser download is never used.

    python tests/browser.py SITE_DIR PAGE.html OUT.png   # a 1440 px wide screenshot,
                                                         # first entity highlighted
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium():
    """A running headless Chromium (a Playwright ``Browser``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(browser, page_path: Path, out: Path, width: int, click: str | None = None) -> None:
    """A PNG of ``page_path`` at ``width`` CSS pixels into ``out``, after a click on the
    first element matching ``click`` (when given and present)."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(page_path.resolve().as_uri())
        if click and page.locator(click).count():
            page.locator(click).first.click()
        page.screenshot(path=str(out))
    finally:
        page.close()


if __name__ == "__main__":
    site, name, png = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    if not CHROMIUM.exists():
        sys.exit(f"error: {CHROMIUM} is missing (apt-get install -y chromium, as .ci/run does)")
    png.parent.mkdir(parents=True, exist_ok=True)
    with chromium() as b:
        screenshot(b, site / name, png, 1440, click="button[data-entity]")
    print(f"wrote {png}")
