"""The commitments register: rows from records, filters, CSV."""

import csv

import pytest

from pipeline.review.register import (FIELDS, commitment_rows, deadline_range, filter_rows, status_of, summarise,
                                      summary_lines, with_status, write_csv)

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


# ---- deadlines that say by when, status, the document link, the summary

@pytest.mark.parametrize("text, date, deadline, signal", [
    pytest.param("Wij zijn voornemens u in het najaar nader te berichten.", "2020-08-11", "2020-FA", "future", id="najaar"),
    pytest.param("Ik zal u in het tweede kwartaal van 2024 informeren over de evaluatie.", "2023-09-25", "2024-Q2", "future",
                 id="tweede-kwartaal"),
    pytest.param("Ik zal uw Kamer voor het einde van het jaar informeren over de voortgang.", "2023-09-25", "2023", "before",
                 id="einde-van-het-jaar"),
    pytest.param("Ik zal uw Kamer uiterlijk aan het einde van het jaar informeren.", "2024-02-01", "2024", "by", id="uiterlijk"),
    pytest.param("Ik zal uw Kamer na de zomer van 2024 informeren.", "2023-09-25", None, None, id="after-is-no-deadline"),
])
def test_commitments_say_by_when(annotate, text, date, deadline, signal):
    rec = annotate(text, date=date, authors=["BZK"])
    row = commitment_rows([dict(rec, id="kst-1-2")])[0]
    assert (row["deadline"], row["deadline_signal"]) == (deadline, signal)


@pytest.mark.parametrize("deadline, as_of, status", [
    pytest.param(None, "2024-01-01", "open", id="no-deadline"),
    pytest.param("2024-SU", "2024-01-01", "open", id="ahead"),
    pytest.param("2024-SU", "2024-08-15", "due", id="summer-ends-within-30-days"),
    pytest.param("2024-03-01", "2024-02-01", "due", id="day-within-30"),
    pytest.param("2024-03-01", "2024-03-01", "due", id="on-the-day"),
    pytest.param("2024-03-01", "2024-03-02", "overdue", id="day-passed"),
    pytest.param("2023", "2024-01-01", "overdue", id="year-passed"),
])
def test_status(deadline, as_of, status):
    assert status_of(deadline, as_of) == status


def test_rows_carry_status_and_filter_on_it():
    rows = with_status(commitment_rows([RECORD]), "2024-08-15")
    assert [(r["deadline"], r["status"]) for r in rows] == [("2024-SU", "due"), (None, "open")]
    assert [r["start"] for r in filter_rows(rows, status="due")] == [0]
    with pytest.raises(ValueError, match="status"):
        filter_rows(rows, status="late")


def test_filter_on_the_document_date():
    other = dict(RECORD, id="kst-1-1", meta=dict(RECORD["meta"], date="2018-04-05", document=None))
    rows = commitment_rows([RECORD, other])
    by_document = filter_rows(rows, deadline_from="2023", deadline_to="2023", by_date="document")
    assert {r["document"] for r in by_document} == {"kst-30821-200"} and len(by_document) == 2
    assert len(filter_rows(rows, deadline_from="2018-04", deadline_to="2018-04", by_date="document")) == 2
    assert len(filter_rows(rows, deadline_from="2024", by_date="deadline")) == 2        # only those with a deadline
    with pytest.raises(ValueError, match="by-date"):
        filter_rows(rows, by_date="sitting")


def test_link_and_official_id_from_the_header_reference():
    # a file name as id, the document's own reference in its header
    text = "30 821 Nationale Veiligheid Nr. 200 Ik zal u informeren."
    header = {"start": 0, "end": 35, "label": "DOSSIER_REF", "text": text[:35], "rule": "header",
              "attrs": {"self": True, "refs": [{"id": "kst-30821-200", "url": "https://zoek.officielebekendmakingen.nl/kst-30821-200.html"}]}}
    promise = {"start": 36, "end": len(text), "label": "COMMITMENT", "text": text[36:], "rule": "r", "attrs": {"actor": ["SZW"]}}
    row = commitment_rows([{"id": "brief-nv.txt", "text": text, "meta": {"date": "2023-09-25"}, "spans": [header, promise]}])[0]
    assert (row["document"], row["official_id"], row["document_date"]) == ("brief-nv.txt", "kst-30821-200", "2023-09-25")
    assert row["link"] == "https://zoek.officielebekendmakingen.nl/kst-30821-200.html"


def test_summary_per_theme_and_actor():
    rows = with_status(commitment_rows([RECORD, _hostile_record()]), "2024-01-01")
    summary = summarise(rows)
    assert summary["themes"]["foreign_interference"] == {"count": 1, "modality": {"firm": 1}, "status": {"open": 1},
                                                         "next": [("2024-SU", "kst-30821-200")]}
    assert summary["themes"]["(no theme)"]["count"] == 4
    assert summary["actors"]["SZW"]["count"] == 3 and summary["actors"]["kabinet"]["count"] == 1
    assert list(summary["actors"])[0] == "SZW"                  # most commitments first
    text = "\n".join(summary_lines(summary))
    assert "foreign_interference" in text and "2024-SU (kst-30821-200)" in text


def test_cli_summary_status_and_bad_options(tmp_path):
    import json

    from typer.testing import CliRunner

    from pipeline.cli import app

    run = tmp_path / "run.jsonl"
    run.write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["commitments", str(run), "--as-of", "2024-08-15", "--csv", str(tmp_path / "r.csv")])
    assert done.exit_code == 0, done.output
    assert "status" in done.output.splitlines()[0] and " due " in done.output
    rows = list(csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8", newline="")))
    assert [r["status"] for r in rows] == ["due", "open"] and rows[0]["official_id"] == "kst-30821-200"
    done = CliRunner().invoke(app, ["commitments", str(run), "--summary", "--as-of", "15-08-2024"])
    assert done.exit_code == 0 and "status as of 2024-08-15" in done.output and "next deadlines" in done.output
    for option in (["--as-of", "gisteren"], ["--by-date", "sitting"], ["--status", "late"]):
        bad = CliRunner().invoke(app, ["commitments", str(run), *option])
        assert bad.exit_code == 2 and "Traceback" not in bad.output and len(bad.output.strip().splitlines()) == 1, bad.output
