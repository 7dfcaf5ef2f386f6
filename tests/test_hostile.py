"""Hostile input at batch level (issue 9): nothing leaks, nothing escapes the output folder,
nothing runs in the review report, and broken configs fail with file and line, not a traceback.
"""

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from typer.testing import CliRunner

from pipeline.run.batch import run_annotate
from pipeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = ROOT / "configs"
SECRET = "kst-secret-7f3a9c-do-not-leak"


def read_jsonl(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def all_output(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


# --- XML: external entities, entity bombs, huge attributes ------------------------------------

def hostile_xml(folder: Path, secret_file: Path) -> dict:
    uri = secret_file.resolve().as_uri()
    wrap = "<officiele-publicatie><kamerstuk><brief><al>{}</al></brief></kamerstuk></officiele-publicatie>"
    lol = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    files = {
        "xxe.xml": f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY s SYSTEM "{uri}">]>' + wrap.format("Kamerstuk &s; 30 821"),
        "xxe_param.xml": f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "{uri}"> %p;]>' + wrap.format("tekst"),
        "external_dtd.xml": f'<?xml version="1.0"?><!DOCTYPE officiele-publicatie SYSTEM "{uri}">' + wrap.format("tekst &s;"),
        "xinclude.xml": wrap.format(f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{uri}" parse="text"/>'),
        "billion_laughs.xml": f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">{lol}]>' + wrap.format("&l9;"),
        "quadratic.xml": f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "{"x" * 50000}">]>' + wrap.format("&a;" * 50000),
        "deep.xml": "<officiele-publicatie>" + "<al>" * 100000 + "x" + "</al>" * 100000 + "</officiele-publicatie>",
        "huge_attribute.xml": '<officiele-publicatie id="' + "A" * 30_000_000 + '">' + wrap.format("tekst") + "</officiele-publicatie>",
    }
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    # The same XXE in UTF-16: the byte scan for <!ENTITY cannot see it; the parser must.
    (folder / "xxe_utf16.xml").write_bytes(('<?xml version="1.0" encoding="UTF-16"?>'
                                            f'<!DOCTYPE r [<!ENTITY s SYSTEM "{uri}">]>' + wrap.format("&s;")).encode("utf-16"))
    return files


