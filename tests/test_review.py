"""`kst review`: the static HTML report: escaping, safe file names, overlaps, offline pages."""

import base64
import hashlib
import html as html_lib
import json
import re

import pytest
from typer.testing import CliRunner

from fixtures_review import records
from pipeline.cli import app
from pipeline.review.report import ReportRefused, build_report
from pipeline.review.report.html import assign_lanes, document_page, esc, safe_url, segments
from pipeline.review.report.names import inside, page_name, slug

runner = CliRunner()

INJECTED_TEXT = ('Vraag 1\n<script>document.title="pwned";document.body.appendChild(document.createElement("div")).id="injected"'
                 '</script> en " onmouseover="document.title=\'pwned\'" <img src=x onerror="document.title=\'pwned\'">\n'
                 'De Minister van Financiën zal de Kamer informeren.')


def injected_record() -> dict:
    start = INJECTED_TEXT.index("Minister van Financiën")
    return {"id": '../../etc/passwd\x00"><script>alert(1)</script>', "text": INJECTED_TEXT,
            "meta": {"date": "2024-01-01", "doc_type": '"><b>x</b>'},
            "spans": [{"start": start, "end": start + 22, "label": "MINISTRY", "text": "Minister van Financiën",
                       "attrs": {"ministries": ['FIN"><script>alert(2)</script>'], "role": "minister"},
                       "rule": 'ministry.title" onclick="alert(3)'},
                      {"start": 0, "end": 7, "label": "DOSSIER_REF", "text": "Vraag 1",
                       "attrs": {"refs": [{"id": "x", "url": "javascript:alert(4)"}]}, "rule": "test"}]}


@pytest.mark.parametrize("doc_id", ["../../etc/passwd", "a/b", "a\x00b", "", "..", "/etc/passwd", "C:\\Windows\\x",
                                    "kst-30821-200", "ah-tk-20232024-1433#0", "é" * 300])
def test_page_names_stay_inside_the_folder(tmp_path, doc_id):
    name = page_name(doc_id)
    assert re.fullmatch(r"[A-Za-z0-9._-]+-[0-9a-f]{10}\.html", name), name
    assert not name.startswith(".") and len(name) < 90
    assert inside(tmp_path, name).parent == tmp_path.resolve()


def test_page_names_are_unique_for_ids_with_the_same_slug():
    assert slug("a/b") == slug("a-b") == slug("a\x00b")
    assert len({page_name("a/b"), page_name("a-b"), page_name("a\x00b")}) == 3
    with pytest.raises(ValueError):
        inside("/tmp", "../x.html")


def test_escaping():
    assert esc('<script>"x"\'y\'&') == "&lt;script&gt;&quot;x&quot;&#x27;y&#x27;&amp;"
    assert "\x00" not in esc("a\x00b")
    assert safe_url("https://zoek.officielebekendmakingen.nl/kst-30821-180.html")
    assert safe_url("javascript:alert(1)") is None and safe_url("data:text/html,x") is None and safe_url(None) is None


def test_injected_document_renders_inert():
    html, _ = document_page(injected_record())
    # the record for the corrections script: JSON in an escaped attribute of a hidden element;
    # the checks below are about what the page renders
    blocks = re.findall(r'<div hidden id="kst-record" data-json="([^"]*)"></div>', html)
    assert len(blocks) == 1 and "<" not in blocks[0] and ">" not in blocks[0]
    assert json.loads(html_lib.unescape(blocks[0]))["text"] == injected_record()["text"]
    html = html.replace(blocks[0], "")
    body = html.split("<script>")[0] + html.split("</script>")[-1]     # everything but our own script
    assert "<script>" not in body and "<img" not in body and "<b>" not in body
    assert "&lt;script&gt;document.title=&quot;pwned&quot;" in html
    assert ' onmouseover="' not in html and ' onclick="' not in html and ' onerror="' not in html
    assert "&quot; onmouseover=&quot;" in html
    assert "javascript:" not in html.replace("&quot;", "")
    assert 'FIN&quot;&gt;&lt;script&gt;alert(2)' in html
    # exactly one script element: ours, allowed by hash in the Content-Security-Policy
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"script-src &#x27;sha256-{digest}&#x27;" in html and "default-src &#x27;none&#x27;" in html


def test_pages_need_no_network(tmp_path):
    build_report(records() + [injected_record()], tmp_path / "r")
    for page in (tmp_path / "r").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<link" not in html and " src=" not in html.replace(" src=x", "") and "@import" not in html
        assert "http://" not in html.split("<body")[0] and "https://" not in html.split("<body")[0]


def test_overlapping_spans_get_separate_lanes():
    letter = records()[0]
    spans = letter["spans"]
    lanes = assign_lanes(spans)
    for i, a in enumerate(spans):
        for j, b in enumerate(spans):
            if i < j and a["start"] < b["end"] and b["start"] < a["end"]:
                assert lanes[i] != lanes[j]
    pieces = segments(letter["text"], spans)
    assert "".join(letter["text"][a:b] for a, b, _ in pieces) == letter["text"]
    covered = [c for a, b, c in pieces if letter["text"][a:b] == "sociale stabiliteit"]
    assert [spans[i]["label"] for i in covered[0]] == ["COMMITMENT", "POLICY_THEME"]


