"""The review report in a real browser: headless Chromium runs the page's script, and the DOM it
leaves is what a reviewer sees. Skipped when chromium is not installed (.ci/run installs it)."""

import html as html_lib
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fixtures_review import records
from pipeline.cli import app
from pipeline.review.report import build_report
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


# --- Corrections, driven like a reviewer would: Chromium's DevTools protocol over a pipe -----------

class DevTools:
    """Chromium with --remote-debugging-pipe: JSON messages ending in NUL on fds 3 (to the
    browser) and 4 (from it). Enough of the protocol to load a page, type, evaluate, download."""

    def __init__(self, profile: Path):
        to_browser, self._in = os.pipe()
        self._out, from_browser = os.pipe()

        def fds():   # the browser reads commands on fd 3 and answers on fd 4
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)

        self.proc = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     close_fds=False, preexec_fn=fds)
        os.close(to_browser)
        os.close(from_browser)
        self._buffer, self._id, self.session = b"", 0, None

    def _message(self) -> dict:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._out], [], [], 30)
            if not ready:
                raise TimeoutError("chromium did not answer within 30 s")
            chunk = os.read(self._out, 1 << 16)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, session=True, **params) -> dict:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._in, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._message()
            if answer.get("id") == self._id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def open(self, url: str) -> None:
        target = self.call("Target.createTarget", session=False, url=url)["targetId"]
        self.session = self.call("Target.attachToTarget", session=False, targetId=target, flatten=True)["sessionId"]
        self.wait_ready()

    def js(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_ready(self) -> None:
        for _ in range(100):
            try:
                if self.js("document.readyState === 'complete' && document.body.getAttribute('data-ready')") == "1":
                    return
            except RuntimeError:
                pass
            time.sleep(0.1)
        raise AssertionError("the page's script did not finish (data-ready)")

    def key(self, key: str) -> None:
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key=key, code=f"Key{key.upper()}",
                      windowsVirtualKeyCode=ord(key.upper()), text=key if kind == "keyDown" else "")

    def close(self) -> None:
        try:
            self.call("Browser.close", session=False)
        except (RuntimeError, EOFError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._in)
        os.close(self._out)


def test_review_correct_download_import_learn(tmp_path):
    """A reviewer rejects one span (keys j and r), corrects the deadline of a commitment, draws
    a missed theme, closes and reopens the page (the decisions are kept), downloads; `kst import
    --from kst` reads the file and `kst learn` turns it into a patch of configs/."""
    run = tmp_path / "run.jsonl"
    run.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records()), encoding="utf-8")
    run.with_name(run.name + ".manifest.json").write_text('{"config_hash": "abc123"}', encoding="utf-8")
    done = CliRunner().invoke(app, ["review", str(run), "--out", str(tmp_path / "report")])
    assert done.exit_code == 0, done.output
    page = next((tmp_path / "report" / "docs").glob("kst-30821-200-*.html")).as_uri()
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser = DevTools(tmp_path / "profile")
    try:
        browser.call("Browser.setDownloadBehavior", session=False, behavior="allow", downloadPath=str(downloads))
        browser.open(page)
        assert browser.js("document.body.getAttribute('data-run') + '|' + document.body.getAttribute('data-config')") == "run.jsonl|abc123"
        target = browser.js("document.querySelector('tr[data-key$=\":POLICY_THEME\"]').getAttribute('data-span')")
        for _ in range(int(target) + 1):          # j: next span, from the first
            browser.key("j")
        assert browser.js("document.querySelector('tr.cur').getAttribute('data-span')") == target
        browser.key("r")                          # reject "ongewenste buitenlandse inmenging"
        assert browser.js(f"document.querySelector('.card[data-span=\"{target}\"]').getAttribute('data-decision')") == "reject"
        # the commitment's deadline, typed into the field of its card (opened from the span table)
        browser.js("document.querySelector('tr[data-label=\"COMMITMENT\"]').click()")
        assert browser.js("document.querySelector('.card[data-label=\"COMMITMENT\"]').hidden") is False
        browser.js("var f = document.querySelector('.card[data-label=\"COMMITMENT\"] [data-attr=\"deadline\"]'); f.focus(); f.select();")
        browser.call("Input.insertText", text="2024-SU")
        browser.js("document.activeElement.blur()")
        # a missed theme: select the words, pick the label, add
        browser.js("""(function () {
            var walker = document.createTreeWalker(document.getElementById('text'), NodeFilter.SHOW_TEXT), node;
            while ((node = walker.nextNode())) {
              var at = node.data.indexOf('superdiverse samenleving');
              if (at >= 0) { var r = document.createRange(); r.setStart(node, at); r.setEnd(node, at + 24);
                             var s = window.getSelection(); s.removeAllRanges(); s.addRange(r); return; }
            }
            throw new Error('text not found');
        })()""")
        browser.js("document.getElementById('add-label').value = 'POLICY_THEME'; document.getElementById('add-value').value = 'inclusion';")
        browser.js("document.getElementById('add-span').click()")
        assert browser.js("document.getElementById('add-msg').textContent").startswith("added POLICY_THEME")
        # closed and opened again: the decisions come back from localStorage
        browser.call("Page.reload")
        time.sleep(0.3)
        browser.wait_ready()
        assert browser.js(f"document.querySelector('.card[data-span=\"{target}\"]').getAttribute('data-decision')") == "reject"
        assert browser.js("document.querySelector('.card[data-label=\"COMMITMENT\"] [data-attr=\"deadline\"]').value") == "2024-SU"
        assert browser.js("document.querySelectorAll('#added li').length") == 1
        browser.js("document.getElementById('download').click()")
        for _ in range(100):
            got = [p for p in downloads.iterdir() if p.suffix == ".jsonl"]
            if got:
                break
            time.sleep(0.1)
        assert got, "nothing was downloaded"
    finally:
        browser.close()
    downloaded = got[0]
    assert downloaded.name == "kst-corrections-run.jsonl"
    lines = downloaded.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1                        # only the document with decisions
    reviewed = tmp_path / "reviewed.jsonl"
    done = CliRunner().invoke(app, ["import", str(downloaded), "--from", "kst", "--out", str(reviewed)])
    assert done.exit_code == 0, done.output
    record = json.loads(reviewed.read_text(encoding="utf-8"))
    spans = {(s["label"], s["text"]): s for s in record["spans"]}
    assert ("POLICY_THEME", "ongewenste buitenlandse inmenging") not in spans
    assert [r["text"] for r in record["meta"]["review"]["rejected"]] == ["ongewenste buitenlandse inmenging"]
    drawn = spans[("POLICY_THEME", "superdiverse samenleving")]
    assert drawn["attrs"] == {"theme": "inclusion"} and drawn["rule"] == "review.kst"
    assert record["text"][drawn["start"]:drawn["end"]] == "superdiverse samenleving"
    commitment = next(s for s in record["spans"] if s["label"] == "COMMITMENT")
    assert commitment["attrs"]["deadline"] == "2024-SU" and commitment["review"] == "edited"
    assert record["meta"]["review"]["tool"] == "kst" and record["meta"]["review"]["config_hash"] == "abc123"
    patch = tmp_path / "learn.patch"
    done = CliRunner().invoke(app, ["learn", str(reviewed), "--base", str(run), "--out", str(patch)])
    assert done.exit_code == 0, done.output
    text = patch.read_text(encoding="utf-8")
    assert "b/configs/policy_theme/taxonomy.yml" in text
    assert re.search(r"^\+.*superdiverse samenleving", text, re.M)           # the drawn theme becomes a term
    assert re.search(r"^\+.*ongewenste\\s\+buitenlandse\\s\+inmenging", text, re.M)  # the rejected one an exclusion


