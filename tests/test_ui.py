"""The Dagster UI as a steward sees it: `lkjip run`, then `lkjip ui`, then a headless Chromium.

Runs scripts/ui_screenshots.py (the same script that refreshes docs/ui_*.png) into a temporary
folder. It needs Debian's chromium and chromedriver (`apt-get install -y chromium
chromium-driver`); without them the test is skipped, saying so.
"""

from __future__ import annotations

import importlib.util
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "ui_screenshots.py"

pytestmark = pytest.mark.ui


def load_script():
    spec = importlib.util.spec_from_file_location("ui_screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_ui_shows_lineage_asset_details_and_automation(tmp_path: Path):
    script = load_script()
    chromium, chromedriver = script.browser_paths()
    if not chromium or not chromedriver:
        pytest.skip("chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver)")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)], capture_output=True, text=True, timeout=300
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 0, f"ui_screenshots.py failed after {elapsed:.0f} s:\n{result.stdout}{result.stderr}"
    assert "every browser request stayed on 127.0.0.1" in result.stderr
    for name, *_ in script.PAGES:
        png = tmp_path / name
        assert png.is_file(), f"{name} was not saved"
        assert png_size(png) == (script.VIEWPORT["width"], script.VIEWPORT["height"])
        assert png.stat().st_size > 20_000, f"{name} looks empty"
