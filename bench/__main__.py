"""``python -m bench``: speed of one slider step, for the bundled data and 1,000 / 5,000 actors.

For each data set it prints:
- server: the time of the one callback a slider step triggers (the view's: the URL kept in
  step and the view drawn), cold (caches cleared: a year never seen before) and warm (seen before);
- bytes: the JSON the render callback sends, raw and gzipped;
- browser: end to end in headless Chromium, from setting the slider to the graph, table
  and charts all updated, for the app and for a floor app whose callback returns
  precomputed outputs without computing anything; and their ratio.

and, for the synthetic networks uploaded as a ZIP: the upload's time, and what another
worker pays to serve it with the layout and a metric shared through the store, and without.
"""

from __future__ import annotations

import argparse
import gzip
import logging
import statistics
import tempfile
import threading
import time
from pathlib import Path

import plotly.io.json as pjson
from dash import no_update
from werkzeug.serving import make_server

import callbacks.render as render_module
from app import create_app
from callbacks.state import controls_from_state, state_from_controls
from components import graph as graph_components
from components.ids import ID
from network.analysis import collaborators
from network.analysis import ranking as analysis
from network.analysis.frame import frame_of
from network.loading import load
from network.view import visible as view
from network.view.state import ViewState
from network.view.visible import normalise
from settings import Settings

from .generate import write_package

CHROMIUM = "/usr/bin/chromium"


def clear_caches() -> None:
    render_module._paint.cache_clear()
    frame_of.cache_clear()  # the frame keeps a view's derivation: a cold step starts without it
    view.visible.cache_clear()
    analysis.metric_values.cache_clear()
    analysis.composition_over_years.cache_clear()


def _encode(out: dict) -> bytes:
    body = pjson.to_json_plotly({f"{k[0]}.{k[1]}": v for k, v in out.items()
                                 if v is not no_update})
    return body.encode()


def server_step(ds, year: int, cold: bool) -> tuple[float, int, int, int]:
    """One step from ``year + 1`` to ``year`` (the view's callback): seconds, raw and gzipped
    response bytes, and the raw bytes a full resend of the view's elements would take."""
    state = normalise(ViewState(year=year, lang="en"), ds)
    previous = render_module.paint_key(ds, normalise(ViewState(year=year + 1, lang="en"), ds))
    values = controls_from_state(ds, state, "en")
    if cold:
        clear_caches()
    t0 = time.perf_counter()
    new_state = state_from_controls(ds, values)  # the address kept in step
    new_state.to_query()
    out = render_module.render(ds, new_state, painted=previous)
    raw = _encode(out)
    elapsed = time.perf_counter() - t0
    full = _encode({k: v for k, v in full_outputs(ds, new_state).items()
                    if k[0] in (ID.GRAPH, ID.PAINT)})
    return elapsed, len(raw), len(gzip.compress(raw, 6)), len(full)


def full_outputs(ds, state) -> dict:
    """What a plain app sends for ``state``: every element in view, painted, in full."""
    out = dict(render_module.render(ds, state))
    paint = render_module._state_paint(ds, state)
    out[(ID.GRAPH, "elements")] = graph_components.painted(
        graph_components.base_elements(ds, "en", state.layout), paint)
    out[(ID.PAINT, "data")] = no_update
    return out


class LiveServer:
    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app.server, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()


STEP_JS = """
async ([year, painted]) => {
  const t0 = performance.now();
  window.dash_clientside.set_props('year', {value: year});
  const want = String(year) + ':';
  const idle = () => !document.querySelector('[data-dash-is-loading="true"]');
  const key = new RegExp('[|&]year=' + year + '(&|$)');
  const graph = document.getElementById('graph');
  while (true) {
    const s = document.getElementById('graph-summary').textContent;
    const drawn = !painted || key.test(graph.dataset.painted || '');
    if (s.startsWith(want) && drawn && idle()) break;
    await new Promise(r => setTimeout(r, 5));
  }
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - t0;
}
"""


