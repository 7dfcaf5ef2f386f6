"""Property-based fuzzing (issue 9): readers, the whole pipeline and each component, on hostile text.

Invariants checked on every generated input:
- readers yield `Document` or `ReadError` and never raise; what they yield is valid Unicode;
- the pipeline never raises (a component that raises is a bug even though the batch run
  would catch it), spans satisfy text[start:end] == span.text, spans of one label never
  overlap, records are JSON-serialisable and UTF-8 encodable;
- `run_annotate` always completes and writes valid JSONL;
- work grows linearly with input size (Python calls counted with sys.setprofile, not seconds);
- no regular expression the components hold backtracks catastrophically.

Budget: the hypothesis profile of tests/conftest.py ("ci" by default; HYPOTHESIS_PROFILE=long
for a soak run). Statistics: pytest tests/test_fuzz.py --hypothesis-show-statistics
"""

import io
import json
import os
import pickle
import queue
import re
import subprocess
import sys
import tempfile
import threading
import types
from pathlib import Path

import pytest
from hypothesis import given, note, strategies as st

from pipeline.run.annotate import annotate_doc
from pipeline.run.batch import run_annotate
from pipeline.io.readers.document import Document, ReadError
from pipeline.io.readers import read_inputs
from pipeline.common.spans import doc_meta, doc_spans, record_spans

# --- generators -----------------------------------------------------------------------------

DUTCH = [
    "Kamerstuk 30 821, nr. 180", "Kamerstukken II 2022/23, 36 200 XV, nr. 5", "6 april jl.",
    "Den Haag, 25 september 2023", "Minister van Sociale Zaken en Werkgelegenheid",
    "De Ministers van Justitie en Veiligheid en Binnenlandse Zaken en Koninkrijksrelaties",
    "Staatssecretaris van Financiën", "het Ministerie van BZK", "OCW en VWS",
    "ik zal uw Kamer informeren", "Ik zal uw Kamer voor de zomer van 2024 informeren.",
    "Vergaderjaar 2023–2024", "in het eerste kwartaal van 2024", "van 14 tot en met 16 maart 2022",
    "uiterlijk 1 januari 2025", "medio 2024", "vorig jaar", "4 oktober a.s.",
    "de vaste commissie voor Sociale Zaken en Werkgelegenheid", "Stb. 2023, 123",
    "Handelingen II 2022/23, nr. 12, item 4", "Aanhangsel Handelingen II 2023/24, nr. 1433",
    "TWEEDE KAMER DER STATEN-GENERAAL", "BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID",
    "arbeidsmarkt", "pensioenen", "de kinderopvangtoeslag", "stikstof", "woningbouw",
    "Hoogachtend,", "De Minister van Onderwijs, Cultuur en Wetenschap,", "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
    "Vraag 1\n", "Antwoord\n", "De voorzitter:\n", "Mevrouw Ploumen (PvdA):\n", "Minister-President",
]

WEIRD_CHARS = [
    "\u0000", "\u0301", "\u0308", "\u200b", "\u200d", "\u200e", "\u200f", "\u202e", "\u2028", "\u2029",
    "\ufeff", "\ufffd", "\u00a0", "\u2009", "\t", "\r", "\r\n", "\n", "\n\n", "\x0b", "\x0c", "\x85",
    "ﷺ", "שלום", "مرحبا", "😀", "👩‍👩‍👧", "🇳🇱", "𝔘𝔫𝔦", "ǅ", "ß", "İ", "ﬁ", "Å", "e\u0301", "¹", "²", "³", "⁴",
    "–", "—", "‘", "’", "“", "”", "«", "»", "…", "½", "Ⅻ", "٣", "੩", "𝟗",
]

SEPARATORS = [" ", "  ", "\n", "\n\n", ". ", ", ", "; ", " (", ") ", ": ", " – ", "\t"]


# Repetitions of one pathological unit in generated text (a few KB: enough to find wrong
# offsets and crashes; sheer size is the business of the linear-work and stall tests below).
PATHOLOGICAL_MAX = 400


