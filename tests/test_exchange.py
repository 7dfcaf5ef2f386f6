"""Export to and import from Prodigy, Label Studio and doccano: lossless round trips with Dutch
diacritics, line breaks and overlapping spans; reviewed answers; offsets that slipped."""

import copy
import json
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from fixtures_review import ANSWER, LETTER, records
from pipeline.cli import app
from pipeline.run.assemble import DEFAULT_CONFIGS
from pipeline.review.exchange import FORMATS, export_run, import_file
from pipeline.review.exchange.common import locate_span
from pipeline.review.exchange.labelstudio import FROM_NAME, TO_NAME
from pipeline.common.spans import LABELS

runner = CliRunner()


def test_fixture_has_overlaps_diacritics_and_newlines():
    letter = records()[0]
    assert "geïnformeerd" in letter["text"] and "\n" in letter["text"]
    commitment = next(s for s in letter["spans"] if s["label"] == "COMMITMENT")
    inside = [s for s in letter["spans"] if s is not commitment and commitment["start"] <= s["start"] < commitment["end"]]
    assert {s["label"] for s in inside} == {"MINISTRY", "POLICY_THEME"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_is_lossless(tmp_path, fmt):
    original = records()
    out = tmp_path / f"export.{fmt}"
    summary = export_run(copy.deepcopy(original), fmt, out)
    assert summary["records"] == 2 and summary["spans"] == sum(len(r["spans"]) for r in original)
    result = import_file(out, fmt)
    assert result.problems == []
    assert result.records == original


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_of_gold_records(tmp_path, fmt, gold_records):
    out = tmp_path / "gold.export"
    export_run(copy.deepcopy(gold_records), fmt, out)
    result = import_file(out, fmt)
    assert result.problems == [] and result.records == gold_records


# --- Prodigy ---------------------------------------------------------------------------------------

def _prodigy_tasks(tmp_path):
    out = tmp_path / "tasks.jsonl"
    export_run(records(), "prodigy", out)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_prodigy_tasks_have_tokens_and_inclusive_token_end(tmp_path):
    task = _prodigy_tasks(tmp_path)[0]
    assert set(task) == {"text", "tokens", "spans", "meta"}
    assert task["meta"]["id"] == "kst-30821-200"
    tokens = task["tokens"]
    assert [t["id"] for t in tokens] == list(range(len(tokens)))
    ministry = next(s for s in task["spans"] if s["label"] == "MINISTRY")
    assert tokens[ministry["token_start"]]["text"] == "Ministers"
    assert tokens[ministry["token_end"]]["text"] == "Koninkrijksrelaties"        # inclusive
    assert tokens[ministry["token_end"]]["end"] == ministry["end"]
    assert {"start", "end", "token_start", "token_end", "label"} == set(ministry)
    # our attrs and rules travel in meta, not in the spans Prodigy edits
    assert task["meta"]["kst_spans"][1]["attrs"] == {"ministries": ["JenV", "BZK"], "role": "minister"}


def test_prodigy_accept_with_corrections(tmp_path):
    tasks = _prodigy_tasks(tmp_path)
    task = tasks[0]
    # the reviewer removes the first DATE, and adds "superdiverse samenleving" as a theme
    task["spans"] = [s for s in task["spans"] if not (s["label"] == "DATE" and s["start"] == 10)]
    start = LETTER.index("superdiverse samenleving")
    task["spans"].append({"start": start, "end": start + 24, "token_start": 0, "token_end": 0, "label": "POLICY_THEME"})
    task["answer"] = "accept"
    tasks[1]["answer"] = "reject"
    path = tmp_path / "reviewed.jsonl"
    path.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in tasks), encoding="utf-8")

    result = import_file(path, "prodigy")
    assert [r["id"] for r in result.records] == ["kst-30821-200"]
    assert result.left_out == ["ah-tk-20232024-1433"]
    assert result.answers == {"accept": 1, "reject": 1}
    record = result.records[0]
    assert record["meta"]["review"] == {"tool": "prodigy", "answer": "accept"}
    assert "25 september 2023" not in [s["text"] for s in record["spans"]]
    added = next(s for s in record["spans"] if s["text"] == "superdiverse samenleving")
    assert added["rule"] == "review.prodigy" and added["attrs"] == {}
    kept = next(s for s in record["spans"] if s["label"] == "DOSSIER_REF")
    assert kept["attrs"]["refs"][0]["url"].endswith("kst-30821-180.html") and kept["rule"] == "kamerstuk.full"

    kept_all = import_file(path, "prodigy", keep_rejected=True)
    assert kept_all.records[1]["meta"]["review"]["answer"] == "reject"


