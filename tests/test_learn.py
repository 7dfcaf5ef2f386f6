"""`kst learn`: reviewed corrections become a patch against configs/ that, once applied and
built, changes what the pipeline finds; it is never applied by learn itself."""

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fixtures_review import records
from pipeline.run.annotate import annotate_doc
from pipeline.cli import app
from pipeline.run.assemble import DEFAULT_CONFIGS, assemble
from pipeline.review.learn import compare, learn, literal_regex, render_patch

runner = CliRunner()

TEXTS = {
    "a": "Het kabinet zet in op de dialoog met gemeenschappen. Ik zal uw Kamer voor de zomer van 2024 informeren "
         "over de maatschappelijke onrust in wijken.",
    "b": "Zie Kamerstuk 30 821, nr. 180 en de brief van de Minister van Financiën.",
    "c": "Wij blijven in dialoog met de gemeenten over polarisatie.",
}


def _apply(patch: Path, folder: Path) -> None:
    git = shutil.which("git")
    if git:
        done = subprocess.run([git, "apply", str(patch)], cwd=folder, capture_output=True, text=True)
    else:
        done = subprocess.run(["patch", "-p1", "-i", str(patch)], cwd=folder, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _annotate(nlp, texts=TEXTS) -> list:
    return [dict(annotate_doc(nlp, text, {"date": "2023-09-25"}, doc_id=i)) for i, text in texts.items()]


def _found(records_, doc_id) -> set:
    return {(s["label"], s["text"]) for r in records_ if r["id"] == doc_id for s in r["spans"]}


def test_learn_end_to_end(tmp_path):
    shutil.copytree(DEFAULT_CONFIGS, tmp_path / "configs")
    configs = tmp_path / "configs"
    before_files = {p: p.read_bytes() for p in configs.rglob("*") if p.is_file()}
    base = _annotate(assemble(configs))
    assert ("POLICY_THEME", "dialoog") in _found(base, "a") and ("POLICY_THEME", "dialoog") in _found(base, "c")
    assert ("POLICY_THEME", "maatschappelijke onrust") not in _found(base, "a")
    assert ("DOSSIER_REF", "Kamerstuk 30 821, nr. 180") in _found(base, "b")

    # the review: "dialoog" in a is no theme (in c it is), "maatschappelijke onrust" is social_tension,
    # a's first sentence is no commitment, the reference in b is rejected
    reviewed = copy.deepcopy(base)
    a, b, _ = reviewed
    start = a["text"].index("maatschappelijke onrust")
    a["spans"] = [s for s in a["spans"] if s["text"] != "dialoog" and not s["text"].startswith("Het kabinet zet in")]
    a["spans"].append({"start": start, "end": start + 23, "label": "POLICY_THEME", "text": "maatschappelijke onrust",
                       "attrs": {"theme": "social_tension"}, "rule": "review.prodigy"})
    b["spans"] = [s for s in b["spans"] if s["label"] != "DOSSIER_REF"]

    result = learn(reviewed, base, configs)
    assert {p: p.read_bytes() for p in configs.rglob("*") if p.is_file()} == before_files     # nothing applied
    patch = tmp_path / "learn.patch"
    patch.write_text(render_patch(result), encoding="utf-8")
    assert set(result.files) == {"configs/policy_theme/taxonomy.yml", "configs/commitment/cues.yml",
                                 "configs/dossier_ref/patterns.yml"}
    text = patch.read_text(encoding="utf-8")
    assert "+        phrase: 'maatschappelijke onrust'" in text
    assert r"regex: '(?<![\w])de\s+dialoog(?![\w])'" in text          # widened: "dialoog" is kept in c

    _apply(patch, tmp_path)
    after = _annotate(assemble(configs))
    assert ("POLICY_THEME", "maatschappelijke onrust") in _found(after, "a")
    assert next(s for s in after[0]["spans"] if s["text"] == "maatschappelijke onrust")["attrs"]["theme"] == "social_tension"
    assert ("POLICY_THEME", "dialoog") not in _found(after, "a")
    assert ("POLICY_THEME", "dialoog") in _found(after, "c")
    assert not any(s["label"] == "COMMITMENT" and s["text"].startswith("Het kabinet zet in") for s in after[0]["spans"])
    assert ("DOSSIER_REF", "Kamerstuk 30 821, nr. 180") not in _found(after, "b")
    assert learn(reviewed, after, configs).patch == ""                 # nothing left to learn


# --- the edits on a small rule folder of our own --------------------------------------------------

TAXONOMY = """\
# a comment that must survive
themes:
  - id: resilience
    label: weerbaarheid
    terms:
      - id: policy_theme.resilience.weerbaar
        phrase: '*weerbaar*'
    exclusions: []

  - id: dialogue
    label: dialoog
    terms:
      - id: policy_theme.dialogue.dialoog
        phrase: dialoog
    exclusions:
      - id: policy_theme.dialogue.exclude_software
        regex: 'dialoogvenster'
"""

GAZETTEER = """\
ministries:
  - id: financien
    code: FIN
    names: [Financiën]
    abbreviations: [FIN]
"""


@pytest.fixture
def mini(tmp_path):
    configs = tmp_path / "configs"
    (configs / "policy_theme").mkdir(parents=True)
    (configs / "ministry").mkdir()
    (configs / "policy_theme" / "taxonomy.yml").write_text(TAXONOMY, encoding="utf-8")
    (configs / "ministry" / "gazetteer.yml").write_text(GAZETTEER, encoding="utf-8")
    return configs


def _record(doc_id, text, spans):
    return {"id": doc_id, "text": text, "meta": {}, "spans": spans}


def _span(text, phrase, label, attrs, rule="r"):
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase), "label": label, "text": phrase, "attrs": attrs, "rule": rule}


