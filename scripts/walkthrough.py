"""The review-and-retrain walkthrough of the README, run for real: docs/walkthrough.md.

Runs the loop (build, annotate, review, a simulated review in the browser and its download,
import, evaluate, learn, apply, build, annotate, evaluate, diff, the register's summary, export) in a scratch copy of configs/ and corpus/, on the bundled corpus
plus ../shared/corpus, and writes each command with what it printed. Times and the scratch
folder are written as placeholders, so the same code and rules give the same text.

    python scripts/walkthrough.py            # rewrite docs/walkthrough.md
    python scripts/walkthrough.py --check    # exit 1 when docs/walkthrough.md is not what it prints now
"""

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
DOC = ROOT / "docs" / "walkthrough.md"

INTRO = """# Review and retrain: the walkthrough, as it runs today

Written by `python scripts/walkthrough.py` (do not edit by hand; `tests/test_walkthrough.py`
checks that this text is what the script prints with the code and rules of this commit). It
runs in a scratch copy of `configs/` and `corpus/`, on the bundled corpus and `../shared/corpus`;
`…` stands for a time. The review happens in the report's pages (`kst review`); here the
reviewer is simulated by `simulate_browser_review`, which writes what the report's "download
corrections" button writes (tests/test_review_browser.py drives the real page in Chromium): it
rejects POLICY_THEME spans that are not the theme (European "verdere integratie", "inclusief
reeds ondernomen acties" where the rules still tag it) and draws the missed "superdiverse
samenleving" as `inclusion`. See docs/review.md for every command.
"""

_TIME = re.compile(r"(?m)^(\s*(?:seconds|\+ loading pipeline)\s+)[\d.]+$")
AS_OF = "2026-12-07"   # the register's status is judged against a fixed day, so this text stays the same


def _sort_key(span: dict) -> tuple:
    return span["start"], -span["end"], span["label"]


def simulate_browser_review(run: Path, downloaded: Path) -> None:
    """The file the report's download button writes after the review described in INTRO: one
    record per document with a decision, rejected spans left out and listed in meta.review."""
    manifest = json.loads(run.with_name(run.name + ".manifest.json").read_text(encoding="utf-8"))
    lines = {}
    for line in run.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text, kept, rejected = record["text"], [], []
        for span in record["spans"]:
            after = text[span["start"]:span["end"] + 8]
            before = text[max(0, span["start"] - 8):span["end"]]
            if span["label"] == "POLICY_THEME" and (after.startswith("inclusief reeds") or before == "verdere integratie"):
                rejected.append({"start": span["start"], "end": span["end"], "label": span["label"], "text": span["text"],
                                 "rule": span.get("rule"), "note": None})
                continue
            kept.append(span)
        if record["id"] == "kst-30821-200" and "superdiverse samenleving" in text:
            start = text.index("superdiverse samenleving")
            kept.append({"start": start, "end": start + 24, "label": "POLICY_THEME", "text": "superdiverse samenleving",
                         "attrs": {"theme": "inclusion"}, "rule": "review.kst", "review": "added"})
        if rejected or len(kept) != len(record["spans"]):   # the browser keeps one entry per document id
            record["spans"] = sorted(kept, key=_sort_key)
            record["meta"] = dict(record["meta"], review={"tool": "kst", "answer": "accept", "run": run.name,
                                                          "config_hash": manifest["config_hash"], "rejected": rejected})
            lines.setdefault(record["id"], record)
    downloaded.write_text("".join(json.dumps(lines[k], ensure_ascii=False) + "\n" for k in sorted(lines)), encoding="utf-8")