def test_report_pages_and_index(tmp_path):
    out = tmp_path / "review"
    summary = build_report(records(), out)
    assert summary.documents == 2 and len(summary.pages) == 2
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('<tr data-doc="') == 2
    assert 'href="docs/kst-30821-200-' in index
    assert 'data-themes="foreign_interference|social_stability"' in index
    assert 'data-actors="SZW"' in index
    page = next(p for p in summary.pages if p.name.startswith("kst-30821-200")).read_text(encoding="utf-8")
    assert "geïnformeerd" in page
    assert page.count('class="card"') == 8 and page.count('<tr data-span=') == 8
    assert '<a href="https://zoek.officielebekendmakingen.nl/kst-30821-180.html"' in page
    assert "commitment.inzetten" in page and "2018-03-16" in page
    assert '<option value="social_stability">' in page and '<option value="SZW">' in page


def test_document_page_filters_commitments_on_confidence(tmp_path):
    recs = records()
    commitment = next(s for r in recs for s in r["spans"] if s["label"] == "COMMITMENT")
    commitment["attrs"]["confidence"] = "low"
    summary = build_report(recs, tmp_path / "review")
    page = next(p for p in summary.pages if p.name.startswith("kst-30821-200")).read_text(encoding="utf-8")
    assert 'data-label="COMMITMENT"' in page and 'data-confidence="low"' in page
    assert '<select id="filter-confidence">' in page and '<option value="low-only">' in page


def test_report_refuses_a_non_empty_folder_without_force(tmp_path):
    out = tmp_path / "review"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ReportRefused):
        build_report(records(), out)
    build_report(records(), out, force=True)
    assert (out / "notes.txt").exists()                           # not ours: left alone
    build_report(records()[:1], out, force=True)                  # our earlier pages are replaced
    assert len(list((out / "docs").iterdir())) == 1


def test_report_leaves_out_spans_whose_text_disagrees(tmp_path):
    record = records()[1]
    record["spans"][0] = dict(record["spans"][0], text="16 februari 2024")
    html, warnings = document_page(record)
    assert len(warnings) == 1 and "16 februari 2024" in warnings[0]
    assert html.count('class="card"') == len(record["spans"]) - 1


def test_cli_review(tmp_path):
    run = tmp_path / "run.jsonl"
    run.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records() + [injected_record()]),
                   encoding="utf-8")
    out = tmp_path / "review"
    result = runner.invoke(app, ["review", str(run), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(list((out / "docs").glob("*.html"))) == 3
    assert not (tmp_path / "etc").exists()
    again = runner.invoke(app, ["review", str(run), "--out", str(out)])
    assert again.exit_code == 2 and "not empty" in again.output
    assert runner.invoke(app, ["review", str(run), "--out", str(out), "--force"]).exit_code == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "Ja."}\n{broken\n', encoding="utf-8")
    result = runner.invoke(app, ["review", str(bad), "--out", str(tmp_path / "r2")])
    assert result.exit_code == 2 and "bad.jsonl:2" in result.output


def test_malformed_records_are_shown_with_a_warning_not_a_traceback(tmp_path):
    """Issue 18: meta, attrs, labels and offsets of the wrong type name the record and span."""
    text = "Ik zal u informeren."
    bad = [
        {"id": "m1", "text": text, "meta": ["x"], "spans": []},
        {"id": "m2", "text": text, "meta": {}, "spans": [{"start": 0, "end": 2, "label": "DATE", "attrs": ["x"]}]},
        {"id": "m3", "text": text, "meta": {}, "spans": [{"start": 0, "end": 5, "label": 7, "attrs": {}}]},
        {"id": "m4", "text": text, "meta": {}, "spans": [{"start": 9, "end": 3, "label": "DATE"}, {"start": 0, "end": 99, "label": "DATE"}]},
        {"id": "m5", "text": 5, "meta": None, "spans": {"a": 1}},
        "not a record",
        {"id": "m7", "text": text, "meta": {"authors": "SZW", "dossier": 5},
         "spans": [{"start": 0, "end": 2, "label": "COMMITMENT", "rule": 5, "attrs": {"actor": "SZW", "themes": 5, "confidence": 3}}]},
    ]
    summary = build_report(bad, tmp_path / "review")
    assert summary.documents == 7 and len(summary.pages) == 7
    said = [f"{doc}: {w}" for doc, w in summary.warnings]
    assert any("m1: record 1: meta is not an object" in w for w in said)
    assert any("m2: record 2, span 1: attrs is not an object" in w for w in said)
    assert any("m3: record 3, span 1: not an object with a string label" in w for w in said)
    assert sum(w.startswith("m4: span") for w in said) == 2
    assert any("record 6 is not an object" in w for w in said)
    page = next(p for p in summary.pages if p.name.startswith("m7")).read_text(encoding="utf-8")
    assert 'data-label="COMMITMENT"' in page


class _Counting(dict):
    reads = 0

    def __getitem__(self, key):
        _Counting.reads += 1
        return super().__getitem__(key)


def test_laying_out_spans_is_linear():
    """Issue 18: 25,000 spans took 72 s (every segment scanned every span). Counted reads of the
    span dicts, not seconds: twice the spans may cost at most 2.5 times the reads."""
    from pipeline.review.report.html import assign_lanes, segments

    def reads(n):
        spans = [_Counting(start=i * 10, end=i * 10 + 4, label="DATE") for i in range(n)]
        spans += [_Counting(start=i * 10, end=i * 10 + 9, label="COMMITMENT") for i in range(0, n, 2)]
        _Counting.reads = 0
        segments("x" * (n * 10), spans)
        assign_lanes(spans)
        return _Counting.reads

    assert reads(4000) <= 2.5 * reads(2000)
