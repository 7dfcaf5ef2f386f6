"""Constant memory check (issue 8), run on demand, never in CI: 200,000 small documents.

Generates N documents (default 200,000) as one JSONL file from the paragraphs of the corpus/
texts, runs `kst annotate` on it in a subprocess and samples the RSS of the run (the parent
and each worker process) every --interval seconds. Prints the RSS at 10 %, 50 % and 100 % of
the output and the peaks; the run has constant memory when the parent's RSS at the end is
within a few MB of its RSS at 10 %.

    .venv/bin/python scripts/memory_200k.py                     # 2 workers, shards of 200
    .venv/bin/python scripts/memory_200k.py --workers 1         # the single-worker path
    .venv/bin/python scripts/memory_200k.py --docs 20000        # a quicker look

Results go in docs/scale.md.
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KST = [sys.executable, "-m", "pipeline"]


def paragraphs() -> list:
    pieces = []
    for path in sorted((ROOT / "corpus").rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        pieces += [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.strip()) > 40]
    return pieces


def generate(path: Path, count: int) -> int:
    pieces = paragraphs()
    size = 0
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for i in range(count):
            # two consecutive paragraphs make a small document; the date varies so the date
            # resolution does real work
            text = pieces[i % len(pieces)] + "\n\n" + pieces[(i + 1) % len(pieces)]
            line = json.dumps({"id": f"m{i:06d}", "text": text, "meta": {"date": f"20{10 + i % 14}-0{1 + i % 9}-1{i % 10}"}},
                              ensure_ascii=False) + "\n"
            handle.write(line)
            size += len(line.encode("utf-8"))
    return size


def rss_tree(pid: int) -> tuple:
    """(parent RSS MB, [worker RSS MB, ...]) of a process and its children (psutil or /proc)."""
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is not None:
        try:
            proc = psutil.Process(pid)
            children = [c.memory_info().rss / 2**20 for c in proc.children(recursive=True)]
            return proc.memory_info().rss / 2**20, children
        except psutil.Error:
            return 0.0, []
    def rss(p):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0
    children = []
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        children = [rss(int(k)) for k in kids]
    except OSError:
        pass
    return rss(pid), children


def progress(out: Path, total_bytes_hint: int) -> float:
    """Share of the output written so far (part files or the partial file, by bytes)."""
    parts = out.with_name(out.name + ".parts")
    partial = out.with_name(out.name + ".partial")
    if out.exists():
        return 1.0
    written = 0
    try:  # the run merges and removes the parts while we look
        if parts.is_dir():
            written = sum(p.stat().st_size for p in parts.glob("shard-*.jsonl"))
        if partial.exists():
            written = max(written, partial.stat().st_size)
    except FileNotFoundError:
        pass
    return min(1.0, written / total_bytes_hint) if total_bytes_hint else 0.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shard-size", type=int, default=200)
    parser.add_argument("--interval", type=float, default=0.5)
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: a temporary one, removed)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="kst-mem-") as tmp:
        work = args.dir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        inputs, out = work / "docs.jsonl", work / "out.jsonl"
        started = time.perf_counter()
        size = generate(inputs, args.docs)
        print(f"generated {args.docs} documents, {size / 1e6:.1f} MB, in {time.perf_counter() - started:.1f}s", flush=True)
        # a record is about its input line plus the spans: estimate the output size from a sample
        expected = int(size * 1.6)
        command = KST + ["annotate", str(inputs), "--out", str(out), "--force", "--no-progress",
                         "--workers", str(args.workers), "--shard-size", str(args.shard_size)]
        print(" ".join(command), flush=True)
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        samples = []  # (seconds, share, parent MB, max worker MB, total MB)
        while proc.poll() is None:
            parent, workers = rss_tree(proc.pid)
            if parent:
                samples.append((time.perf_counter() - started, progress(out, expected), parent,
                                max(workers, default=0.0), parent + sum(workers)))
            time.sleep(args.interval)
        stderr = proc.stderr.read()
        seconds = time.perf_counter() - started
        if proc.returncode != 0:
            print(stderr, file=sys.stderr)
            print(f"kst annotate failed with exit code {proc.returncode}", file=sys.stderr)
            return 1
        lines = sum(1 for _ in open(out, "rb"))
        assert lines == args.docs, f"{lines} records for {args.docs} documents"

    def at(share):
        chosen = [s for s in samples if s[1] >= share] or samples[-1:]
        return chosen[0]

    print(f"annotated {args.docs} documents with {args.workers} worker(s) in {seconds:.1f}s "
          f"({args.docs / seconds:.0f} docs/s); {len(samples)} RSS samples")
    print(f"  {'progress':>9}{'seconds':>9}{'parent MB':>11}{'worker MB':>11}{'total MB':>10}")
    for share in (0.1, 0.5, 0.9):
        s = at(share)
        print(f"  {s[1]:>8.0%} {s[0]:>9.1f}{s[2]:>11.1f}{s[3]:>11.1f}{s[4]:>10.1f}")
    last = samples[-1]
    print(f"  {'end':>8} {last[0]:>9.1f}{last[2]:>11.1f}{last[3]:>11.1f}{last[4]:>10.1f}")
    peak_parent = max(s[2] for s in samples)
    peak_worker = max(s[3] for s in samples)
    peak_total = max(s[4] for s in samples)
    growth = at(0.9)[2] - at(0.1)[2]
    print(f"peak: parent {peak_parent:.0f} MB, one worker {peak_worker:.0f} MB, all {peak_total:.0f} MB; "
          f"parent growth from 10% to 90%: {growth:+.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