def test_xml_attacks_leak_nothing(nlp, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    hostile_xml(tmp_path / "in", secret)
    (tmp_path / "in" / "zz_ok.txt").write_text("Kamerstuk 30 821, nr. 180", encoding="utf-8")
    out_dir = tmp_path / "out"
    summary = run_annotate(nlp, [str(tmp_path / "in")], str(out_dir / "out.jsonl"), progress=False)
    assert SECRET.encode() not in all_output(out_dir)
    assert b"lollollol" not in all_output(out_dir)
    assert summary.documents >= 1  # the ordinary document still went through
    for record in read_jsonl(out_dir / "out.jsonl"):
        assert len(record["text"]) < 1_000_000, f"{record['id']}: an expanded entity or attribute made it into the text"


def test_xml_attacks_keep_memory_bounded(tmp_path):
    """The whole CLI run over the attack files, in its own process: peak RSS stays small."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    hostile_xml(tmp_path / "in", secret)
    configs = tmp_path / "configs"
    shutil.copytree(CONFIGS, configs)
    command = [sys.executable, "-m", "pipeline", "annotate", str(tmp_path / "in"), "--out", str(tmp_path / "out.jsonl"),
               "--configs", str(configs), "--model", str(tmp_path / "model"), "--no-progress"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode in (0, 1), stderr.decode("utf-8", "replace")[-2000:]
    assert b"Traceback" not in stderr
    peak_mb = usage.ru_maxrss / 1024
    # spaCy and the pipeline take a few hundred MB; 30 MB of attribute or a billion laughs
    # expanded would take far more.
    assert peak_mb < 1200, f"peak memory {peak_mb:.0f} MB"
    assert SECRET.encode() not in all_output(tmp_path / "in").replace(SECRET.encode(), b"") + (tmp_path / "out.jsonl").read_bytes()


# --- hostile ids ------------------------------------------------------------------------------

HOSTILE_IDS = ["../../etc/passwd", "/etc/passwd", "a/b", "a\\b", "x\u0000y", "..", ".", "", "CON", "nul.txt",
               "<script>alert(1)</script>", '" onmouseover="alert(1)', "id\nwith\nnewlines", "ü" * 300, "x" * 5000,
               "~/.ssh/id_rsa", "file:///etc/passwd", "%2e%2e%2f", "\u202eexe.txt", 7, ["a", "b"], {"k": "../x"}]


def test_hostile_ids_are_data_not_paths(nlp, tmp_path):
    inputs = tmp_path / "in.jsonl"
    inputs.write_text("".join(json.dumps({"id": doc_id, "text": f"Kamerstuk 30 821, nr. {i}. {doc_id}"}) + "\n"
                              for i, doc_id in enumerate(HOSTILE_IDS)), encoding="utf-8")
    before = set(tmp_path.parent.rglob("*"))
    out = tmp_path / "out" / "run.jsonl"
    summary = run_annotate(nlp, [str(inputs)], str(out), progress=False)
    created = set(tmp_path.parent.rglob("*")) - before
    assert created <= {out.parent, out, out.with_name("run.jsonl.errors.jsonl"), out.with_name("run.jsonl.manifest.json")}
    records = read_jsonl(out)
    expected = [f"in-{line}" if doc_id == "" else str(doc_id) for line, doc_id in enumerate(HOSTILE_IDS, 1)]
    assert [r["id"] for r in records] == expected and summary.documents == len(HOSTILE_IDS)


def _review_available() -> bool:
    try:
        from pipeline.review.report import build_report  # noqa: F401
    except ImportError:
        return False
    return any(getattr(c, "name", None) == "review" or (c.callback and c.callback.__name__ == "review") for c in app.registered_commands)


needs_review = pytest.mark.xfail(not _review_available(), reason="`kst review` (pipeline.review) has not landed", strict=False)


@needs_review
@given(st.one_of(st.text(), st.sampled_from([i for i in HOSTILE_IDS if isinstance(i, str)])))
def test_review_page_names_stay_inside_the_folder(tmp_path_factory, doc_id):
    from pipeline.review.report.names import inside, page_name

    folder = tmp_path_factory.getbasetemp() / "pages"
    name = page_name(doc_id)
    assert "/" not in name and "\\" not in name and "\0" not in name and not name.startswith(".")
    assert inside(folder, name).parent == folder.resolve()


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.handlers, self.scripts, self.urls, self._in_script = [], [], [], False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.handlers.append((tag, name, value))
            if name.lower() in ("href", "src", "action", "formaction") and value and value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                self.urls.append((tag, name, value))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


XSS = ['<script>alert(1)</script>', '" onmouseover="alert(1)', "' onmouseover='alert(1)", "</textarea><img src=x onerror=alert(1)>",
       "javascript:alert(1)", "</script><script>alert(1)</script>", "<!--", "]]>", "{{constructor.constructor('alert(1)')()}}"]


@needs_review
def test_review_report_renders_hostile_text_inert(nlp, tmp_path):
    from pipeline.run.annotate import annotate_doc

    records = []
    for i, attack in enumerate(XSS):
        text = f"De Minister van Sociale Zaken en Werkgelegenheid zal op 6 april 2024 {attack} uw Kamer informeren (Kamerstuk 30 821, nr. 180)."
        record = dict(annotate_doc(nlp, text, {"date": "2023-09-25", "title": attack, "url": "javascript:alert(1)"}, doc_id=attack if i % 2 else f"doc{i}"))
        start = text.index(attack)
        record["spans"].append({"start": start, "end": start + len(attack), "label": attack, "text": attack,
                                "attrs": {"value": attack, "ministries": [attack], "theme": attack, "url": "javascript:alert(1)"}, "rule": attack})
        records.append(record)
    run = tmp_path / "run.jsonl"
    run.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "report"
    before = set(tmp_path.rglob("*"))
    result = CliRunner().invoke(app, ["review", str(run), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for path in set(tmp_path.rglob("*")) - before:
        assert path.resolve().is_relative_to(out.resolve()), f"review wrote outside its folder: {path}"
    pages = [p for p in out.rglob("*.html")]
    assert len(pages) > len(records) // 2
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html.lower(), page.name
        tags = _Tags()
        tags.feed(html)
        assert not tags.handlers, f"{page.name}: inline event handler attributes {tags.handlers[:3]}"
        assert not tags.urls, f"{page.name}: script URLs {tags.urls[:3]}"
        for script in tags.scripts:
            assert "alert(1)" not in script, f"{page.name}: data inside a <script> element"


# --- malformed configs: file and line, never a traceback --------------------------------------

# Every rule file is broken in turn with HYPOTHESIS_PROFILE=long (each build takes ~2 s);
# the default CI run breaks the files below, which every component's reader shares code with.
LONG_RUN = os.environ.get("HYPOTHESIS_PROFILE", "ci") == "long"
CI_FILES = {"document/doc_types.yml", "tokenizer/abbreviations.txt", "date/grammar.yml"}


def _each(names):
    return [pytest.param(name, marks=pytest.mark.skipif(not LONG_RUN and name not in CI_FILES, reason="every rule file: HYPOTHESIS_PROFILE=long"))
            for name in names]


def _yaml_files():
    return _each(sorted(p.relative_to(CONFIGS).as_posix() for p in CONFIGS.rglob("*.yml")))


def _build(configs: Path, tmp_path: Path):
    result = CliRunner().invoke(app, ["build", "--configs", str(configs), "--model", str(tmp_path / "model")])
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exit_code == 2, f"exit {result.exit_code}: {output}\n{result.exception!r}"
    assert result.exception is None or isinstance(result.exception, SystemExit), f"an exception escaped: {result.exception!r}"
    assert "Traceback" not in output
    return output


@pytest.fixture
def configs_copy(tmp_path):
    target = tmp_path / "configs"
    shutil.copytree(CONFIGS, target)
    return target


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.mark.parametrize("name", _yaml_files())
def test_yaml_syntax_error_names_file_and_line(configs_copy, tmp_path, name):
    path = configs_copy / name
    lines = path.read_text(encoding="utf-8").splitlines()
    middle = len(lines) // 2
    lines.insert(middle, "  broken: [unclosed, {")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = _build(configs_copy, tmp_path)
    assert name.split("/")[-1] in output, output
    assert f"{path.name}:" in output, f"no line number: {output}"


OPTIONAL_RULE_FILES = ("ministry/exceptions.txt",)


@pytest.mark.parametrize("name", _yaml_files() + _each(sorted(p.relative_to(CONFIGS).as_posix() for p in CONFIGS.rglob("*.txt"))))
def test_non_utf8_and_missing_rule_files_name_the_file(configs_copy, tmp_path, name):
    path = configs_copy / name
    path.write_bytes(path.read_bytes() + "\n# Beïnvloeding\n".encode("latin-1"))
    assert path.name in _build(configs_copy, tmp_path)
    if name in OPTIONAL_RULE_FILES:
        return  # no file means none of its rules (kst learn writes it)
    path.unlink()
    assert path.name in _build(configs_copy, tmp_path)


def test_bad_regex_names_file_and_line(configs_copy, tmp_path):
    path = configs_copy / "document" / "doc_types.yml"
    text = path.read_text(encoding="utf-8")
    import re
    first = re.search(r"^(\s*regex:\s*)(.+)$", text, re.M)
    path.write_text(text[: first.start(2)] + "'(unclosed[group'" + text[first.end(2):], encoding="utf-8")
    output = _build(configs_copy, tmp_path)
    assert f"doc_types.yml:{_line_of(path, '(unclosed[group')}" in output, output


def test_missing_key_and_wrong_type_name_the_file(configs_copy, tmp_path):
    path = configs_copy / "document" / "doc_types.yml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("types:", "typos:", 1), encoding="utf-8")
    assert "doc_types.yml" in _build(configs_copy, tmp_path)
    path.write_text(original.replace("within:", "within: many\nwas_within:", 1), encoding="utf-8")
    output = _build(configs_copy, tmp_path)
    assert f"doc_types.yml:{_line_of(path, 'within: many')}" in output, output


def test_duplicate_yaml_key_names_the_rule_file_not_pipeline_cfg(configs_copy, tmp_path):
    """ruamel raises DuplicateKeyError, which is no MarkedYAMLError: it used to surface as
    'pipeline.cfg:5: cannot assemble the pipeline' (the wrong file, a line of the YAML)."""
    path = configs_copy / "document" / "doc_types.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\nwithin: 2\n", encoding="utf-8")
    output = _build(configs_copy, tmp_path)
    assert f"doc_types.yml:{_line_of(path, 'within: 2')}" in output and "pipeline.cfg" not in output, output


@pytest.mark.parametrize("breakage", ["syntax", "unknown factory", "missing"])
def test_broken_pipeline_cfg_names_the_file(configs_copy, tmp_path, breakage):
    path = configs_copy / "pipeline.cfg"
    text = path.read_text(encoding="utf-8")
    if breakage == "syntax":
        path.write_text(text.replace("[components]", "[components\nbroken = = ="), encoding="utf-8")
    elif breakage == "unknown factory":
        path.write_text(text.replace('factory = "kst_document"', 'factory = "kst_no_such_thing"'), encoding="utf-8")
    else:
        path.unlink()
    assert "pipeline.cfg" in _build(configs_copy, tmp_path)
