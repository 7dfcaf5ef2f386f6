"""What a spaCy user gets from the pipeline: doc.spans["kst"] and one group per label, span._.kst,
doc._.kst_meta, displaCy, DocBin and nlp.pipe(n_process=2); and the JSONL record read from them."""

import json
import subprocess
import sys
from pathlib import Path

from pipeline.run.annotate import annotate_doc, doc_record
from pipeline.run.assemble import save
from pipeline.common.spans import LABELS, SPANS_KEY, make_span, record_spans, set_span_groups

ROOT = Path(__file__).resolve().parent.parent
LETTER = ("Den Haag, 25 september 2023\n\nDe Minister van Sociale Zaken en Werkgelegenheid zal uw Kamer voor "
          "de zomer van 2024 informeren over de aanpak van buitenlandse inmenging (Kamerstuk 30821, nr. 180). "
          "De vaste commissie voor Binnenlandse Zaken heeft hierom gevraagd.")
# "12-10-2023).[3" is one token; the DATE is its first ten characters
ANSWER = "Vragen van het lid Van Dijk aan de Minister van Justitie en Veiligheid (ingezonden 12-10-2023).[3] Zie ook hieronder."


def dumped(record) -> str:
    return json.dumps(record, ensure_ascii=False)


def test_span_groups_hold_every_span_of_the_record(nlp):
    doc = nlp(LETTER)
    record = annotate_doc(nlp, LETTER, {})
    assert dumped(doc_record(doc)) == dumped(record)
    assert [(s.start_char, s.end_char, s.label_) for s in doc.spans[SPANS_KEY]] == \
        [(s["start"], s["end"], s["label"]) for s in record.spans]
    assert {"DATE", "COMMITMENT", "MINISTRY", "COMMITTEE", "POLICY_THEME", "DOSSIER_REF"} <= \
        {s.label_ for s in doc.spans[SPANS_KEY]}
    for label in LABELS:
        assert list(doc.spans[f"kst.{label}"]) == [s for s in doc.spans[SPANS_KEY] if s.label_ == label]
    ref = doc.spans["kst.DOSSIER_REF"][0]
    assert ref.text == "Kamerstuk 30821, nr. 180" and ref.id_ == ref._.kst["rule"] == "kamerstuk.full"
    assert ref._.kst["attrs"]["refs"][0]["id"] == "kst-30821-180"
    assert [s._.kst["attrs"]["value"] for s in doc.spans["kst.DATE"]] == ["2023-09-25", "2024-SU"]
    assert doc._.kst_meta["date"] == "2023-09-25"
    assert doc._.kst_spans is None  # the working list is gone: doc.spans is the one place


def test_span_off_token_boundaries_covers_its_tokens_and_says_so(nlp):
    doc = nlp(ANSWER)
    (date,) = doc.spans["kst.DATE"]
    start = ANSWER.index("12-10-2023")
    assert date.text == "12-10-2023).[3"
    assert date._.kst == {"attrs": date._.kst["attrs"], "rule": "date.numeric", "start_char": start,
                          "end_char": start + 10, "token_aligned": False}
    assert date._.kst["attrs"]["value"] == "2023-10-12"
    assert "token_aligned" not in doc.spans["kst.MINISTRY"][0]._.kst
    span = next(s for s in doc_record(doc).spans if s["label"] == "DATE")
    assert (span["start"], span["end"], span["text"]) == (start, start + 10, "12-10-2023")


def test_two_spans_on_the_same_tokens_keep_their_own_data(nlp):
    text = "In de jaren 2023-2024 daalde het aantal."
    doc = nlp.make_doc(text)
    first, second = text.index("2023"), text.index("2024")
    spans = [make_span(text, second, second + 4, "DATE", {"value": "2024"}, "date.year"),
             make_span(text, first, first + 4, "DATE", {"value": "2023"}, "date.year")]
    set_span_groups(doc, spans)
    assert [s.text for s in doc.spans[SPANS_KEY]] == ["2023-2024", "2023-2024"]
    assert [s.id_ for s in doc.spans[SPANS_KEY]] == ["date.year", "date.year#2"]
    assert [s._.kst["attrs"]["value"] for s in doc.spans[SPANS_KEY]] == ["2023", "2024"]
    assert record_spans(doc, text) == sorted(spans, key=lambda s: s["start"])