@st.composite
def pathological(draw):
    """Reference-like and date-like digit runs, footnote floods, nesting, long tokens."""
    n = draw(st.integers(1, PATHOLOGICAL_MAX))
    unit = draw(st.sampled_from([
        "30 821 ", "30 821, ", "2023/", "2023/24/", "1-", "nr. ", "nr. nr. ", "¹²³", "¹", "1) ", "(1) ",
        "(", ")", "[", "a", "A", "9", "0", ".", " ", "\n", "e\u0301", "\u202e", "😀", "\u0000",
        "Kamerstuk ", "Minister van ", "en ", "van de ", "Sociale Zaken en ", "april ", "6 april ",
        "jl. ", "a.s. ", "1 januari ", "2023 ", "2023–2024 ", "Q1 ", "II ", "XV ", "nr. 180, ",
        "ik zal ", "uw Kamer ", "informeren ", "Stb. ", "-", "/", "–", ", ",
    ]))
    text = unit * n
    if unit == "(":
        text += ")" * draw(st.integers(0, n))
    return text


fragment = st.one_of(
    st.text(max_size=60),
    st.sampled_from(DUTCH),
    st.sampled_from(WEIRD_CHARS),
    st.sampled_from(SEPARATORS),
    pathological(),
    st.integers(0, 10 ** 12).map(str),
    st.text(alphabet=st.characters(categories=["Mn", "Me"]), max_size=20),  # combining marks alone
    st.text(alphabet=st.characters(categories=["Nd", "No", "Zs", "Pd", "Ps", "Pe"]), max_size=40),
    st.text(alphabet="0123456789 ,./-–", min_size=1, max_size=200),
)

texts = st.lists(fragment, min_size=1, max_size=25).map("".join)


# --- invariants -----------------------------------------------------------------------------

def check_spans(text: str, spans: list, who: str = "pipeline") -> None:
    by_label = {}
    for span in spans:
        assert isinstance(span["start"], int) and isinstance(span["end"], int), f"{who}: offsets not ints: {span}"
        assert 0 <= span["start"] < span["end"] <= len(text), f"{who}: span outside the text: {span}"
        assert text[span["start"]:span["end"]] == span["text"], f"{who}: text[start:end] != span text: {span}"
        assert isinstance(span["label"], str) and span["label"], f"{who}: no label: {span}"
        assert span.get("rule"), f"{who}: span without rule: {span}"
        by_label.setdefault(span["label"], []).append(span)
    for label, group in by_label.items():
        group = sorted(group, key=lambda s: (s["start"], s["end"]))
        for a, b in zip(group, group[1:]):
            assert a["end"] <= b["start"], f"{who}: two {label} spans overlap: {a} and {b}"


def check_record_json(record: dict) -> None:
    line = json.dumps(record, ensure_ascii=False)
    assert "\n" not in line
    line.encode("utf-8")  # raises on lone surrogates
    assert json.loads(line) == json.loads(json.dumps(record))


def check_item(item) -> None:
    assert isinstance(item, (Document, ReadError)), f"reader yielded {type(item).__name__}"
    if isinstance(item, ReadError):
        str(item).encode("utf-8")
        assert item.line is None or (isinstance(item.line, int) and item.line >= 1)
        return
    assert isinstance(item.text, str) and item.text.strip()
    assert isinstance(item.id, str)
    assert isinstance(item.meta, dict)
    json.dumps({"id": item.id, "text": item.text, "meta": item.meta}, ensure_ascii=False).encode("utf-8")


def read_all(paths) -> list:
    items = list(read_inputs([str(p) for p in paths]))
    for item in items:
        check_item(item)
    return items


def check_jsonl_file(path: Path) -> list:
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    records = []
    for line in data.decode("utf-8").split("\n")[:-1]:
        record = json.loads(line)
        check_spans(record["text"], record["spans"], "output")
        records.append(record)
    assert data == b"" or data.endswith(b"\n")
    return records