def test_prodigy_span_outside_text_is_reported_with_line(tmp_path):
    tasks = _prodigy_tasks(tmp_path)
    tasks[1]["spans"].append({"start": 5000, "end": 5004, "label": "DATE", "token_start": 0, "token_end": 0})
    tasks[1]["spans"].append({"start": 0, "end": 8, "label": "PERSON", "token_start": 0, "token_end": 1})
    path = tmp_path / "bad.jsonl"
    path.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in tasks), encoding="utf-8")
    result = import_file(path, "prodigy")
    problems = [str(p) for p in result.problems]
    assert any("bad.jsonl:line 2 [ah-tk-20232024-1433] span 5000:5004 DATE" in p and "dropped" in p for p in problems)
    assert any("unknown label 'PERSON'" in p for p in problems)
    assert result.dropped_spans == 2
    assert len(result.records[1]["spans"]) == len(records()[1]["spans"])


# --- Label Studio ----------------------------------------------------------------------------------

def test_labelstudio_config_matches_the_export(tmp_path):
    root = ET.parse(DEFAULT_CONFIGS / "labelstudio.xml").getroot()
    labels = root.find("Labels")
    text = root.find("Text")
    assert labels.get("name") == FROM_NAME and labels.get("toName") == TO_NAME == text.get("name")
    assert text.get("value") == "$text"
    assert [l.get("value") for l in labels.findall("Label")] == list(LABELS)
    out = tmp_path / "ls.json"
    export_run(records(), "labelstudio", out)
    tasks = json.loads(out.read_text(encoding="utf-8"))
    result = tasks[0]["predictions"][0]["result"]
    assert {(r["from_name"], r["to_name"], r["type"]) for r in result} == {(FROM_NAME, TO_NAME, "labels")}
    assert result[0]["value"] == {"start": 10, "end": 27, "text": "25 september 2023", "labels": ["DATE"]}


def _utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def test_labelstudio_annotations_and_slipped_offsets_are_repaired(tmp_path):
    out = tmp_path / "ls.json"
    export_run(records(), "labelstudio", out)
    tasks = json.loads(out.read_text(encoding="utf-8"))
    # task 2 was annotated: the text has \r\n and ends with an emoji; the reviewer added a span
    # after the emoji (UTF-16 offsets), and Label Studio counted \r\n as one character
    text = ANSWER + " Zie Kamerstuk 36 410 XIV, nr. 9."
    tasks[1]["data"]["text"] = text
    ref = "Kamerstuk 36 410 XIV, nr. 9"
    start = text.index(ref)
    crlf_start = text.replace("\r\n", "\n").index("15 februari 2024")
    tasks[1]["annotations"] = [
        {"was_cancelled": False, "result": [
            {"from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": crlf_start, "end": crlf_start + 16, "text": "15 februari 2024", "labels": ["DATE"]}},
            {"from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": _utf16(text, start) + 1, "end": _utf16(text, start + len(ref)) + 1, "text": ref,
                       "labels": ["DOSSIER_REF"]}},
            {"from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 3, "end": 9, "text": "nergens", "labels": ["DATE"]}},
        ]}]
    # task 1 was skipped
    tasks[0]["annotations"] = [{"was_cancelled": True, "result": []}]
    path = tmp_path / "reviewed.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")

    result = import_file(path, "labelstudio")
    assert result.left_out == ["kst-30821-200"] and result.answers == {"ignore": 1, "accept": 1}
    record = result.records[0]
    assert [(s["label"], s["text"]) for s in record["spans"]] == [("DATE", "15 februari 2024"), ("DOSSIER_REF", ref)]
    assert record["spans"][0]["rule"] == "date.dmy"               # same offsets after repair: attrs come back
    assert record["spans"][1]["rule"] == "review.labelstudio"
    messages = {p.message: p for p in result.problems}
    assert any("\\r\\n" in m and p.repaired for m, p in messages.items())
    assert any(("UTF-16" in m or "found" in m) and p.repaired for m, p in messages.items())
    lost = [p for p in result.problems if not p.repaired]
    assert len(lost) == 1 and lost[0].where.startswith("task 2") and "'nergens'" in lost[0].span