def test_edits_keep_layout_and_parse(mini, tmp_path):
    t1 = "De veerkracht van de samenleving en de Minister van Financiën en het Ministerie van Financien."
    t2 = "Zij toonden veerkracht tijdens de crisis."
    base = [_record("1", t1, [_span(t1, "Minister van Financiën", "MINISTRY", {"ministries": ["FIN"]})]),
            _record("2", t2, [_span(t2, "veerkracht", "POLICY_THEME", {"theme": "resilience"})])]
    reviewed = copy.deepcopy(base)
    reviewed[0]["spans"] = [_span(t1, "veerkracht", "POLICY_THEME", {"theme": "resilience"}),
                            _span(t1, "Ministerie van Financien", "MINISTRY", {"ministries": ["FIN"]})]
    reviewed[1]["spans"] = []
    result = learn(reviewed, base, mini)
    patch = result.patch
    assert result.files == ["configs/ministry/exceptions.txt", "configs/ministry/gazetteer.yml",
                            "configs/policy_theme/taxonomy.yml"]
    assert "-    names: [Financiën]\n+    names: [Financiën, Financien]" in patch
    assert "-    exclusions: []\n" in patch and "+    exclusions:\n+      - id: policy_theme.resilience.exclude_review_" in patch
    # "veerkracht" is kept in document 1, so the exclusion takes the word before it
    assert r"regex: '(?<![\w])toonden\s+veerkracht(?![\w])'" in patch
    assert "+Minister van Financiën\n" in patch
    # a term already in the taxonomy is reported, not added again
    assert any("already has the phrase" in p.what or "add term" in p.what for p in result.proposals)
    assert "new file mode 100644\n--- /dev/null\n+++ b/configs/ministry/exceptions.txt" in patch
    (tmp_path / "p.patch").write_text(render_patch(result), encoding="utf-8")
    _apply(tmp_path / "p.patch", tmp_path)
    new = (mini / "policy_theme" / "taxonomy.yml").read_text(encoding="utf-8")
    assert new.startswith("# a comment that must survive\n")
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(new)
    assert [t["phrase"] for t in data["themes"][0]["terms"]] == ["*weerbaar*", "veerkracht"]
    assert len(data["themes"][0]["exclusions"]) == 1


def test_conflicts_boundaries_and_values_are_reported_not_edited(mini):
    t = "De dialoog met de gemeenten. De dialoog met de gemeenten gaat door."
    first = {"start": 3, "end": 10, "label": "POLICY_THEME", "text": "dialoog", "attrs": {"theme": "dialogue"}, "rule": "r"}
    second = dict(first, start=32, end=39)
    base = [_record("1", t, [first, second])]
    reviewed = [_record("1", t, [second])]                          # same words, same context: kept and rejected
    result = learn(reviewed, base, mini)
    assert result.patch == "" and "fix the rule by hand" in result.proposals[0].what

    findings, _ = compare([_record("1", t, [dict(first, end=14, text="dialoog met")])], base)
    assert [f.kind for f in findings] == ["boundary", "rejected"]
    findings, _ = compare([_record("1", t, [dict(first, attrs={"theme": "resilience"}), second])], base)
    assert [f.kind for f in findings] == ["value"]


def test_rejected_and_ignored_records_teach_nothing(mini):
    t = "Ook de dialoog."
    base = [_record("1", t, [_span(t, "dialoog", "POLICY_THEME", {"theme": "dialogue"})])]
    reviewed = [dict(_record("1", t, []), meta={"review": {"tool": "prodigy", "answer": "reject"}})]
    assert compare(reviewed, base)[0] == []


def test_literal_regex():
    assert literal_regex("Kamerstuk 30 821,\nnr. 180") == r"(?<![\w])Kamerstuk\s+30\s+821,\s+nr\.\s+180(?![\w])"


def test_cli_learn_writes_the_patch_only(mini, tmp_path):
    base, reviewed = tmp_path / "base.jsonl", tmp_path / "reviewed.jsonl"
    original = records()
    changed = copy.deepcopy(original)
    changed[0]["spans"] = [s for s in changed[0]["spans"] if s["text"] != "sociale stabiliteit"]
    base.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in original), encoding="utf-8")
    reviewed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in changed), encoding="utf-8")
    out = tmp_path / "out" / "learn.patch"
    before = (mini / "policy_theme" / "taxonomy.yml").read_text(encoding="utf-8")
    result = runner.invoke(app, ["learn", str(reviewed), "--base", str(base), "--out", str(out), "--configs", str(mini),
                                 "--json", str(tmp_path / "learn.json")])
    assert result.exit_code == 0, result.output
    assert "Not applied" in result.output
    text = out.read_text(encoding="utf-8")
    # social_stability is not in the mini taxonomy: the text goes to an exceptions list instead
    assert text.startswith("# kst learn:") and "+++ b/configs/policy_theme/exceptions.txt" in text
    assert (mini / "policy_theme" / "taxonomy.yml").read_text(encoding="utf-8") == before
    data = json.loads((tmp_path / "learn.json").read_text(encoding="utf-8"))
    assert data["proposals"][0]["kind"] == "rejected" and data["proposals"][0]["text"] == "sociale stabiliteit"
