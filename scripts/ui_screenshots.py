"""Look at the Dagster UI as a steward would, and save screenshots of it.

1. `lkjip run` on the shipped sample into a temporary warehouse and a temporary DAGSTER_HOME;
2. `lkjip ui` on a free port of 127.0.0.1 against the same instance, raw folder and warehouse;
3. checks over the UI's GraphQL API that the runs of `lkjip run` are there, and the two
   schedules and the sensors;
4. a headless Chromium (Debian's chromium + chromedriver, driven by selenium) opens the global
   asset lineage (every group open: BPS JSON → … → TPT capaian, SIPD workbook → … → Tabel 3.7),
   kinerja/iku_capaian's detail page (description, row count, columns, checks, owners, jobs,
   schedules, sensors), raw/bps_tenaga_kerja's metadata (its files with their sha256) and the
   automation page, waits for their content and saves a screenshot of each;
5. every request the browser made must have stayed on 127.0.0.1 (the UI works offline);
6. stops the browser and the UI (webserver, daemon, code server).

    .venv/bin/python scripts/ui_screenshots.py            # refresh docs/ui_*.png
    .venv/bin/python scripts/ui_screenshots.py --out DIR  # elsewhere (what tests/test_ui.py does)

Exit 0 when every page showed what it should, 1 when a check failed, 3 when chromium or
chromedriver is not installed (`apt-get install -y chromium chromium-driver`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[1]
MISSING_BROWSER = 3

VIEWPORT = {"width": 1600, "height": 1000, "deviceScaleFactor": 1, "mobile": False}

# (file name, path in the UI, text that shows the content has arrived, how to lay the page out)
PAGES = [
    ("ui_lineage.png", "/asset-groups", "kinerja", "lineage"),
    ("ui_asset.png", "/assets/kinerja/iku_capaian", "indicator_id", None),
    ("ui_raw_asset.png", "/assets/raw/bps_tenaga_kerja", "sha256", "metadata"),
    ("ui_automation.png", "/automation", "raw_files_sensor", None),
]

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--force-device-scale-factor=1",
    "--window-size=1600,1100",
]


class CheckFailed(Exception):
    pass


def log(message: str) -> None:
    print(f"[ui_screenshots {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def browser_paths() -> tuple[str | None, str | None]:
    chromium = next((p for p in map(shutil.which, ["chromium", "chromium-browser", "google-chrome"]) if p), None)
    return chromium, shutil.which("chromedriver")


def lkjip_command() -> str:
    beside = Path(sys.executable).with_name("lkjip")
    return str(beside) if beside.exists() else (shutil.which("lkjip") or "lkjip")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_server(base: str, ui: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ui.poll() is not None:
            raise CheckFailed(f"lkjip ui exited with {ui.returncode} before answering")
        try:
            with urllib.request.urlopen(f"{base}/server_info", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise CheckFailed(f"the UI did not answer on {base} within {timeout:.0f} s")


def graphql(base: str, query: str) -> dict:
    request = urllib.request.Request(
        f"{base}/graphql", data=json.dumps({"query": query}).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        body = json.load(answer)
    if body.get("errors"):
        raise CheckFailed(f"GraphQL errors: {body['errors']}")
    return body["data"]


def check_instance(base: str) -> None:
    """The runs of `lkjip run` are in the UI's instance; the schedules and sensors are loaded."""
    runs = graphql(base, "{ runsOrError(limit: 200) { ... on Runs { results { jobName status } } } }")
    results = runs["runsOrError"]["results"]
    jobs = {r["jobName"] for r in results if r["status"] == "SUCCESS"}
    if not {"ingest", "anggaran_triwulan", "data_tahunan", "lkjip_tahunan"} <= jobs:
        raise CheckFailed(f"the runs of `lkjip run` are not visible in the UI (successful jobs seen: {sorted(jobs)})")
    log(f"{len(results)} run(s) visible in the UI, successful jobs: {', '.join(sorted(jobs))}")
    repos = graphql(
        base,
        "{ repositoriesOrError { ... on RepositoryConnection { nodes { name location { name } "
        "schedules { name executionTimezone scheduleState { status } } sensors { name sensorState { status } } } } } }",
    )
    nodes = repos["repositoriesOrError"]["nodes"]
    schedules = {s["name"]: s for n in nodes for s in n["schedules"]}
    sensors = {s["name"]: s for n in nodes for s in n["sensors"]}
    if set(schedules) != {"lkjip_tahunan_schedule", "anggaran_triwulan_schedule"}:
        raise CheckFailed(f"schedules in the UI: {sorted(schedules)}")
    if any(s["executionTimezone"] != "Asia/Makassar" for s in schedules.values()):
        raise CheckFailed("a schedule is not on Asia/Makassar time")
    if "raw_files_sensor" not in sensors:
        raise CheckFailed(f"sensors in the UI: {sorted(sensors)}")
    states = [f"{k} ({v['scheduleState']['status']})" for k, v in sorted(schedules.items())]
    states += [f"{k} ({v['sensorState']['status']})" for k, v in sorted(sensors.items())]
    log(f"code location {', '.join(n['location']['name'] for n in nodes)}: {', '.join(states)}")