# --- readers --------------------------------------------------------------------------------

@given(st.one_of(st.binary(max_size=3000), texts.map(lambda t: t.encode("utf-8")),
                 texts.map(lambda t: ("\ufeff" + t).encode("utf-8")), texts.map(lambda t: t.encode("utf-16"))))
def test_text_reader_never_raises(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.txt"
        path.write_bytes(data)
        items = read_all([path])
    assert len(items) == 1
    if isinstance(items[0], Document):
        # UTF-8, or UTF-16 by its byte-order mark; marks at the start and after a line feed
        # dropped, a lone CR made a line feed (pipeline/io/readers: decode)
        boms = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
        expected = data[2:].decode(boms[data[:2]]) if data[:2] in boms else data.decode("utf-8")
        expected = expected[1:] if expected.startswith("\ufeff") else expected
        expected = re.sub("\r(?!\n)", "\n", re.sub("(?<=\n)\ufeff", "", expected))
        assert items[0].text == expected


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30))
json_values = st.recursive(json_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)


@st.composite
def jsonl_line(draw) -> bytes:
    kind = draw(st.integers(0, 9))
    if kind <= 3:  # a plausible record, some fields odd
        record = {"text": draw(st.one_of(texts, json_values))}
        if draw(st.booleans()):
            record["id"] = draw(st.one_of(st.text(max_size=40), json_values, st.sampled_from(["../../etc/passwd", "a/b", "x\u0000y", ""])))
        if draw(st.booleans()):
            record["meta"] = draw(st.one_of(json_values, st.fixed_dictionaries({"date": st.one_of(st.text(max_size=12), json_scalars, st.dates().map(str))})))
        return json.dumps(record, ensure_ascii=draw(st.booleans())).encode("utf-8")
    if kind == 4:
        return json.dumps(draw(json_values)).encode("utf-8")
    if kind == 5:  # lone surrogates, as JSON escapes, in text, id or meta
        where = draw(st.sampled_from(['{"text": "a\\ud800b"}', '{"id": "\\udfff", "text": "x"}', '{"text": "x", "meta": {"k": "\\ud83d"}}',
                                      '{"text": "\\ud83d\\ude00 ok"}', '{"\\ud800": 1, "text": "x"}']))
        return where.encode("utf-8")
    if kind == 6:  # nesting, huge numbers, NaN
        n = draw(st.integers(1, 200000))
        return draw(st.sampled_from([b"[" * n, b'{"text": "x", "meta": {"n": ' + b"1" * min(n, 20000) + b"}}",
                                     b'{"text": "x", "meta": {"n": NaN}}', b'{"text": "x", "meta": {"n": -Infinity}}',
                                     b'{"text": "x", "meta": ' + b'{"a":' * min(n, 5000) + b"1" + b"}" * min(n, 5000) + b"}"]))
    if kind == 7:
        return draw(st.binary(max_size=200)).replace(b"\n", b" ")
    if kind == 8:
        return draw(st.text(max_size=200)).encode("utf-8", "surrogatepass").replace(b"\n", b" ")
    return b'{"id": "long", "text": "' + b"x" * draw(st.integers(1, 300000)) + b'"}'


jsonl_files = st.lists(jsonl_line(), min_size=0, max_size=8).flatmap(
    lambda lines: st.sampled_from([b"\n", b"\r\n"]).map(lambda eol: eol.join(lines)))


@given(jsonl_files, st.booleans())
def test_jsonl_reader_never_raises(data, bom):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
        items = read_all([path])
    for item in items:
        if isinstance(item, ReadError):
            assert item.line is not None, f"a JSONL error names its line: {item}"


@given(jsonl_files)
def test_stdin_reader_never_raises(monkeypatch, data):
    # Real stdin decodes strictly under a UTF-8 locale; the reader must read its bytes itself.
    fake = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="strict")
    with monkeypatch.context() as patch:
        patch.setattr(sys, "stdin", fake)
        items = list(read_inputs(["-"]))
    for item in items:
        check_item(item)