def test_locate_span_reads_utf16_offsets_after_an_emoji():
    text = "👍 Dat klopt. De Minister van Financiën"
    start = text.index("Minister")
    found = locate_span(text, start + 1, start + 1 + len("Minister van Financiën"), "Minister van Financiën")
    assert found == (start, start + len("Minister van Financiën"), "UTF-16 offsets (emoji before the span)")
    assert locate_span(text, start, start + 8, "Minister") == (start, start + 8, "")
    assert locate_span(text, 0, 500, "Minister") is not None          # found nearby
    assert locate_span(text, 0, 500, "Staatssecretaris") is None


def test_labelstudio_json_min_export_is_read(tmp_path):
    path = tmp_path / "min.json"
    path.write_text(json.dumps([{"id": 7, "text": LETTER, "kst_id": "kst-30821-200",
                                 "label": [{"start": 10, "end": 27, "text": "25 september 2023", "labels": ["DATE"]}]}]),
                    encoding="utf-8")
    result = import_file(path, "labelstudio")
    assert result.records[0]["id"] == "kst-30821-200"
    assert [s["text"] for s in result.records[0]["spans"]] == ["25 september 2023"]


# --- doccano ---------------------------------------------------------------------------------------

def test_doccano_entities_form_and_bad_offsets(tmp_path):
    start = LETTER.index("ongewenste buitenlandse inmenging")
    lines = [
        {"id": 1, "text": LETTER, "kst_id": "kst-30821-200",
         "entities": [{"id": 1, "label": "POLICY_THEME", "start_offset": start, "end_offset": start + 33}], "relations": []},
        {"id": 2, "text": "Vraag 1\nKunt u bevestigen dat de Kamer een motie heeft aangenomen?",
         "label": [[0, 300, "DATE"]]},
    ]
    path = tmp_path / "doccano.jsonl"
    path.write_text("".join(json.dumps(l, ensure_ascii=False) + "\n" for l in lines), encoding="utf-8")
    result = import_file(path, "doccano")
    assert result.records[0]["spans"][0]["text"] == "ongewenste buitenlandse inmenging"
    assert result.records[0]["spans"][0]["rule"] == "review.doccano"
    assert result.records[1]["id"] == "doccano-2" and result.records[1]["spans"] == []
    assert any(p.where == "line 2" and p.span.startswith("0:300 DATE") and not p.repaired for p in result.problems)


# --- CLI -------------------------------------------------------------------------------------------

