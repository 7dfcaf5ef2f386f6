"""The review report in a real browser: headless Chromium runs the page's script, and the DOM it
leaves is what a reviewer sees. Skipped when chromium is not installed (.ci/run installs it)."""

import html as html_lib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from fixtures_review import records
from pipeline.review import build_report
from test_review import injected_record

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium): browser test skipped")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium(*args, timeout=60) -> str:
    with tempfile.TemporaryDirectory(prefix="kst-chromium-") as profile:
        done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=timeout)
    return done.stdout


def dom(url: str) -> str:
    return chromium("--virtual-time-budget=2000", "--dump-dom", url)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("review")
    summary = build_report(records() + [injected_record()], out)
    return out, summary


def _page(summary, prefix):
    return next(p for p in summary.pages if p.name.startswith(prefix))


def test_document_page_shows_highlighted_spans(report):
    _, summary = report
    page = dom(_page(summary, "kst-30821-200").as_uri())
    assert 'data-ready="1"' in page, "the page's own script did not run (Content-Security-Policy hash?)"
    assert "<title>kst-30821-200 · kst review</title>" in page
    segs = re.findall(r'<span class="seg[^"]*" data-spans="([\d ]+)" style="([^"]*)"', page)
    assert len(segs) >= 8
    # the MINISTRY inside the COMMITMENT sentence: two underlines, stacked
    both = [style for spans, style in segs if len(spans.split()) == 2]
    assert both and all(style.count("linear-gradient") == 2 for style in both)
    assert re.search(r'<a href="https://zoek\.officielebekendmakingen\.nl/kst-30821-180\.html"[^>]*>kst-30821-180</a>', page)
    assert 'id="shown">8<' in page


def test_filters_from_the_address(report):
    _, summary = report
    page = dom(_page(summary, "kst-30821-200").as_uri() + "#hide=DATE&span=1")
    rows = dict(re.findall(r'<tr data-span="(\d+)" data-label="(\w+)"[^>]*?( hidden="")?', page)[i][:2]
                for i in range(8))
    hidden = set(re.findall(r'<tr data-span="(\d+)" data-label="DATE"[^>]* hidden=""', page))
    dates = {k for k, v in rows.items() if v == "DATE"}
    assert dates and hidden == dates
    assert 'id="shown">6<' in page
    theme = dom(_page(summary, "kst-30821-200").as_uri() + "#theme=social_stability")
    shown_themes = re.findall(r'<tr data-span="\d+" data-label="POLICY_THEME" data-key="[^"]*">', theme)
    assert len(shown_themes) == 1                       # foreign_interference hidden, social_stability kept


def test_confidence_filter_from_the_address(report):
    _, summary = report
    uri = _page(summary, "kst-30821-200").as_uri()
    # the fixture's commitment has no confidence: only "all" shows it
    for want in ("high", "low-only"):
        page = dom(uri + "#confidence=" + want)
        assert re.search(r'<tr data-span="\d+" data-label="COMMITMENT"[^>]* hidden=""', page), want
        assert 'id="shown">7<' in page, want
    page = dom(uri)
    assert not re.search(r'<tr data-span="\d+" data-label="COMMITMENT"[^>]* hidden=""', page)


def test_injected_script_does_not_run(report):
    out, summary = report
    page = dom(_page(summary, "etc-passwd").as_uri())
    assert 'data-ready="1"' in page
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "pwned" not in title and title.startswith("../../etc/passwd")
    assert not re.search(r'<div[^>]*id="injected"', page) and "<img" not in page
    text = re.search(r'<article id="text"[^>]*>(.*?)</article>', page, re.S).group(1)
    assert '&lt;script&gt;document.title="pwned"' in text             # shown as text, not run
    assert "onmouseover" in html_lib.unescape(text) and " onmouseover=" not in text.replace('" onmouseover="', "")
    index = dom((out / "index.html").as_uri())
    assert 'data-ready="1"' in index and "pwned" not in re.search(r"<title>(.*?)</title>", index).group(1)
    assert index.count('<tr data-doc="') == 3


def test_screenshot(report):
    _, summary = report
    shot = ROOT / "outputs" / "review-screenshot.png"
    shot.parent.mkdir(exist_ok=True)
    shot.unlink(missing_ok=True)
    chromium("--window-size=1400,1100", "--hide-scrollbars", f"--screenshot={shot}",
             _page(summary, "kst-30821-200").as_uri() + "#span=4")
    assert shot.is_file() and shot.stat().st_size > 20_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