def walkthrough() -> str:
    scratch = Path(tempfile.mkdtemp(prefix="kst-walkthrough-"))
    try:
        shutil.copytree(ROOT / "configs", scratch / "configs")
        shutil.copytree(ROOT / "corpus", scratch / "corpus")
        (scratch / "outputs").mkdir()
        parts = [INTRO]

        def kst(*args, title=None):
            command = ["kst", *args]
            if args[0] in ("build", "annotate", "evaluate", "learn"):
                command += ["--configs", "configs", "--model", "outputs/model"]
            done = subprocess.run([sys.executable, "-m", "pipeline", *command[1:]], cwd=scratch, capture_output=True,
                                  text=True, env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "HOME": str(scratch)})
            said = (done.stdout + done.stderr).replace(str(scratch) + "/", "").replace(str(scratch), ".")
            said = _TIME.sub(lambda m: m.group(1) + "…", said).strip("\n")
            shown = " ".join(a for a in args if a not in ("--configs", "configs", "--model", "outputs/model"))
            if title:
                parts.append(title)
            parts.append(f"```\n$ kst {shown}\n{said}\n```\n")
            if done.returncode not in (0, 1):
                raise SystemExit(f"kst {shown} failed ({done.returncode}):\n{said}")

        inputs = ["corpus", str(SHARED_CORPUS)] if SHARED_CORPUS.is_dir() else ["corpus"]
        kst("build", title="**1. Build and annotate.**\n")
        kst("annotate", *inputs, "--out", "outputs/corpus.jsonl", "--no-progress")
        kst("review", "outputs/corpus.jsonl", "--out", "outputs/review", "--as-of", AS_OF,
            title="**2. Review in the browser**: open outputs/review/index.html (or commitments.html). On a "
                  "document page click a span (or press j/k), accept (a) or reject (r) it, correct its "
                  "attributes, select missed text and add it with a label; decisions stay in the browser "
                  "(localStorage, by run and config hash). Then \"download corrections\".\n")
        simulate_browser_review(scratch / "outputs" / "corpus.jsonl", scratch / "outputs" / "kst-corrections-corpus.jsonl")
        kst("import", "outputs/kst-corrections-corpus.jsonl", "--from", "kst", "--out", "outputs/reviewed.jsonl",
            title="**3. Import the download** (here written by `simulate_browser_review`):\n")
        kst("evaluate", "outputs/reviewed.jsonl", "--pred", "outputs/corpus.jsonl", "-l", "POLICY_THEME", "--errors",
            title="**4. The reviewed documents are gold for the run**:\n")
        kst("learn", "outputs/reviewed.jsonl", "--base", "outputs/corpus.jsonl", "--out", "outputs/learn.patch",
            title="**5. Learn**: the proposals, as a patch that is written, not applied.\n")
        applied = subprocess.run(["git", "apply", "outputs/learn.patch"], cwd=scratch, capture_output=True, text=True)
        if applied.returncode:
            raise SystemExit(f"git apply outputs/learn.patch failed:\n{applied.stderr}")
        parts.append("**6. Apply and build.**\n")
        parts.append("```\n$ git apply outputs/learn.patch\n```\n")
        kst("build")
        kst("annotate", *inputs, "--out", "outputs/corpus-after.jsonl", "--no-progress",
            title="**7. Annotate again and evaluate against the review**:\n")
        kst("evaluate", "outputs/reviewed.jsonl", "--pred", "outputs/corpus-after.jsonl", "-l", "POLICY_THEME")
        kst("diff", "outputs/corpus.jsonl", "outputs/corpus-after.jsonl", "-l", "POLICY_THEME")
        kst("commitments", "outputs/corpus-after.jsonl", "--summary", "--as-of", AS_OF,
            title=f"**8. The register**: commitments per theme and per actor, status as of {AS_OF} "
                  "(`kst commitments RUN` lists them, `--csv` writes them):\n")
        kst("export", "outputs/corpus.jsonl", "--to", "prodigy", "--out", "outputs/corpus.prodigy.jsonl",
            title="**Or review in a tool**: export, review in Prodigy (or Label Studio, doccano), then "
                  "`kst import FILE --from prodigy --out outputs/reviewed.jsonl` and go on from step 4.\n")
        return "\n".join(parts).replace(str(SHARED_CORPUS), "../shared/corpus")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv) -> int:
    text = walkthrough()
    if "--check" in argv:
        if not DOC.is_file() or DOC.read_text(encoding="utf-8") != text:
            print(f"{DOC.relative_to(ROOT)} is not what scripts/walkthrough.py prints now: run it to rewrite", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
