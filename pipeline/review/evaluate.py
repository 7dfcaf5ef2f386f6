"""Scoring against gold records, as GUIDELINES.md "Scoring" says.

Exact (start, end, label) matches give precision, recall and F1 per label; a lenient score
(any overlap, same label) is reported beside it. Normalisation is scored on exact matches:
the share whose value equals the gold value. The pipeline is given meta.date alone.
"""

import collections

from ..run.annotate import annotate_doc
from .records import keyed, normalised_value

LABELS = ("MINISTRY", "COMMITTEE", "DATE", "DOSSIER_REF", "POLICY_THEME", "COMMITMENT")


def predict(nlp, gold_records: list) -> list:
    """Run the pipeline on the gold texts, given meta.date only."""
    predictions = []
    for gold in gold_records:
        date = (gold.get("meta") or {}).get("date")
        record = annotate_doc(nlp, gold["text"], {"date": date} if date else {}, doc_id=gold["id"])
        predictions.append(dict(record))
    return predictions


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score(gold_records: list, pred_records: list, labels=LABELS) -> dict:
    # the n-th record of an id is compared with the n-th (ids repeat across folders)
    preds_by_id = dict(keyed(pred_records))
    gold_keys = [key for key, _ in keyed(gold_records)]
    totals = {label: collections.Counter() for label in labels}
    false_pos = collections.defaultdict(list)
    false_neg = collections.defaultdict(list)
    mismatched = []
    per_rule = collections.defaultdict(collections.Counter)   # rule -> tp, fp, fn_overlapped
    authors = collections.Counter()
    for gold_key, gold in zip(gold_keys, gold_records):
        pred = preds_by_id.get(gold_key, {"spans": [], "meta": {}})
        text = gold["text"]
        for label in labels:
            g = [s for s in gold["spans"] if s["label"] == label]
            p = [s for s in pred["spans"] if s["label"] == label]
            g_keys = {(s["start"], s["end"]): s for s in g}
            p_keys = {(s["start"], s["end"]): s for s in p}
            exact = g_keys.keys() & p_keys.keys()
            t = totals[label]
            t["gold"] += len(g)
            t["pred"] += len(p)
            t["tp"] += len(exact)
            t["lenient_pred_hit"] += sum(any(_overlap(s, o) for o in g) for s in p)
            t["lenient_gold_hit"] += sum(any(_overlap(s, o) for o in p) for s in g)
            for key in sorted(exact):
                per_rule[p_keys[key].get("rule") or label]["tp"] += 1
                t["norm_total"] += 1
                if normalised_value(g_keys[key]) == normalised_value(p_keys[key]):
                    t["norm_ok"] += 1
                else:
                    mismatched.append({"id": gold["id"], "label": label, "text": text[key[0]:key[1]],
                                       "gold": normalised_value(g_keys[key]), "pred": normalised_value(p_keys[key]),
                                       "rule": p_keys[key].get("rule")})
            for key in sorted(p_keys.keys() - exact):
                s = p_keys[key]
                false_pos[s.get("rule") or label].append({"id": gold["id"], "label": label, "text": s["text"], "start": s["start"]})
                per_rule[s.get("rule") or label]["fp"] += 1
            for key in sorted(g_keys.keys() - exact):
                s = g_keys[key]
                near = [o.get("rule") for o in p if _overlap(s, o)]
                false_neg[label].append({"id": gold["id"], "text": s["text"], "start": s["start"], "overlapping_rules": near})
                for rule in sorted({r or label for r in near}) or [f"(no rule) {label}"]:
                    per_rule[rule]["fn"] += 1
        gold_authors = (gold.get("meta") or {}).get("authors")
        if gold_authors is not None:
            authors["total"] += 1
            authors["ok"] += sorted(gold_authors) == sorted((pred.get("meta") or {}).get("authors") or [])
    per_label = {}
    for label, t in totals.items():
        exact = _prf(t["tp"], t["pred"], t["gold"])
        lenient_p = t["lenient_pred_hit"] / t["pred"] if t["pred"] else 0.0
        lenient_r = t["lenient_gold_hit"] / t["gold"] if t["gold"] else 0.0
        lenient_f = 2 * lenient_p * lenient_r / (lenient_p + lenient_r) if lenient_p + lenient_r else 0.0
        per_label[label] = {"gold": t["gold"], "pred": t["pred"], "tp": t["tp"], **exact,
                            "lenient": {"precision": round(lenient_p, 4), "recall": round(lenient_r, 4), "f1": round(lenient_f, 4)},
                            "norm_accuracy": round(t["norm_ok"] / t["norm_total"], 4) if t["norm_total"] else None}
    return {"labels": per_label,
            "authors_accuracy": round(authors["ok"] / authors["total"], 4) if authors["total"] else None,
            "false_positives_by_rule": {k: v for k, v in sorted(false_pos.items())},
            "false_negatives_by_label": {k: v for k, v in sorted(false_neg.items())},
            "normalisation_mismatches": mismatched,
            # per rule id: exact hits, false positives, and gold spans missed that the rule
            # overlapped (a boundary error); gold spans no rule touched count under "(no rule) LABEL"
            "per_rule": {rule: {"tp": c["tp"], "fp": c["fp"], "fn": c["fn"]} for rule, c in sorted(per_rule.items())}}


