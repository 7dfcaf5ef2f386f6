"""`kst themes suggest` (issue 14 item 6): candidate terms for each theme from a run, counts and
an example sentence each, and a proposed edit of the taxonomy. Texts written for these tests."""

import json
import subprocess

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.review.themes_suggest import sentences, suggest

DOCS = [
    "Desinformatie verspreidt zich via trollenfabrieken. Het weer was goed. De trein reed op tijd.",
    "Wij zien desinformatie uit trollenfabrieken in het buitenland. De begroting is rond.",
    "Russische desinformatie komt vaak uit trollenfabrieken. Er zijn inmengingspogingen gezien.",
    "Statushouders werken aan hun re-integratie. De vergadering begon om negen uur.",
    "De gemeente betaalt de lantaarnpalen. De lantaarnpalen staan in de straat.",
]


@pytest.fixture(scope="module")
def run(nlp):
    from pipeline.run.annotate import annotate_doc

    return [dict(annotate_doc(nlp, text, {"date": "2024-01-01"}, doc_id=f"doc-{i}")) for i, text in enumerate(DOCS)]


@pytest.fixture(scope="module")
def result(nlp, run):
    table = nlp.get_pipe("lemmatizer").table
    return suggest(run, nlp.get_pipe("kst_policy_theme").matcher, lambda w: table.get(w, w), top=5,
                   stopwords=frozenset({"vergadering"}))


def _words(result, theme, kind):
    return {c.word: c for c in result[theme] if c.kind == kind}


def test_words_sharing_a_stem_are_proposed(result):
    stems = _words(result, "foreign_interference", "stem")
    assert "inmengingspogingen" in stems and stems["inmengingspogingen"].count == 1
    assert stems["inmengingspogingen"].example == "Er zijn inmengingspogingen gezien."
    assert "re-integratie" in _words(result, "integration", "stem")  # a false friend a reader deletes


def test_cooccurring_words_are_proposed_with_count_and_example(result):
    co = _words(result, "disinformation", "cooccurrence")
    assert "trollenfabrieken" in co
    candidate = co["trollenfabrieken"]
    assert candidate.count == 3 and candidate.doc_id == "doc-0"
    assert candidate.example == "Desinformatie verspreidt zich via trollenfabrieken."


def test_what_the_taxonomy_takes_and_what_is_everywhere_is_not_proposed(result):
    words = {c.word for cs in result.values() for c in cs}
    assert "desinformatie" not in words       # a term already
    assert "lantaarnpalen" not in words       # never near a theme
    assert "begroting" not in words           # one theme sentence only (min_count 2)


def test_sentences_split_at_stops_and_blank_lines():
    text = "Eerste zin. Tweede zin!\n\nKop\nDerde"
    assert [text[a:b] for a, b in sentences(text)] == ["Eerste zin.", "Tweede zin!", "Kop\nDerde"]


def test_cli_lists_candidates_and_writes_a_patch_that_applies(run, tmp_path):
    path = tmp_path / "run.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in run), encoding="utf-8")
    patch = tmp_path / "themes.patch"
    result = CliRunner().invoke(app, ["themes", "suggest", str(path), "--top", "3", "--patch", str(patch)])
    assert result.exit_code == 0, result.output
    assert "trollenfabrieken" in result.output and "inmengingspogingen" in result.output
    text = patch.read_text(encoding="utf-8")
    assert text.startswith("# kst themes suggest: proposed taxonomy terms from a corpus. NOT applied.")
    assert "+      - id: policy_theme.disinformation.suggest_trollenfabrieken\n+        phrase: 'trollenfabrieken'" in text
    from pipeline.run.assemble import DEFAULT_CONFIGS

    check = subprocess.run(["git", "apply", "--check", str(patch)], cwd=DEFAULT_CONFIGS.parent,
                           capture_output=True, text=True)
    if check.returncode and "not a git repository" in check.stderr:
        pytest.skip("git apply needs a git checkout")
    assert check.returncode == 0, check.stderr


def test_cli_user_mistake_exits_2(tmp_path):
    result = CliRunner().invoke(app, ["themes", "suggest", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 2


def test_a_prefix_before_the_stem_is_another_word(nlp):
    from pipeline.run.annotate import annotate_doc

    texts = ["Er zijn spanningen in de samenleving. De inspanning van gemeenten is groot; spanningsbronnen blijven."]
    records = [dict(annotate_doc(nlp, t, {"date": "2024-01-01"}, doc_id="d")) for t in texts]
    table = nlp.get_pipe("lemmatizer").table
    matcher = nlp.get_pipe("kst_policy_theme").matcher
    without = {c.word for c in suggest(records, matcher, lambda w: table.get(w, w))["social_tension"] if c.kind == "stem"}
    assert "inspanning" in without
    with_prefixes = suggest(records, matcher, lambda w: table.get(w, w), prefixes=("in",))["social_tension"]
    assert {c.word for c in with_prefixes if c.kind == "stem"} == without - {"inspanning"}