@contextmanager
def running_ui(env: dict[str, str], raw: Path, warehouse: Path, port: int, output: Path):
    """`lkjip ui` in its own session; stopped with SIGTERM (dagster dev stops its children)."""
    with output.open("w") as log_file:
        ui = subprocess.Popen(
            [lkjip_command(), "ui", "--port", str(port), "--host", "127.0.0.1", "--raw-dir", str(raw), "--warehouse-dir", str(warehouse)],
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield ui
        finally:
            if ui.poll() is None:
                ui.send_signal(signal.SIGTERM)
                try:
                    ui.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    log("lkjip ui did not stop on SIGTERM; killing its process group")
            try:  # anything of the UI's session still alive (it is ours: started above)
                os.killpg(ui.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            ui.wait(timeout=10)


def open_browser(chromium: str, chromedriver: str, profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not look for drivers online
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)


def shown(driver, text: str) -> bool:
    from selenium.webdriver.common.by import By

    xpath = f"//*[contains(normalize-space(text()), '{text}')]"
    return any(e.is_displayed() for e in driver.find_elements(By.XPATH, xpath))


def wait_for_text(driver, text: str, timeout: float) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout, poll_frequency=0.25).until(lambda d: shown(d, text))


GRAPH_BOX = """
const svgs = [...document.querySelectorAll('svg')];
const area = (e) => { const r = e.getBoundingClientRect(); return r.width * r.height; };
const graph = svgs.reduce((a, b) => (area(a) >= area(b) ? a : b));
const r = graph.getBoundingClientRect(), v = graph.parentElement.parentElement.getBoundingClientRect();
return [r.width, r.height, v.width, v.height];
"""


def lay_out_lineage(driver, timeout: float) -> None:
    """Every group opened, top to bottom (raw files at the top, exports at the bottom), zoomed
    out until the whole graph fits, node names still readable."""
    from selenium.webdriver.common.by import By

    for button in driver.find_elements(By.XPATH, "//button[normalize-space(.)='Hide navigation']"):
        button.click()
    for jump in driver.find_elements(By.CSS_SELECTOR, "input[placeholder^='Jump to']"):
        jump.find_element(By.XPATH, "./following::button[1]").click()  # fold the asset tree away
    deadline = time.monotonic() + timeout
    while not shown(driver, "iku_capaian") and time.monotonic() < deadline:  # ⌥E: expand all groups
        driver.execute_script(
            "document.dispatchEvent(new KeyboardEvent('keydown', {code: 'KeyE', key: 'e', altKey: true, bubbles: true}))"
        )
        time.sleep(1.0)
    if not shown(driver, "iku_capaian"):
        raise CheckFailed("the asset groups of the lineage did not open")
    zoom_out = driver.find_element(By.XPATH, "//button[.//*[@aria-label='zoom_out']]")
    for _ in range(10):
        width, height, view_width, view_height = driver.execute_script(GRAPH_BOX)
        if width <= 0.97 * view_width and height <= 0.97 * view_height:
            break
        zoom_out.click()
        time.sleep(0.4)


def lay_out_metadata(driver, timeout: float) -> None:
    """Scroll to the materialization's metadata: raw_dir and every file with its sha256."""
    from selenium.webdriver.common.by import By

    wait_for_text(driver, "Metadata", timeout)
    heading = next(e for e in driver.find_elements(By.XPATH, "//*[normalize-space(text())='Metadata']") if e.is_displayed())
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", heading)


def capture(driver, base: str, out: Path, timeout: float) -> list[Path]:
    from selenium.common.exceptions import TimeoutException

    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", VIEWPORT)
    driver.get(base + "/overview")  # the lineage reads top to bottom: raw files first, exports last
    driver.execute_script("localStorage.setItem('asset-graph-direction', JSON.stringify('vertical'))")
    saved = []
    for name, path, expected, layout in PAGES:
        driver.get(base + path)
        try:
            if layout == "lineage":
                wait_for_text(driver, expected, timeout)
                lay_out_lineage(driver, timeout)
            elif layout == "metadata":
                lay_out_metadata(driver, timeout)
            wait_for_text(driver, expected, timeout)
        except (TimeoutException, CheckFailed) as error:
            driver.save_screenshot(str(out / f"failed_{name}"))
            raise CheckFailed(f"{path}: '{expected}' did not appear within {timeout:.0f} s (see failed_{name}): {error}") from None
        time.sleep(1.5)  # lazy panels and the graph's last layout pass
        target = out / name
        driver.save_screenshot(str(target))
        saved.append(target)
        log(f"{path} → {target}")
    return saved


def external_requests(driver) -> list[str]:
    """URLs the page asked for outside 127.0.0.1 (from Chromium's performance log)."""
    outside = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") != "Network.requestWillBeSent":
            continue
        url = message["params"]["request"]["url"]
        parsed = urlparse(url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname not in ("127.0.0.1", "localhost"):
            outside.append(url)
    return outside


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="where the PNGs go (default docs/)")
    parser.add_argument("--raw", type=Path, default=REPO / "raw", help="raw folder to run (default: the shipped sample)")
    parser.add_argument("--timeout", type=float, default=45, help="seconds to wait for the server and for each page")
    args = parser.parse_args(argv)

    chromium, chromedriver = browser_paths()
    if not chromium or not chromedriver:
        log("chromium and chromedriver are needed: apt-get install -y chromium chromium-driver")
        return MISSING_BROWSER
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="lkjip-ui-")))
        home, warehouse = tmp / "dagster_home", tmp / "warehouse"
        home.mkdir()
        (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
        env = {**os.environ, "DAGSTER_HOME": str(home)}
        env.pop("LKJIP_RAW_DIR", None)
        env.pop("LKJIP_WAREHOUSE_DIR", None)
        try:
            log(f"lkjip run --raw-dir {args.raw} --warehouse-dir {warehouse}")
            run = subprocess.run(
                [lkjip_command(), "run", "--raw-dir", str(args.raw), "--warehouse-dir", str(warehouse)],
                env=env, capture_output=True, text=True,
            )
            if run.returncode != 0:
                raise CheckFailed(f"lkjip run failed ({run.returncode}):\n{run.stdout}{run.stderr}")
            log(f"lkjip run done in {time.monotonic() - started:.1f} s")

            port = free_port()
            base = f"http://127.0.0.1:{port}"
            ui_log = tmp / "lkjip_ui.log"
            ui = stack.enter_context(running_ui(env, args.raw, warehouse, port, ui_log))
            try:
                wait_for_server(base, ui, args.timeout)
                log(f"UI answering on {base} after {time.monotonic() - started:.1f} s")
                check_instance(base)
                driver = open_browser(chromium, chromedriver, tmp / "chromium-profile")
                stack.callback(driver.quit)
                capture(driver, base, args.out, args.timeout)
                outside = external_requests(driver)
                if outside:
                    raise CheckFailed("the UI reached outside 127.0.0.1: " + ", ".join(sorted(set(outside))[:10]))
                log("every browser request stayed on 127.0.0.1")
            except BaseException:
                ui_log_text = ui_log.read_text(errors="replace") if ui_log.exists() else ""
                log("last lines of `lkjip ui`:\n" + "\n".join(ui_log_text.splitlines()[-30:]))
                raise
        except CheckFailed as failure:
            log(f"FAILED: {failure}")
            return 1
    log(f"done in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