def _hostile_commitment() -> dict:
    """The injected record with a COMMITMENT span whose sentence and attributes try to run script."""
    record = injected_record()
    sentence = "De Minister van Financiën zal de Kamer informeren."
    start = record["text"].index(sentence)
    record["spans"].append({"start": start, "end": start + len(sentence), "label": "COMMITMENT", "text": sentence,
                            "rule": "commitment.zal", "attrs": {"actor": ['FIN"><img src=x onerror=alert(5)>'],
                                                                 "modality": "firm", "themes": [], "deadline": None}})
    return record


def test_commitments_page_filters_sorts_and_shares_decisions(tmp_path):
    """The commitments page: status against today, filters from the address, sorting by a column,
    keys j and a; the decision shows on the document page too (one store per run and config)."""
    build_report(records() + [_hostile_commitment()], tmp_path / "report", run="run.jsonl", config="c1")
    browser = DevTools(tmp_path / "profile")
    try:
        browser.open((tmp_path / "report" / "commitments.html").as_uri())
        assert browser.js("document.querySelectorAll('tr.crow').length") == 3
        assert browser.js("document.title") == "commitments · kst review"          # nothing injected ran
        assert browser.js("document.querySelectorAll('#commitments img').length") == 0
        statuses = browser.js("Array.from(document.querySelectorAll('tr.crow')).map(r => r.getAttribute('data-deadline') + '=' + r.getAttribute('data-status'))")
        today = browser.js("new Date().toISOString().slice(0, 10)")
        assert sorted(statuses) == sorted(["=open", "=open", "2025-01-01=" + ("overdue" if today > "2025-01-01" else "open" if today < "2024-12-02" else "due")])
        browser.js("document.querySelector('th[data-sort=\"deadline\"]').click()")
        assert browser.js("document.querySelector('tr.crow').getAttribute('data-deadline')") == "2025-01-01"
        browser.js("var s = document.getElementById('filter-actor'); s.value = 'LNV'; s.dispatchEvent(new Event('change', {bubbles: true}))")
        assert browser.js("document.getElementById('shown').textContent") == "1"
        browser.key("j")
        browser.key("a")
        assert browser.js("document.querySelector('tr.crow.cur').getAttribute('data-decision')") == "accept"
        answer = next((tmp_path / "report" / "docs").glob("ah-tk-20232024-1433-*.html")).as_uri()
        browser.open(answer)
        assert browser.js("document.querySelector('.card[data-label=\"COMMITMENT\"]').getAttribute('data-decision')") == "accept"
        browser.open((tmp_path / "report" / "commitments.html").as_uri() + "#actor=SZW&modality=intent")
        assert browser.js("document.getElementById('shown').textContent") == "1"      # filters from the address
    finally:
        browser.close()
