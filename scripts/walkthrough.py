"""The review-and-retrain walkthrough of the README, run for real: docs/walkthrough.md.

Runs the loop (build, annotate, review, export, a simulated review, import, evaluate, learn,
apply, build, annotate, diff) in a scratch copy of configs/ and corpus/, on the bundled corpus
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
`…` stands for a time. The reviewer is simulated: it rejects POLICY_THEME spans that are not
the theme (European "verdere integratie", "inclusief reeds ondernomen acties" where the rules
still tag it) and draws the missed "superdiverse samenleving" as `inclusion`. See
docs/review.md for every command.
"""

_TIME = re.compile(r"(?m)^(\s*(?:seconds|\+ loading pipeline)\s+)[\d.]+$")


def simulate_review(exported: Path, reviewed: Path) -> None:
    """What Prodigy's db-out would give back after the review described in INTRO."""
    tasks = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    for task in tasks:
        text = task["text"]
        keep = []
        for span in task["spans"]:
            after = text[span["start"]:span["end"] + 8]
            before = text[max(0, span["start"] - 8):span["end"]]
            if span["label"] == "POLICY_THEME" and (after.startswith("inclusief reeds") or before == "verdere integratie"):
                continue
            keep.append(span)
        if task["meta"]["id"] == "kst-30821-200" and "superdiverse samenleving" in text:
            start = text.index("superdiverse samenleving")
            end = start + len("superdiverse samenleving")
            first = next(t["id"] for t in task["tokens"] if t["start"] == start)
            last = next(t["id"] for t in task["tokens"] if t["end"] == end)
            keep.append({"start": start, "end": end, "token_start": first, "token_end": last, "label": "POLICY_THEME"})
        task["spans"], task["answer"] = keep, "accept"
    reviewed.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in tasks), encoding="utf-8")


def give_drawn_spans_their_theme(path: Path) -> None:
    """A tool cannot carry a theme: the reviewer adds it to the drawn span in the JSONL."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        for span in row["spans"]:
            if span.get("rule") == "review.prodigy" and span["label"] == "POLICY_THEME":
                span["attrs"] = {"theme": "inclusion"}
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


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
        kst("review", "outputs/corpus.jsonl", "--out", "outputs/review", title="**2. Review in the browser** (outputs/review/index.html).\n")
        kst("export", "outputs/corpus.jsonl", "--to", "prodigy", "--out", "outputs/corpus.prodigy.jsonl",
            title="**3. Export for a tool.**\n")
        simulate_review(scratch / "outputs" / "corpus.prodigy.jsonl", scratch / "outputs" / "reviewed.prodigy.jsonl")
        parts.append("**4. The review** (simulated by `simulate_review` in scripts/walkthrough.py), then **import**:\n")
        kst("import", "outputs/reviewed.prodigy.jsonl", "--from", "prodigy", "--out", "outputs/reviewed.jsonl")
        give_drawn_spans_their_theme(scratch / "outputs" / "reviewed.jsonl")
        kst("evaluate", "outputs/reviewed.jsonl", "--pred", "outputs/corpus.jsonl", "-l", "POLICY_THEME", "--errors",
            title="**5. The reviewed run is gold for the old run** (the drawn span given its theme in the JSONL):\n")
        kst("learn", "outputs/reviewed.jsonl", "--base", "outputs/corpus.jsonl", "--out", "outputs/learn.patch",
            title="**6. Learn**: the proposals, as a patch that is written, not applied.\n")
        applied = subprocess.run(["git", "apply", "outputs/learn.patch"], cwd=scratch, capture_output=True, text=True)
        if applied.returncode:
            raise SystemExit(f"git apply outputs/learn.patch failed:\n{applied.stderr}")
        parts.append("```\n$ git apply outputs/learn.patch\n```\n")
        kst("annotate", *inputs, "--out", "outputs/corpus-after.jsonl", "--no-progress",
            title="**7. Rebuild with the edited rules and compare** (`kst annotate` rebuilds when configs/ changed):\n")
        kst("diff", "outputs/corpus.jsonl", "outputs/corpus-after.jsonl", "-l", "POLICY_THEME")
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