def browser_steps(urls: list[str], years: list[int], painted: list[bool]) -> list[list[float]]:
    """Step every page through ``years``, alternating pages at each step so that load on
    the machine falls on all of them alike; seconds per step, one list per URL."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        pages = []
        for url in urls:
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(url)
            page.wait_for_selector("#graph canvas", timeout=120_000)
            # functions, not strings: the page's CSP refuses eval (Playwright evals strings)
            page.wait_for_function(
                "() => document.getElementById('graph-summary').textContent.length > 0"
                " && document.getElementById('graph').dataset.painted", timeout=120_000)
            pages.append(page)
        times: list[list[float]] = [[] for _ in urls]
        for year in years:
            for i, page in enumerate(pages):
                times[i].append(page.evaluate(STEP_JS, [year, painted[i]]) / 1000)
        browser.close()
    return times


def floor_app(ds, settings, years):
    """The same page, but its render callback only looks up precomputed outputs and resends
    every element in view in full (what a plain Dash + Cytoscape app does)."""
    precomputed = {y: full_outputs(ds, normalise(ViewState(year=y, lang="en"), ds)) for y in years}
    real = render_module.render

    def lookup(_ds, state, *rest):  # the render callback's arguments, whatever they are
        return precomputed.get(state.year) or real(_ds, state, *rest)

    render_module.render = lookup
    try:
        return create_app(settings)
    finally:
        render_module.render = real


def bench(label: str, folder: Path | None, browser: bool) -> None:
    settings = Settings.from_env({} if folder is None else {"REDES_DATA": str(folder)})
    t0 = time.perf_counter()
    ds = load(settings.data).dataset
    load_s = time.perf_counter() - t0
    last = ds.last_year
    years = [last - 1, last - 2, last - 3, last - 4, last - 5]
    cold = [server_step(ds, y, cold=True) for y in years]
    warm = [server_step(ds, y, cold=False) for y in years]
    med = statistics.median
    print(f"\n## {label}: {len(ds.actors)} actors, {len(ds.ties)} ties "
          f"(load + validate + layout {load_s:.1f} s)")
    print(f"server step, cold   : {med(c[0] for c in cold) * 1000:8.1f} ms (median of {len(cold)})")
    print(f"server step, warm   : {med(w[0] for w in warm) * 1000:8.1f} ms")
    print(f"bytes per step      : {med(c[1] for c in cold) / 1024:8.1f} KiB raw, "
          f"{med(c[2] for c in cold) / 1024:.1f} KiB gzipped "
          f"(graph in full would be {med(c[3] for c in cold) / 1024:.1f} KiB raw)")
    by_degree = sorted(ds.actors.index, key=lambda a: -len(ds.ties[
        (ds.ties["source"] == a) | (ds.ties["target"] == a)])) if len(ds.actors) < 200 else None
    every_fifth = list(ds.actors.index[::len(ds.actors) // 5])[:5]
    picks = (by_degree[:3] + by_degree[-2:]) if by_degree else every_fifth
    cold_s, warm_s = collaborators.bench_suggestions(ds, picks)
    state = normalise(ViewState(year=last, lang="en", panel="collaborate", me=picks[0]), ds)
    render_module.render(ds, state)
    t0 = time.perf_counter()
    render_module.render(ds, state)
    panel_s = time.perf_counter() - t0
    print(f"suggestions         : {cold_s * 1000:8.1f} ms cold, {warm_s * 1000:.1f} ms warm "
          f"(mean of {len(picks)} actors); whole step with the panel open {panel_s * 1000:.1f} ms")
    if not browser:
        return
    if not Path(CHROMIUM).exists():
        print("browser             : skipped (no /usr/bin/chromium)")
        return
    steps = [last - 1 - i for i in range(6)]
    clear_caches()
    with LiveServer(create_app(settings)) as live, \
            LiveServer(floor_app(ds, settings, steps)) as floor_live:
        real, floor = browser_steps([live.url, floor_live.url], steps, [True, False])
    r, f = med(real), med(floor)
    print(f"browser step, app   : {r * 1000:8.1f} ms end to end (median of {len(real)})")
    print(f"browser step, floor : {f * 1000:8.1f} ms "
          "(precomputed outputs, elements resent in full)")
    print(f"ratio app / floor   : {r / f:8.2f}")


PRESENT_STEP_JS = """
async (key) => {
  // one press of a presentation clicker's key, to the new scene's caption and picture
  const count = () => document.getElementById('present-count').textContent;
  const before = count(), painted = document.getElementById('graph').dataset.painted;
  const t0 = performance.now();
  document.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true}));
  const idle = () => !document.querySelector('[data-dash-is-loading="true"]');
  const graph = document.getElementById('graph');
  while (count() === before || graph.dataset.painted === painted || !idle()) {
    await new Promise(r => setTimeout(r, 5));
  }
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - t0;
}
"""


def bench_presenter(settings: Settings) -> None:
    """Presenter steps through the prepared tour at 1024x768: the time from the key to the
    new scene's caption and picture, and the callback requests each step makes."""
    from playwright.sync_api import sync_playwright

    with LiveServer(create_app(settings)) as live, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1024, "height": 768})
        requests: list[str] = []
        page.on("request", lambda r: "_dash-update-component" in r.url and requests.append(r.url))
        page.goto(live.url + "?present=1")
        page.wait_for_function("() => document.getElementById('graph')"
                               " && document.getElementById('graph').dataset.painted",
                               timeout=120_000)
        page.locator("#present-start").evaluate("b => b.click()")
        page.wait_for_function("() => document.getElementById('present-count')"
                               " && document.getElementById('present-count').textContent",
                               timeout=60_000)
        page.wait_for_timeout(1_000)
        times, calls = [], []
        for key in ["ArrowRight"] * 10 + ["ArrowLeft"] * 3:  # network scenes, both ways
            requests.clear()
            times.append(page.evaluate(PRESENT_STEP_JS, key) / 1000)
            page.wait_for_timeout(300)
            calls.append(len(requests))
        browser.close()
    med = statistics.median
    print(f"presenter step      : {med(times) * 1000:8.1f} ms key to caption and picture "
          f"(median of {len(times)}, max {max(times) * 1000:.0f} ms), "
          f"{med(calls):.0f} callback requests per step")


