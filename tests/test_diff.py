"""`kst diff`: spans added, removed, moved and changed between two runs, per label and rule."""

import copy
import json

from typer.testing import CliRunner

from fixtures_review import records
from pipeline.cli import app
from pipeline.review.diff import context, diff_runs, format_diff

runner = CliRunner()


def _after() -> list:
    after = copy.deepcopy(records())
    letter = after[0]
    spans = letter["spans"]
    # removed: the first date; boundary: the theme now includes "rijksbrede aanpak van"? no: narrower
    spans[:] = [s for s in spans if s["text"] != "25 september 2023"]
    theme = next(s for s in spans if s["text"] == "ongewenste buitenlandse inmenging")
    theme.update(start=theme["start"] + 11, text="buitenlandse inmenging")
    # changed value: the commitment's modality and actor
    commitment = next(s for s in spans if s["label"] == "COMMITMENT")
    commitment["attrs"] = dict(commitment["attrs"], actor=["kabinet"], modality="firm")
    # added: "superdiverse samenleving" as a theme
    start = letter["text"].index("superdiverse samenleving")
    spans.append({"start": start, "end": start + 24, "label": "POLICY_THEME", "text": "superdiverse samenleving",
                  "attrs": {"theme": "social_stability"}, "rule": "policy_theme.social_stability.new"})
    return after


def test_context_marks_the_span_with_a_few_words_around():
    text = records()[0]["text"]
    start = text.index("16 maart 2018")
    assert context(text, start, start + 13, words=3) == "… uw Kamer op [[16 maart 2018]] geïnformeerd over de …"


def test_diff_kinds_per_label_and_rule():
    report = diff_runs(records(), _after())
    kinds = {(c["kind"], c["label"], c["text"]) for c in report["changes"]}
    assert kinds == {("removed", "DATE", "25 september 2023"),
                     ("boundary", "POLICY_THEME", "buitenlandse inmenging"),
                     ("changed", "COMMITMENT", records()[0]["spans"][4]["text"]),
                     ("added", "POLICY_THEME", "superdiverse samenleving")}
    assert report["per_label"]["POLICY_THEME"] == {"added": 1, "removed": 0, "boundary": 1, "changed": 0}
    assert report["per_rule"]["date.dmy"]["removed"] == 1
    assert report["per_rule"]["policy_theme.social_stability.new"]["added"] == 1
    changed = next(c for c in report["changes"] if c["kind"] == "changed")
    assert changed["before"]["value"] == ["SZW"] and changed["after"]["value"] == ["kabinet"]
    boundary = next(c for c in report["changes"] if c["kind"] == "boundary")
    assert boundary["before_text"] == "ongewenste buitenlandse inmenging"
    text = format_diff(report)
    assert "~ changed  kst-30821-200 [commitment.inzetten] [\"SZW\"] → [\"kabinet\"]" in text
    assert "[[25 september 2023]]" in text
    assert diff_runs(records(), records())["changes"] == []


def test_diff_only_selected_labels_and_documents_on_one_side():
    after = _after()[:1] + [dict(records()[1], id="other")]
    report = diff_runs(records(), after, labels={"DATE"})
    assert {c["label"] for c in report["changes"]} == {"DATE"}
    assert report["documents"]["only_a"] == ["ah-tk-20232024-1433"] and report["documents"]["only_b"] == ["other"]


def test_cli_diff_json(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records()), encoding="utf-8")
    b.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _after()), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(a), str(b), "--json", str(tmp_path / "d.json")])
    assert result.exit_code == 0, result.output
    assert "POLICY_THEME" in result.output and "+added" in result.output
    data = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert len(data["changes"]) == 4 and data["spans"]["a"]["DATE"] == 4


def test_evaluate_reports_tp_fp_fn_per_rule():
    from pipeline.review.evaluate import format_errors, score

    gold = records()
    pred = _after()
    report = score(gold, pred)
    rules = report["per_rule"]
    assert rules["date.dmy"] == {"tp": 3, "fp": 0, "fn": 0}
    # the narrowed theme span: a false positive of its rule, and the gold span it overlapped is its miss
    assert rules["policy_theme.foreign_interference.buitenlandse_inmenging"] == {"tp": 0, "fp": 1, "fn": 1}
    assert rules["policy_theme.social_stability.new"]["fp"] == 1
    assert rules["(no rule) DATE"]["fn"] == 1
    table = format_errors(report).splitlines()
    assert table[0].split() == ["rule", "TP", "FP", "FN"]
    assert any(line.split() == ["date.dmy", "3", "0", "0"] for line in table)
