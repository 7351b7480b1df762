"""The HTML report in a real browser at the widths stewards use: no badge runs into the next
column, in either language. Needs Debian's chromium and chromedriver (as tests/test_ui.py);
skipped without them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ui import load_script

pytestmark = pytest.mark.ui

OVERFLOW = """
const out = [];
for (const badge of document.querySelectorAll('td .tingkat, td .predikat')) {
  const cell = badge.closest('td').getBoundingClientRect(), b = badge.getBoundingClientRect();
  if (b.right > cell.right + 0.5 || b.left < cell.left - 0.5) out.push(badge.textContent + ' ' + b.right + ' > ' + cell.right);
}
return [document.querySelectorAll('td .tingkat').length, out];
"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    script = load_script()
    chromium, chromedriver = script.browser_paths()
    if not chromium or not chromedriver:
        pytest.skip("chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver)")
    driver = script.open_browser(chromium, chromedriver, tmp_path_factory.mktemp("profile"))
    yield driver
    driver.quit()


@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_no_badge_runs_out_of_its_cell(browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bahasa: str):
    from pipelines.lib.ekspor.html_report import render_html
    from tests.test_laporan import FINDINGS, laid_out, small

    monkeypatch.setenv("LKJIP_BAHASA", bahasa)
    page = tmp_path / "laporan.html"
    page.write_text(render_html(*laid_out(small(FINDINGS))), encoding="utf-8")
    for width in (1000, 1400, 1920):
        browser.set_window_size(width, 1000)
        browser.get(page.as_uri())
        badges, overflowing = browser.execute_script(OVERFLOW)
        assert badges > 0 and overflowing == [], (width, overflowing)