def _overlap(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def format_table(report: dict) -> str:
    header = f"{'label':<13}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}{'lenF1':>8}{'norm':>8}"
    lines = [header, "-" * len(header)]
    for label, row in report["labels"].items():
        norm = "-" if row["norm_accuracy"] is None else f"{row['norm_accuracy']:.3f}"
        lines.append(f"{label:<13}{row['gold']:>6}{row['pred']:>6}{row['precision']:>8.3f}{row['recall']:>8.3f}"
                     f"{row['f1']:>8.3f}{row['lenient']['f1']:>8.3f}{norm:>8}")
    if report.get("authors_accuracy") is not None:
        lines.append(f"meta.authors accuracy: {report['authors_accuracy']:.3f}")
    lines.append("(norm: MINISTRY/COMMITTEE codes, DATE value, DOSSIER_REF ids, POLICY_THEME theme, COMMITMENT actor)")
    return "\n".join(lines)


def format_rules(report: dict) -> str:
    """Per rule id: TP, FP, FN (missed gold spans it overlapped, or that no rule touched)."""
    rows = report.get("per_rule") or {}
    if not rows:
        return ""
    width = max(24, *(len(r) + 2 for r in rows))
    lines = [f"{'rule':<{width}}{'TP':>6}{'FP':>6}{'FN':>6}"]
    lines.append("-" * len(lines[0]))
    for rule, c in rows.items():
        lines.append(f"{rule:<{width}}{c['tp']:>6}{c['fp']:>6}{c['fn']:>6}")
    return "\n".join(lines)


def format_errors(report: dict, limit: int = 10) -> str:
    lines = [format_rules(report), ""] if report.get("per_rule") else []
    lines.append("False positives by rule:")
    for rule, items in report["false_positives_by_rule"].items():
        lines.append(f"  {rule} ({len(items)}): " + " | ".join(repr(i["text"][:60]) for i in items[:limit]))
    lines.append("False negatives by label:")
    for label, items in report["false_negatives_by_label"].items():
        lines.append(f"  {label} ({len(items)}): " + " | ".join(repr(i["text"][:60]) for i in items[:limit]))
    if report["normalisation_mismatches"]:
        lines.append("Normalisation mismatches:")
        for m in report["normalisation_mismatches"][:limit * 3]:
            lines.append(f"  {m['label']} {m['text'][:50]!r}: gold {m['gold']} pred {m['pred']} ({m['rule']})")
    return "\n".join(lines)
