"""The commitments register: rows from records, filters, CSV."""

import csv

import pytest

from pipeline.commitments_register import FIELDS, commitment_rows, deadline_range, filter_rows, write_csv

TEXT = ("Ik zal uw Kamer voor de zomer van 2024 informeren over de voortgang. "
        "Het kabinet gaat de meldingen centraal bijeenbrengen.")
RECORD = {
    "id": "kst-30821-200#0", "text": TEXT,
    "meta": {"date": "2023-09-25", "document": "kst-30821-200", "authors": ["SZW"]},
    "spans": [
        {"start": 71, "end": 124, "label": "COMMITMENT", "text": TEXT[71:124], "rule": "commitment.gaan",
         "attrs": {"actor": ["kabinet"], "modality": "firm", "themes": [], "deadline": None}},
        {"start": 0, "end": 70, "label": "COMMITMENT", "text": TEXT[0:70], "rule": "commitment.zal",
         "attrs": {"actor": ["SZW"], "modality": "firm", "themes": ["foreign_interference"], "deadline": "2024-SU"}},
        {"start": 41, "end": 45, "label": "DATE", "text": TEXT[41:45], "attrs": {"value": "2024"}, "rule": "d"},
    ],
}


def test_rows_in_text_order_with_link():
    rows = commitment_rows([RECORD])
    assert [r["start"] for r in rows] == [0, 71]
    first = rows[0]
    assert first["document"] == "kst-30821-200"
    assert first["actor"] == ["SZW"] and first["deadline"] == "2024-SU"
    assert first["sentence"] == TEXT[0:70]
    assert first["link"] == "https://zoek.officielebekendmakingen.nl/kst-30821-200.html"
    assert set(first) == set(FIELDS)


def test_link_prefers_source_address():
    rec = dict(RECORD, meta=dict(RECORD["meta"], source="https://example.org/doc"))
    assert commitment_rows([rec])[0]["link"] == "https://example.org/doc"


def test_no_link_for_unofficial_id():
    rec = dict(RECORD, id="kv-docx-0ab70965#0", meta={})
    assert commitment_rows([rec])[0]["link"] == ""


@pytest.mark.parametrize("value, expected", [
    pytest.param("2024-SU", ("2024-06-01", "2024-08-31"), id="summer"),
    pytest.param("2023-WI", ("2023-12-01", "2024-02-29"), id="winter-crosses-year"),
    pytest.param("2024-Q1", ("2024-01-01", "2024-03-31"), id="quarter"),
    pytest.param("2023-12-25", ("2023-12-25", "2023-12-25"), id="day"),
    pytest.param("2024-02", ("2024-02-01", "2024-02-29"), id="month-leap"),
    pytest.param("2024", ("2024-01-01", "2024-12-31"), id="year"),
    pytest.param("2023-W40", ("2023-10-02", "2023-10-08"), id="week"),
    pytest.param("2023-2024", ("2023-09-01", "2024-08-31"), id="session-year"),
    pytest.param("2022-03-14/2022-03-16", ("2022-03-14", "2022-03-16"), id="period"),
    pytest.param(None, None, id="none"),
    pytest.param("PRESENT_REF", None, id="unreadable"),
])
def test_deadline_range(value, expected):
    assert deadline_range(value) == expected


def test_filters():
    rows = commitment_rows([RECORD])
    assert len(filter_rows(rows, theme="foreign_interference")) == 1
    assert filter_rows(rows, actor="kabinet")[0]["start"] == 71
    assert filter_rows(rows, actor="szw")[0]["start"] == 0
    assert len(filter_rows(rows, deadline_from="2024-07-01", deadline_to="2024-12-31")) == 1
    assert filter_rows(rows, deadline_to="2024-05-31") == []
    assert filter_rows(rows, deadline_from="2024-09-01") == []
    assert len(filter_rows(rows)) == 2


def test_filter_refuses_bad_date():
    with pytest.raises(ValueError):
        filter_rows([], deadline_from="zomer")


def test_write_csv_round_trip(tmp_path):
    path = tmp_path / "toezeggingen.csv"
    write_csv(commitment_rows([RECORD]), path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(FIELDS)
    assert rows[0]["actor"] == "SZW" and rows[0]["themes"] == "foreign_interference"
    assert rows[1]["deadline"] == "" and rows[1]["actor"] == "kabinet"
    assert rows[0]["sentence"] == TEXT[0:70]


def test_register_from_pipeline(annotate):
    rec = annotate("Ik zal uw Kamer voor de zomer van 2024 informeren over de aanpak van desinformatie.",
                   date="2023-09-25", authors=["BZK"])
    rows = commitment_rows([dict(rec, id="kst-1-2")])
    assert len(rows) == 1
    assert rows[0]["actor"] == ["BZK"] and rows[0]["themes"] == ["disinformation"]


def _hostile_record():
    text = "=HYPERLINK(\"http://x\") zal ik u informeren. -2+3 wordt u bericht.\x1b[31m Ik zal u\x07 informeren."
    spans = [{"start": 0, "end": 43, "label": "COMMITMENT", "text": text[0:43], "rule": "r",
              "attrs": {"actor": ["SZW"], "modality": "firm", "confidence": "high"}},
             {"start": 44, "end": 67, "label": "COMMITMENT", "text": text[44:67], "rule": "r",
              "attrs": {"actor": [], "modality": "firm", "confidence": "low"}},
             {"start": 68, "end": len(text), "label": "COMMITMENT", "text": text[68:], "rule": "r",
              "attrs": {"actor": ["SZW"], "modality": "firm", "confidence": "medium"}}]
    return {"id": "@SUM(A1)", "text": text, "meta": {}, "spans": spans}


def test_csv_cells_never_start_a_formula(tmp_path):
    out = tmp_path / "register.csv"
    write_csv(commitment_rows([_hostile_record()]), out)
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert rows[0]["sentence"].startswith("'=HYPERLINK") and rows[1]["sentence"].startswith("'-2+3")
    assert all(r["document"] == "'@SUM(A1)" for r in rows)
    assert [r["confidence"] for r in rows] == ["high", "low", "medium"]
    assert not list(tmp_path.glob("*.tmp"))


def test_failed_csv_write_leaves_the_old_file(tmp_path):
    out = tmp_path / "register.csv"
    out.write_text("old\n", encoding="utf-8")
    with pytest.raises(TypeError):
        write_csv([{"document": object(), "actor": 1}], out)   # a row that cannot be written
    assert out.read_text(encoding="utf-8") == "old\n" and not list(tmp_path.glob("*.tmp"))


def test_filter_on_confidence():
    rows = commitment_rows([_hostile_record()])
    assert [r["confidence"] for r in filter_rows(rows, confidence="medium")] == ["high", "medium"]
    assert [r["confidence"] for r in filter_rows(rows, confidence="high")] == ["high"]
    with pytest.raises(ValueError, match="confidence"):
        filter_rows(rows, confidence="sure")


def test_terminal_table_strips_escape_sequences(tmp_path):
    import json

    from typer.testing import CliRunner

    from pipeline.cli import app

    run = tmp_path / "run.jsonl"
    run.write_text(json.dumps(_hostile_record()) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["commitments", str(run)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "Ik zal u informeren." in " ".join(result.output.split())
    bad = CliRunner().invoke(app, ["commitments", str(run), "--from", "someday"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output and "someday" in bad.output
