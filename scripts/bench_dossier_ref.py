"""Side-by-side on the gold: our DOSSIER_REF component and wetsuite's reference finder.

    .venv/bin/python scripts/bench_dossier_ref.py [../shared/gold/dev.jsonl]

Prints precision/recall/F1 (exact span match, DOSSIER_REF only) of both, plus lenient
(overlap) figures and the speed of each. wetsuite is optional: `pip install wetsuite`.
Its `wetsuite.helpers.patterns` downloads a dataset of law names ('wetnamen') when imported,
which fails offline; we replace that download by an empty dataset (law names only serve its
"artikel ... van de <wet>" matcher, which is not a DOSSIER_REF and is switched off here).
"""

import json
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "dev.jsonl"

# wetsuite reference types that are DOSSIER_REF in our guidelines (not artikel/EU acts)
WETSUITE_TYPES = {"kamerstukken", "vindplaats", "bekend", "ecli", "bwb", "cvdr", "celex", "euoj"}


def load_wetsuite():
    """wetsuite.helpers.patterns with its import-time download stubbed; (module, error)."""
    try:
        import wetsuite.datasets
    except Exception as err:  # not installed, or broken
        return None, f"{type(err).__name__}: {err}"
    wetsuite.datasets.load = lambda name, *a, **k: types.SimpleNamespace(data={})
    try:
        import wetsuite.helpers.patterns as patterns
    except Exception as err:
        return None, f"{type(err).__name__}: {err}"
    return patterns, None


def wetsuite_spans(patterns, text: str) -> set:
    found = patterns.find_references(text, artikel=False, eudir=False, eureg=False, bekendmaking_ids=True)
    return {(m["start"], m["end"]) for m in found if m["type"] in WETSUITE_TYPES}


def score(pairs) -> dict:
    tp = fp = fn = lenient_tp = lenient_pred = 0
    for gold, pred in pairs:
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        lenient_tp += sum(1 for g in gold if any(p[0] < g[1] and g[0] < p[1] for p in pred))
        lenient_pred += sum(1 for p in pred if any(p[0] < g[1] and g[0] < p[1] for g in gold))
    n_gold = sum(len(g) for g, _ in pairs)
    n_pred = sum(len(p) for _, p in pairs)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    lp = lenient_pred / n_pred if n_pred else 0.0
    lr = lenient_tp / n_gold if n_gold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "lenient_p": lp, "lenient_r": lr, "lenient_f1": 2 * lp * lr / (lp + lr) if lp + lr else 0.0,
            "tp": tp, "fp": fp, "fn": fn}


def main(gold_path: Path) -> None:
    from pipeline.run.annotate import annotate_doc
    from pipeline.run.assemble import assemble

    records = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    golds = [{(s["start"], s["end"]) for s in r["spans"] if s["label"] == "DOSSIER_REF"} for r in records]

    nlp = assemble()
    started = time.perf_counter()
    ours = []
    for record in records:
        out = annotate_doc(nlp, record["text"], {"date": record["meta"].get("date")})
        ours.append({(s["start"], s["end"]) for s in out["spans"] if s["label"] == "DOSSIER_REF"})
    ours_time = time.perf_counter() - started

    rows = [("kst_dossier_ref (full pipeline)", score(list(zip(golds, ours))), ours_time)]
    patterns, error = load_wetsuite()
    if patterns is not None:
        started = time.perf_counter()
        theirs = [wetsuite_spans(patterns, r["text"]) for r in records]
        rows.append(("wetsuite find_references", score(list(zip(golds, theirs))), time.perf_counter() - started))

    print(f"DOSSIER_REF on {gold_path} ({len(records)} records, {sum(map(len, golds))} gold spans)")
    print(f"{'system':34s} {'P':>6s} {'R':>6s} {'F1':>6s} | {'lenP':>6s} {'lenR':>6s} {'lenF1':>6s} | {'tp':>4s} {'fp':>4s} {'fn':>4s} | seconds")
    for name, s, seconds in rows:
        print(f"{name:34s} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} | {s['lenient_p']:6.3f} {s['lenient_r']:6.3f} "
              f"{s['lenient_f1']:6.3f} | {s['tp']:4d} {s['fp']:4d} {s['fn']:4d} | {seconds:.2f}")
    if patterns is None:
        print(f"wetsuite not available: {error}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_GOLD)