def test_cli_export_import(tmp_path):
    run = tmp_path / "run.jsonl"
    run.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records()), encoding="utf-8")
    out = tmp_path / "ls.json"
    result = runner.invoke(app, ["export", str(run), "--to", "labelstudio", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["export", str(run), "--to", "labelstudio", "--out", str(out)]).exit_code == 2
    assert runner.invoke(app, ["export", str(run), "--to", "brat", "--out", str(tmp_path / "x")]).exit_code == 2
    back = tmp_path / "back.jsonl"
    result = runner.invoke(app, ["import", str(out), "--from", "labelstudio", "--out", str(back)])
    assert result.exit_code == 0, result.output
    assert [json.loads(l) for l in back.read_text(encoding="utf-8").splitlines()] == records()


def test_cli_import_exit_code_1_when_spans_were_dropped(tmp_path):
    path = tmp_path / "doccano.jsonl"
    path.write_text(json.dumps({"text": "Op 6 april jl. is uw Kamer geïnformeerd.", "label": [[3, 99, "DATE"]]}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(path), "--from", "doccano", "--out", str(tmp_path / "o.jsonl"),
                                 "--problems", str(tmp_path / "p.jsonl")])
    assert result.exit_code == 1
    problems = [json.loads(l) for l in (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()]
    dropped = [p for p in problems if not p["repaired"]]
    assert len(dropped) == 1 and dropped[0]["where"] == "line 1" and dropped[0]["span"].startswith("3:99 DATE")


# --- kst: the corrections downloaded from the review report ---------------------------------------

def _corrections(record: dict) -> dict:
    """What the report's download holds for a document: the record less a rejected span, with an
    edited attribute and a drawn span, meta.review from the browser."""
    record = copy.deepcopy(record)
    rejected = next(s for s in record["spans"] if s["label"] == "DATE")
    record["spans"].remove(rejected)
    commitment = next(s for s in record["spans"] if s["label"] == "COMMITMENT")
    commitment["attrs"]["deadline"], commitment["review"] = "2024-SU", "edited"
    start = record["text"].index("superdiverse samenleving")
    record["spans"].append({"start": start, "end": start + 24, "label": "POLICY_THEME", "text": "superdiverse samenleving",
                            "attrs": {"theme": "inclusion"}, "rule": "review.kst", "review": "added", "note": "mist"})
    record["meta"]["review"] = {"tool": "kst", "answer": "accept", "run": "corpus.jsonl", "config_hash": "c0ffee",
                                "rejected": [{"start": rejected["start"], "end": rejected["end"], "label": "DATE",
                                              "text": rejected["text"], "rule": rejected["rule"], "note": None}]}
    return record


def test_kst_corrections_import(tmp_path):
    path = tmp_path / "kst-corrections-corpus.jsonl"
    path.write_text(json.dumps(_corrections(records()[0]), ensure_ascii=False) + "\n", encoding="utf-8")
    result = import_file(path, "kst")
    assert result.problems == [] and result.answers == {"accept": 1}
    record = result.records[0]
    review = record["meta"]["review"]
    assert review["tool"] == "kst" and review["config_hash"] == "c0ffee" and review["rejected"][0]["label"] == "DATE"
    drawn = next(s for s in record["spans"] if s["rule"] == "review.kst")
    assert record["text"][drawn["start"]:drawn["end"]] == "superdiverse samenleving" and drawn["note"] == "mist"
    assert [s["start"] for s in record["spans"]] == sorted(s["start"] for s in record["spans"])
    # a file of the report is recognised as such
    wrong = runner.invoke(app, ["import", str(path), "--from", "prodigy", "--out", str(tmp_path / "x.jsonl")])
    assert wrong.exit_code == 2 and "--from kst" in wrong.output


def test_kst_import_checks_every_span(tmp_path):
    record = _corrections(records()[0])
    drawn = record["spans"][-1]
    drawn["start"] += 3            # slipped: found again by its text
    drawn["end"] += 3
    record["spans"].append({"start": 0, "end": 5, "label": "DATE", "text": "nergens", "attrs": {}, "rule": "review.kst"})
    record["spans"].append({"start": 0, "end": 3, "label": "PERSON", "text": "Den", "attrs": {}, "rule": "review.kst"})
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    done = runner.invoke(app, ["import", str(path), "--from", "kst", "--out", str(tmp_path / "r.jsonl")])
    assert done.exit_code == 1, done.output                                  # two spans dropped
    assert "c.jsonl:line 1 [kst-30821-200] span 0:5 DATE 'nergens'" in done.output
    assert "unknown label 'PERSON'" in done.output and "(repaired)" in done.output
    out = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(s["text"] == "superdiverse samenleving" and LETTER[s["start"]:s["end"]] == s["text"] for s in out[0]["spans"])
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "t", "meta": {"review": {"tool": "kst"}}}\n', encoding="utf-8")
    done = runner.invoke(app, ["import", str(bad), "--from", "kst", "--out", str(tmp_path / "b.jsonl")])
    assert done.exit_code == 2 and "bad.jsonl:1" in done.output and "Traceback" not in done.output
