"""One session's heavy query against another session's page load (Playwright driving headless Chromium).

:func:`run` starts ``streamlit run app.py`` on the bundled notes, with the server's query limits
(``CLOUDATLAS_MAX_ROWS``, default 50,000; ``CLOUDATLAS_MAX_TIMEOUT`` set to ``time_limit``), and
measures:

- ``alone_s``: from navigation to the first graph on screen for a new session (as
  ``first_draw_s`` of :mod:`bench.bench_browser`), with no other session at work: the baseline,
  measured before, between and after the heavy phases;
- ``during_select_s``: the same while a second session runs, again and again, a SELECT at the
  row cap (a cross product, cut at the cap; its rows come back to the app, are shown as a table
  and offered as CSV and JSON);
- ``during_construct_s``: the same while the second session runs a CONSTRUCT at the row cap,
  whose triples are drawn in the query's worker until the time limit stops it;
- ``ratios.select_vs_alone`` and ``ratios.construct_vs_alone``: how much slower a page load is
  while the other session works (target: at most ``TARGET_RATIO``);
- ``heavy_runs`` and ``heavy_run_s``: how many heavy queries ran and how long each took (median);
- ``app_rss_mb`` and ``app_peak_rss_mb``: the app process's memory after the heavy queries and
  at its highest (the workers are other processes), against ``app_rss_mb_before``.

Each load time is the median of ``repeat`` loads. The machine's cores are shared with the worker
of the heavy query, so the ratios also show how much of the machine the worker takes.

Run alone with ``python -m bench.bench_isolation`` or ``python -m bench isolation``.
"""

from __future__ import annotations

import contextlib
import statistics
import threading
import time
from pathlib import Path

from tests.e2e.browser import VIEWPORT, launch, start_app, stop_app

__all__ = ["run", "TARGET_RATIO", "HEAVY_SELECT", "HEAVY_CONSTRUCT"]

#: A page load while another session runs a heavy query should take at most this many times as long.
TARGET_RATIO = 2.0
#: A cross product: far more rows than any cap, cut at the cap.
HEAVY_SELECT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
#: As many triples as the cap allows, then drawn.
HEAVY_CONSTRUCT = "CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f }"


def _rss_mb(pid: int) -> tuple[float, float]:
    """(resident, peak resident) megabytes of process ``pid`` (Linux), else (0, 0)."""
    found = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return found.get("VmRSS", 0.0), found.get("VmHWM", 0.0)


def _load(browser, url: str) -> float:
    """Seconds from navigation to the first graph on screen, in a new session."""
    from bench.bench_browser import _open

    context = browser.new_context(viewport=VIEWPORT)
    try:
        _, drawn, _ = _open(context.new_page(), url, timeout_ms=180_000)
    finally:
        context.close()
    return drawn


def _enter_query(page, text: str) -> None:
    """Put ``text`` in the page's plain text box (the page's other way in beside its editor)."""
    toggle = page.get_by_text("Plain text box", exact=True)
    toggle.wait_for(timeout=120_000)
    toggle.click()
    box = page.get_by_label("Query", exact=True)
    box.wait_for(timeout=60_000)
    box.fill(text)
    box.press("Control+Enter")  # the text box hands its text to the app


def _heavy_session(url: str, text: str, seconds: int, rows: int, started: threading.Event,
                   stop: threading.Event, runs: list[float], errors: list[str]) -> None:  # fmt: skip
    """A second session that runs ``text`` at the caps until ``stop`` is set (its own Playwright: one per thread)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_context(viewport=VIEWPORT).new_page()
            page.goto(f"{url}/SPARQL")
            page.get_by_role("heading", name="SPARQL").wait_for(timeout=120_000)
            _enter_query(page, text)
            for label, value in (("Time limit (seconds)", seconds), ("Row cap", rows)):
                field = page.get_by_label(label)
                field.fill(str(value))
                field.press("Enter")
            page.wait_for_timeout(1000)
            status = page.locator("[data-testid='stStatusWidget']")
            while not stop.is_set():
                begin = time.perf_counter()
                page.get_by_role("button", name="Run query").click()
                started.set()
                # the app shows its status while the query (run from the button) is under way
                with contextlib.suppress(PlaywrightTimeout):  # over before it was seen
                    status.wait_for(state="attached", timeout=5_000)
                status.wait_for(state="detached", timeout=(seconds + 120) * 1000)
                runs.append(time.perf_counter() - begin)
            browser.close()
    except Exception as err:  # noqa: BLE001 - reported with the figures
        errors.append(f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}")
        started.set()


def _during(browser, url: str, text: str, repeat: int, seconds: int, rows: int) -> tuple[float, list[float], list[str]]:
    """Median load time while another session runs ``text`` over and over; (median, heavy run times, errors)."""
    started, stop = threading.Event(), threading.Event()
    runs: list[float] = []
    errors: list[str] = []
    worker = threading.Thread(target=_heavy_session, args=(url, text, seconds, rows, started, stop, runs, errors))
    worker.start()
    try:
        started.wait(timeout=300)
        time.sleep(1.0)  # the heavy query is under way
        loads = [_load(browser, url) for _ in range(max(repeat, 1))]
    finally:
        stop.set()
        worker.join(timeout=seconds + 180)
    return statistics.median(loads), runs, errors


def run(repeat: int = 5, time_limit: int = 20, max_rows: int = 50_000) -> dict:
    """Start the app, time new sessions' page loads alone and beside a heavy query (see the module docstring)."""
    from playwright.sync_api import sync_playwright

    env = {"CLOUDATLAS_MAX_TIMEOUT": str(time_limit), "CLOUDATLAS_MAX_ROWS": str(max_rows)}
    proc, url = start_app(env=env)
    try:
        with sync_playwright() as p:
            browser = launch(p)
            _load(browser, url)  # the first visit builds the bundled graph
            before, _ = _rss_mb(proc.pid)
            # The baseline is measured before, between and after the heavy phases, so that a change
            # in the machine's load from elsewhere weighs on both sides alike.
            alone_loads = [_load(browser, url) for _ in range(max(repeat, 1))]
            select, select_runs, select_errors = _during(browser, url, HEAVY_SELECT, repeat, time_limit, max_rows)
            alone_loads += [_load(browser, url) for _ in range(max(repeat, 1))]
            construct, construct_runs, construct_errors = _during(
                browser, url, HEAVY_CONSTRUCT, repeat, time_limit, max_rows
            )
            alone_loads += [_load(browser, url) for _ in range(max(repeat, 1))]
            after, peak = _rss_mb(proc.pid)
            alone = statistics.median(alone_loads)
            browser.close()
    finally:
        stop_app(proc)
    result = {
        "alone_s": alone,
        "during_select_s": select,
        "during_construct_s": construct,
        "heavy_runs": {"select": len(select_runs), "construct": len(construct_runs)},
        "heavy_run_s": {
            "select": statistics.median(select_runs) if select_runs else 0.0,
            "construct": statistics.median(construct_runs) if construct_runs else 0.0,
        },
        "app_rss_mb_before": before,
        "app_rss_mb": after,
        "app_peak_rss_mb": peak,
        "limits": {"max_rows": max_rows, "time_limit_s": time_limit},
        "ratios": {"select_vs_alone": select / alone, "construct_vs_alone": construct / alone},
    }
    if select_errors or construct_errors:
        result["errors"] = "; ".join(select_errors + construct_errors)
    result["ok"] = {name: ratio <= TARGET_RATIO for name, ratio in result["ratios"].items()}
    return result


if __name__ == "__main__":  # pragma: no cover
    import json

    print(json.dumps(run(), indent=2))