# A fresh interpreter, as a user has it: spacy.load finds the factories through the entry points.
USAGE = r"""
import json, sys
import spacy
from spacy import displacy
from spacy.tokens import DocBin
from pipeline.run.annotate import doc_record

nlp = spacy.load(sys.argv[1])
texts = json.loads(sys.stdin.read())
docs = list(nlp.pipe(texts))
two = list(nlp.pipe(texts, n_process=2, batch_size=2))
store = DocBin(store_user_data=True, docs=docs).to_bytes()
loaded = list(DocBin().from_bytes(store).get_docs(spacy.blank("nl").vocab))
doc = docs[0]
print(json.dumps({
    "records": [doc_record(d) for d in docs],
    "two_processes": [doc_record(d) for d in two],
    "docbin": [doc_record(d) for d in loaded],
    "docbin_kst": [[s._.kst for s in d.spans["kst"]] for d in loaded],
    "kst": [s._.kst for s in doc.spans["kst"]],
    "groups": sorted(doc.spans),
    "dates": [[s.text, s.id_, s._.kst["attrs"]["value"]] for s in doc.spans["kst.DATE"]],
    "meta_date": doc._.kst_meta["date"],
    "html": displacy.render(doc, style="span", options={"spans_key": "kst"}),
}, ensure_ascii=False))
"""


def test_spacy_usage_in_a_fresh_process(nlp, tmp_path):
    model = tmp_path / "model"
    save(nlp, model)
    letters = sorted((ROOT / "corpus" / "letters").glob("*.txt"))
    texts = [LETTER, ANSWER + " <b>Vet</b>"] + [path.read_text(encoding="utf-8") for path in letters]
    result = subprocess.run([sys.executable, "-c", USAGE, str(model)], input=json.dumps(texts), capture_output=True,
                            text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    expected = [json.loads(dumped(annotate_doc(nlp, text, {}))) for text in texts]
    assert out["records"] == expected
    assert out["two_processes"] == expected
    assert out["docbin"] == expected
    assert out["docbin_kst"][0] == out["kst"] and out["kst"][0]["rule"] == "date.dmy"
    assert out["groups"] == ["kst"] + sorted(f"kst.{label}" for label in LABELS)
    assert out["dates"] == [["25 september 2023", "date.dmy", "2023-09-25"], ["de zomer van 2024", "season", "2024-SU"]]
    assert out["meta_date"] == "2023-09-25"
    html = out["html"]
    assert "COMMITMENT" in html and "DOSSIER_REF" in html and "Sociale" in html
    assert sum(len(r["spans"]) for r in expected[2:]) > 50  # the bundled letters: real documents, many spans


def test_displacy_escapes_document_text(nlp):
    from spacy import displacy

    doc = nlp(ANSWER + " <script>alert(1)</script>")
    html = displacy.render(doc, style="span", options={"spans_key": "kst"})
    assert "DATE" in html and "<script" not in html and "&lt;/script" in html


def test_bench_reports_what_the_span_objects_cost(nlp, tmp_path):
    from pipeline.run.bench import RECORD_ROW, build_corpus, format_report, run_bench

    corpus = build_corpus([ROOT / "corpus"], docs=4)
    report = run_bench(nlp, tmp_path / "model", corpus, parallel=False, log=lambda line: None)
    rows = {row["name"]: row for row in report.components}
    assert "kst_span_groups" in rows and RECORD_ROW in rows
    parts = rows["kst_span_groups"]["seconds"] + rows[RECORD_ROW]["seconds"]
    assert abs(report.span_objects["seconds"] - parts) <= 0.002  # each rounded to milliseconds
    assert "Span objects (kst_span_groups + record from doc.spans)" in format_report(report)