def test_stdin_with_bad_bytes_is_an_error_line_not_a_crash(tmp_path):
    """Under a strict UTF-8 stdin (as in a UTF-8 locale) an invalid byte was a traceback."""
    data = b'\xff\xfe\n{"id": "ok", "text": "Kamerstuk 30 821, nr. 180"}\n'
    result = subprocess.run([sys.executable, "-c", "import sys\nfrom pipeline.io.readers import read_inputs\n"
                             "for item in read_inputs(['-']): print(type(item).__name__, getattr(item, 'line', ''))"],
                            input=data, capture_output=True, cwd=Path(__file__).resolve().parent.parent,
                            env={"PYTHONIOENCODING": "utf-8:strict", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().split("\n")[:2] == ["ReadError 1", "Document "]


def _xml_reader_present() -> bool:
    try:
        from pipeline.io.readers.xml import read_xml  # noqa: F401
    except ImportError:
        return False
    return True


def _xml_escape(text: str) -> str:
    text = "".join(c for c in text if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd") or c >= "\U00010000")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@st.composite
def xml_documents(draw) -> bytes:
    kind = draw(st.integers(0, 4))
    body = _xml_escape(draw(texts))
    if kind == 0:
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<officiele-publicatie><kamerstuk><brief><al>{body}</al>'
                f'<al>{_xml_escape(draw(texts))}</al></brief></kamerstuk></officiele-publicatie>').encode("utf-8")
    if kind == 1:
        return (f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><div><u who="#x">'
                f'<seg>{body}</seg></u></div></body></text></TEI>').encode("utf-8")
    if kind == 2:
        depth = draw(st.integers(1, 3000))
        return ("<officiele-publicatie>" + "<al>" * depth + body + "</al>" * depth + "</officiele-publicatie>").encode("utf-8")
    if kind == 3:
        return draw(st.binary(max_size=500))
    return f'<officiele-publicatie attr="{_xml_escape(draw(texts)) * draw(st.integers(1, 50))}"><al>{body}</al>'.encode("utf-8")


@pytest.mark.skipif(not _xml_reader_present(), reason="XML reader not landed yet (pipeline/io/readers/xml.py)")
@given(xml_documents())
def test_xml_reader_never_raises(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.xml"
        path.write_bytes(data)
        read_all([path])


# --- the pipeline and each component --------------------------------------------------------

def run_components(nlp, text: str, meta: dict) -> list:
    """The pipeline step by step (as annotate_doc does), checking the invariants after each
    component so a failure names the component that broke them."""
    doc = nlp.make_doc(text)
    doc._.kst_meta = dict(meta)
    doc._.kst_spans = []
    for name, proc in nlp.pipeline:
        try:
            doc = proc(doc)
        except Exception as err:
            raise AssertionError(f"component {name!r} raised {type(err).__name__}: {err}") from err
        if doc._.kst_spans is not None:  # kst_span_groups, the last pipe, moves them to doc.spans
            check_spans(text, doc_spans(doc), f"after {name!r}")
        json.dumps(doc_meta(doc), ensure_ascii=False).encode("utf-8")
    spans = record_spans(doc, text)
    check_spans(text, spans, "read back from doc.spans")
    return spans


dates = st.one_of(st.none(), st.dates().map(str), st.sampled_from(["", "2023", "2023-13-45", "0001-01-01", "9999-12-31", "gisteren", "2023-02-29"]))


@given(texts, dates)
def test_each_component_keeps_the_invariants(nlp, text, date):
    meta = {} if date is None else {"date": date}
    note(f"text={text!r} meta={meta!r}")
    run_components(nlp, text, meta)
    record = annotate_doc(nlp, text, meta)
    check_spans(text, record["spans"])
    check_record_json(record)


@given(st.lists(st.sampled_from(DUTCH + SEPARATORS), min_size=1, max_size=60).map("".join), dates)
def test_dutch_fragment_mixtures(nlp, text, date):
    meta = {} if date is None else {"date": date}
    record = annotate_doc(nlp, text, meta)
    check_spans(text, record["spans"])
    check_record_json(record)


@given(texts, st.integers(40, 400))
def test_split_documents_keep_the_invariants(nlp, text, max_length):
    """Documents longer than nlp.max_length are cut and stitched: offsets must still hold."""
    old = nlp.max_length
    nlp.max_length = max_length
    try:
        record = annotate_doc(nlp, text, {})
    finally:
        nlp.max_length = old
    check_spans(text, record["spans"])


@given(st.lists(st.tuples(texts, st.sampled_from(["txt", "jsonl", "jsonl-raw"])), min_size=1, max_size=4))
def test_run_annotate_always_completes_with_valid_jsonl(nlp, docs):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i, (text, kind) in enumerate(docs):
            if kind == "txt":
                (folder / f"{i:02d}.txt").write_bytes(text.encode("utf-8"))
            elif kind == "jsonl":
                (folder / f"{i:02d}.jsonl").write_text(json.dumps({"id": f"d{i}", "text": text}) + "\n", encoding="utf-8")
            else:
                (folder / f"{i:02d}.jsonl").write_bytes(text.encode("utf-8"))
        out = Path(tmp) / "out.jsonl"
        summary = run_annotate(nlp, [str(folder)], str(out), progress=False)
        records = check_jsonl_file(out)
        errors = check_jsonl_file_rows(out.with_name("out.jsonl.errors.jsonl"))
        json.loads(out.with_name("out.jsonl.manifest.json").read_text(encoding="utf-8"))
    assert len(records) == summary.documents and len(errors) == len(summary.errors)
    pipeline_failures = [e for e in errors if "pipeline failed" in e["reason"]]
    assert not pipeline_failures, f"the pipeline raised on a document: {pipeline_failures}"


def check_jsonl_file_rows(path: Path) -> list:
    return [json.loads(line) for line in path.read_bytes().decode("utf-8").splitlines()]


# --- linear time ----------------------------------------------------------------------------

LETTER = ("Den Haag, 25 september 2023\n\nGeachte Voorzitter,\n\nOp 6 april jl. heb ik uw Kamer geïnformeerd "
          "(Kamerstuk 30 821, nr. 180) over de arbeidsmarkt. De Minister van Sociale Zaken en Werkgelegenheid "
          "en de Staatssecretaris van Financiën zullen voor de zomer van 2024 met een voorstel komen¹. "
          "Ik zal uw Kamer in het eerste kwartaal van 2024 informeren over de pensioenen.\n\n")

GROWTH = {
    "letter": LETTER,
    "digit runs": "30 821 30 821, nr. 2023/24/25 1-2-3-4 ",
    "nr. runs": "nr. nr. nr. ",
    "footnotes": "woord¹²³ 1) 2) (3) ",
    "parentheses": "((((Kamerstuk 30 821)))) ",
    "titles": "Minister van Sociale Zaken en Justitie en Veiligheid en ",
    "dates": "6 april jl. 4 oktober a.s. 2023–2024 medio 2024 ",
}


def count_calls(function) -> int:
    calls = 0

    def profiler(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(profiler)
    try:
        function()
    finally:
        sys.setprofile(None)
    return calls


def calls_per_component(nlp, text: str) -> dict:
    """Python calls (a deterministic measure of work) each component makes on text."""
    doc = nlp.make_doc(text)
    doc._.kst_meta = {"date": "2023-09-25"}
    doc._.kst_spans = []
    counts = {}
    for name, proc in nlp.pipeline:
        holder = []
        counts[name] = count_calls(lambda: holder.append(proc(doc)))
        doc = holder[0]
    return counts


@pytest.mark.parametrize("kind", sorted(GROWTH))
def test_work_grows_linearly(nlp, kind):
    """Doubling the input may at most (about) double the work: calls(2n) <= 2.5 * calls(n), per component."""
    unit = GROWTH[kind]
    reps = max(1, 3000 // len(unit))
    calls_per_component(nlp, unit * 3)  # warm caches
    small = calls_per_component(nlp, unit * reps)
    large = calls_per_component(nlp, unit * reps * 2)
    worse = {name: (small[name], large[name]) for name in small if large[name] > 2.5 * small[name] + 200}
    assert not worse, f"{kind}: worse than linear (Python calls for n and 2n copies of {unit!r}): {worse}"


# --- catastrophic backtracking --------------------------------------------------------------

def _adversarial(size: int) -> list:
    units = ["1 ", "a", "A", "(", "nr. ", "30 821, ", "30 821 ", "2023/", "2023/24/", "1-", "¹²³", "1) ", " ", "\n",
             ". ", "a.", "A. ", "Minister van ", "Sociale Zaken en ", "van de ", "ik zal uw Kamer ", "6 april ",
             "1 januari 2023 ", "-", "a-", "9", "0.", "e\u0301", "Kamerstuk ", "Stb. ", "II ", "'", '"', "\t ", "<a ", "&amp;"]
    strings = []
    for unit in units:
        run = unit * max(1, size // len(unit))
        strings.append(run + "!")  # a failing end: the engine must try (and give up on) every split
    strings += ["(" * (size // 2) + ")" * (size // 2 - 1), "a" * 30 + "!", "1 " * 30 + "x"]
    return strings


# Long enough for exponential (or cubic) backtracking to blow up; short enough that a merely
# quadratic scan (a pattern meant for match() at one position, run with finditer here) passes.
ADVERSARIAL = _adversarial(5000)

_REGEX_RUNNER = r"""
import pickle, re, sys
patterns, strings = pickle.load(sys.stdin.buffer)
for i, (source, flags) in enumerate(patterns):
    pattern = re.compile(source, flags)
    for j, text in enumerate(strings):
        print(i, j, flush=True)
        pattern.search(text)
        pattern.match(text)
        for _ in pattern.finditer(text):
            pass
print("done", flush=True)
"""


def collect_patterns(nlp) -> dict:
    """Every compiled regex reachable from the components (attributes, lists, dicts, nested
    objects) and the globals of their modules: {pattern: where}."""
    found = {}

    def walk(value, where, depth, seen):
        if depth > 5 or id(value) in seen:
            return
        seen.add(id(value))
        if isinstance(value, re.Pattern):
            found.setdefault((value.pattern, value.flags), where)
        elif isinstance(value, dict):
            for key, item in list(value.items())[:5000]:
                walk(key, f"{where}[{key!r}]", depth + 1, seen)
                walk(item, f"{where}[{key!r}]", depth + 1, seen)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for i, item in enumerate(list(value)[:5000]):
                walk(item, f"{where}[{i}]", depth + 1, seen)
        elif isinstance(value, types.MethodType) and isinstance(value.__self__, re.Pattern):
            walk(value.__self__, where, depth + 1, seen)
        elif hasattr(value, "__dict__") and not isinstance(value, (type, types.ModuleType, types.FunctionType)) \
                and type(value).__module__.startswith("pipeline"):
            for key, item in vars(value).items():
                walk(item, f"{where}.{key}", depth + 1, seen)

    seen = set()
    for name, pipe in nlp.pipeline:
        walk(pipe, name, 0, seen)
        module = sys.modules.get(type(pipe).__module__)
        if module and module.__name__.startswith("pipeline"):
            for key, item in vars(module).items():
                walk(item, f"{module.__name__}.{key}", 1, seen)
    for attr in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match"):
        walk(getattr(nlp.tokenizer, attr, None), f"tokenizer.{attr}", 0, seen)
    return {key: where for key, where in found.items()}


def test_component_regexes_do_not_backtrack_catastrophically(nlp):
    """A safety net, not a timing assertion: each pattern gets 10 s on each adversarial string
    (search, match and finditer); the pattern and the string are named on failure."""
    found = collect_patterns(nlp)
    patterns = sorted(found, key=lambda key: found[key])
    assert patterns, "no compiled regex found on the components"
    slow = []
    start = 0
    while start < len(patterns):
        process = subprocess.Popen([sys.executable, "-c", _REGEX_RUNNER], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line.decode().strip()) for line in process.stdout] + [lines.put(None)], daemon=True).start()
        process.stdin.write(pickle.dumps((patterns[start:], ADVERSARIAL)))
        process.stdin.close()
        current = (0, 0)
        while True:
            try:
                line = lines.get(timeout=10)
            except queue.Empty:
                process.kill()
                process.wait()
                key = patterns[start + current[0]]
                text = ADVERSARIAL[current[1]]
                slow.append(f"{found[key]}: {key[0][:300]!r} on {text[:20]!r}... ({len(text)} characters)")
                start += current[0] + 1
                break
            if line is None or line == "done":
                process.wait()
                assert process.returncode == 0, "regex runner failed"
                start = len(patterns)
                break
            current = tuple(map(int, line.split()))
    assert not slow, "patterns that take over 10 s on one adversarial string (catastrophic backtracking?):\n" + "\n".join(slow)


# --- no document stalls the run -------------------------------------------------------------

# One pathological unit repeated to ~20 KB. A linear component needs well under a second on
# each; 10 s is a safety net against quadratic regex scans that counting Python calls cannot
# see (the regex engine's work is one C call).
STALL_UNITS = [".", "(", "–", "\n", "1) ", "(1) ", "30 821, ", "nr. 180, ", "Stb. ", "Sociale Zaken en ",
               "6 april ", "2023–2024 ", "a", "¹²³", ", "]
STALL_SIZE = 20000
STALL_SECONDS = 10

_STALL_RUNNER = r"""
import json, sys, time
import spacy
nlp = spacy.load(sys.argv[1])
for index, unit in enumerate(json.loads(sys.stdin.read())):
    text = unit * max(1, int(sys.argv[2]) // len(unit))
    doc = nlp.make_doc(text)
    doc._.kst_meta = {"date": "2023-09-25"}
    doc._.kst_spans = []
    for name, proc in nlp.pipeline:
        print(json.dumps([index, name]), flush=True)
        doc = proc(doc)
print(json.dumps(["done"]), flush=True)
"""


LONG_RUN = os.environ.get("HYPOTHESIS_PROFILE", "ci") == "long"


@pytest.mark.skipif(not LONG_RUN, reason="a stall costs 10 s each; runs with HYPOTHESIS_PROFILE=long")
def test_no_pathological_document_stalls_a_component(nlp, tmp_path):
    from pipeline.run.assemble import save

    model = tmp_path / "model"
    save(nlp, model)
    stalled = []
    units = list(STALL_UNITS)
    while units:
        process = subprocess.Popen([sys.executable, "-c", _STALL_RUNNER, str(model), str(STALL_SIZE)],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=Path(__file__).resolve().parent.parent)
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line) for line in process.stdout] + [lines.put(None)], daemon=True).start()
        process.stdin.write(json.dumps(units).encode())
        process.stdin.close()
        current, started, timeout = None, None, 60  # the first line comes after spacy.load
        while True:
            try:
                line = lines.get(timeout=timeout)
            except queue.Empty:
                process.kill()
                process.wait()
                index, name = current if current else (0, "start-up")
                stalled.append(f"{name} on {units[index]!r} x {STALL_SIZE // len(units[index])}")
                units = units[index + 1:]
                break
            timeout = STALL_SECONDS
            if line is None:
                process.wait()
                raise AssertionError(f"stall runner failed (exit {process.returncode})")
            current = json.loads(line)
            if current == ["done"]:
                process.wait()
                units = []
                break
    assert not stalled, f"components that take over {STALL_SECONDS} s on ~{STALL_SIZE // 1000} KB of one repeated unit: {stalled}"


def test_long_coordination_chain_does_not_crash_ministry(nlp):
    text = "De Minister van " + "Sociale Zaken en " * 1500 + "Werkgelegenheid."
    run_components(nlp, text, {})