def bench_upload(label: str, folder: Path) -> None:
    """An upload of the package as a ZIP: reading, checking and laying it out once, then
    what another worker pays to serve it, with and without the shared derived results."""
    import io
    import zipfile

    from network.model.derived import derived_key
    from serving.library import Library
    from serving.rebuild import forget_datasets
    from serving.store import DiskStore

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.glob("*.csv")):
            archive.write(path, path.name)
    upload = [("package.zip", buffer.getvalue())]
    bundled = load().dataset
    with tempfile.TemporaryDirectory() as tmp:
        library = Library(bundled, DiskStore(tmp, ttl_seconds=None))
        t0 = time.perf_counter()
        key = library.read(upload).content_key
        upload_s = time.perf_counter() - t0
        forget_datasets()
        t0 = time.perf_counter()
        ds = library.find(key)
        shared_s = time.perf_counter() - t0
        filters = normalise(ViewState(), ds).filters
        analysis.metric_values.cache_clear()
        t0 = time.perf_counter()
        analysis.metric_values(ds, filters, "betweenness")
        metric_cold = time.perf_counter() - t0
        forget_datasets()
        analysis.metric_values.cache_clear()
        ds = library.find(key)
        t0 = time.perf_counter()
        analysis.metric_values(ds, filters, "betweenness")
        metric_shared = time.perf_counter() - t0
        # the same rebuild when no worker has shared the layout yet
        library.store.cache_set(derived_key(key, "positions"), None)
        forget_datasets()
        t0 = time.perf_counter()
        library.find(key)
        alone_s = time.perf_counter() - t0
        forget_datasets()
        analysis.metric_values.cache_clear()
    print(f"\n## upload, {label}: {len(buffer.getvalue()) / 1024:.0f} KiB ZIP")
    print(f"upload (read, check, lay out, store): {upload_s:6.2f} s")
    print(f"another worker, layout shared       : {shared_s:6.2f} s "
          f"(computing it again: {alone_s:.2f} s; ratio {shared_s / alone_s:.2f})")
    print(f"betweenness, shared by another worker: {metric_shared * 1000:6.1f} ms "
          f"(computing it: {metric_cold * 1000:.1f} ms)")


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--sizes", default="1000,5000", help="synthetic sizes, comma-separated")
    parser.add_argument("--no-browser", action="store_true", help="server figures only")
    args = parser.parse_args()
    print("# Redes benchmark (one slider step)")
    bench("bundled data", None, not args.no_browser)
    if not args.no_browser and Path(CHROMIUM).exists():
        bench_presenter(Settings.from_env({}))
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",") if s):
            folder = write_package(Path(tmp) / f"n{n}", n)
            bench(f"synthetic {n:,}", folder, not args.no_browser)
            bench_upload(f"synthetic {n:,}", folder)


if __name__ == "__main__":
    main()
