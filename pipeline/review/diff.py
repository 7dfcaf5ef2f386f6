"""`kst diff A B`: what changed between two runs, so a rule edit's effect shows before it is kept.

Records are matched by id; spans by (start, end, label). A change is one of

    added      in B only (no span of that label overlaps it in A)
    removed    in A only (no span of that label overlaps it in B)
    boundary   a span of A and one of B with the same label overlap but differ in start/end
    changed    same start, end and label, but the normalised value (ministries, DATE value,
               refs ids, theme, COMMITMENT actor) or other attrs differ

counted per label and per rule (the rule of the B span, or of the A span when it was removed),
each with a few words of context around the span.
"""

import collections
import json
import re

from .records import keyed, normalised_value

KINDS = ("added", "removed", "boundary", "changed")


def context(text: str, start: int, end: int, words: int = 6) -> str:
    """'… five words before [[the span]] five words after …' on one line, blanks collapsed, a
    word glued to the span kept glued ("[[samenleving]].")."""
    left, right = text[max(0, start - 400):start], text[end:end + 400]
    before = re.search(r"(?:\S+\s+){0,%d}\S*$" % words, left)
    after = re.match(r"\S*(?:\s+\S+){0,%d}" % words, right)
    b, a = " ".join(before.group(0).split()), " ".join(after.group(0).split())
    inner = " ".join(text[start:end].split())
    if len(inner) > 120:
        inner = inner[:80] + " … " + inner[-30:]
    more_left = bool(left[:before.start()].strip()) or start > 400
    more_right = bool(right[after.end():].strip()) or end + 400 < len(text)
    return (("… " if more_left else "") + b + (" " if b and left[-1:].isspace() else "") + f"[[{inner}]]"
            + (" " if a and right[:1].isspace() else "") + a + (" …" if more_right else ""))


def _overlap(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _entry(kind: str, doc_id: str, text: str, a: dict | None, b: dict | None) -> dict:
    span = b or a
    entry = {"kind": kind, "id": doc_id, "label": span["label"], "rule": span.get("rule") or "(no rule)",
             "start": span["start"], "end": span["end"], "text": text[span["start"]:span["end"]],
             "context": context(text, span["start"], span["end"])}
    if a is not None:
        entry["before"] = {"start": a["start"], "end": a["end"], "value": normalised_value(a), "rule": a.get("rule"),
                           "attrs": a.get("attrs") or {}}
    if b is not None:
        entry["after"] = {"start": b["start"], "end": b["end"], "value": normalised_value(b), "rule": b.get("rule"),
                          "attrs": b.get("attrs") or {}}
    if kind == "boundary":
        entry["before_text"] = text[a["start"]:a["end"]]
    return entry


def diff_records(a: dict, b: dict, labels=None) -> list:
    text = b["text"]
    changes = []
    a_spans = [s for s in a.get("spans") or [] if labels is None or s["label"] in labels]
    b_spans = [s for s in b.get("spans") or [] if labels is None or s["label"] in labels]
    a_keys = {(s["start"], s["end"], s["label"]): s for s in a_spans}
    b_keys = {(s["start"], s["end"], s["label"]): s for s in b_spans}
    for key in sorted(a_keys.keys() & b_keys.keys()):
        sa, sb = a_keys[key], b_keys[key]
        if normalised_value(sa) != normalised_value(sb) or (sa.get("attrs") or {}) != (sb.get("attrs") or {}) \
                or sa.get("rule") != sb.get("rule"):
            changes.append(_entry("changed", b["id"], text, sa, sb))
    only_a = [a_keys[k] for k in sorted(a_keys.keys() - b_keys.keys())]
    only_b = [b_keys[k] for k in sorted(b_keys.keys() - a_keys.keys())]
    paired_b = set()
    for sa in only_a:
        partner = next((i for i, sb in enumerate(only_b)
                        if i not in paired_b and sb["label"] == sa["label"] and _overlap(sa, sb)), None)
        if partner is None:
            changes.append(_entry("removed", b["id"], text, sa, None))
        else:
            paired_b.add(partner)
            changes.append(_entry("boundary", b["id"], text, sa, only_b[partner]))
    for i, sb in enumerate(only_b):
        if i not in paired_b:
            changes.append(_entry("added", b["id"], text, None, sb))
    changes.sort(key=lambda c: (c["start"], c["label"], c["kind"]))
    return changes


def diff_runs(a_records: list, b_records: list, labels=None) -> dict:
    a_by_id = dict(keyed(a_records))
    b_by_id = dict(keyed(b_records))
    changes, text_changed = [], []
    for doc_id, b in b_by_id.items():
        a = a_by_id.get(doc_id)
        if a is None:
            continue
        if a["text"] != b["text"]:
            text_changed.append(doc_id)   # offsets are not comparable: the document itself changed
            continue
        changes.extend(dict(c, id=doc_id) for c in diff_records(a, b, labels))
    per_label = collections.defaultdict(collections.Counter)
    per_rule = collections.defaultdict(collections.Counter)
    for change in changes:
        per_label[change["label"]][change["kind"]] += 1
        per_rule[change["rule"]][change["kind"]] += 1
    totals_a = collections.Counter(s["label"] for r in a_records for s in r.get("spans") or [] if labels is None or s["label"] in labels)
    totals_b = collections.Counter(s["label"] for r in b_records for s in r.get("spans") or [] if labels is None or s["label"] in labels)
    return {
        "documents": {"a": len(a_by_id), "b": len(b_by_id), "both": len(a_by_id.keys() & b_by_id.keys()),
                      "only_a": sorted(a_by_id.keys() - b_by_id.keys()), "only_b": sorted(b_by_id.keys() - a_by_id.keys()),
                      "text_changed": sorted(text_changed)},
        "spans": {"a": dict(sorted(totals_a.items())), "b": dict(sorted(totals_b.items()))},
        "per_label": {k: {kind: v[kind] for kind in KINDS} for k, v in sorted(per_label.items())},
        "per_rule": {k: {kind: v[kind] for kind in KINDS} for k, v in sorted(per_rule.items())},
        "changes": changes,
    }


def _show_value(value) -> str:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "null" if value is None else str(value)


def format_diff(report: dict, limit: int = 20) -> str:
    docs = report["documents"]
    lines = [f"documents: {docs['both']} in both runs, {len(docs['only_a'])} only in A, {len(docs['only_b'])} only in B"
             + (f", {len(docs['text_changed'])} with a different text (not compared)" if docs["text_changed"] else "")]
    if not report["changes"]:
        lines.append("no span changes")
        return "\n".join(lines)

    def table(title, rows):
        width = max([32] + [len(name) + 1 for name in rows])  # as wide as the longest name: none is cut
        header = f"{title:<{width}}{'+added':>8}{'-removed':>9}{'~boundary':>10}{'~changed':>9}"
        out = [header, "-" * len(header)]
        for name, counts in rows.items():
            out.append(f"{name:<{width}}{counts['added']:>8}{counts['removed']:>9}{counts['boundary']:>10}{counts['changed']:>9}")
        return out

    lines += [""] + table("label", report["per_label"]) + [""] + table("rule", report["per_rule"])
    by_label = collections.defaultdict(list)
    for change in report["changes"]:
        by_label[change["label"]].append(change)
    sign = {"added": "+", "removed": "-", "boundary": "~", "changed": "~"}
    for label, items in sorted(by_label.items()):
        lines += ["", f"{label} ({len(items)} changes)"]
        for change in items[:limit]:
            if change["kind"] == "changed":
                what = f"{_show_value(change['before']['value'])} → {_show_value(change['after']['value'])}"
                if change["before"]["rule"] != change["after"]["rule"]:
                    what += f" (rule {change['before']['rule']} → {change['after']['rule']})"
                elif change["before"]["value"] == change["after"]["value"]:
                    a, b = change["before"]["attrs"], change["after"]["attrs"]
                    what = "; ".join(f"{k} {_show_value(a.get(k))} → {_show_value(b.get(k))}"
                                     for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)) or "attrs changed"
            elif change["kind"] == "boundary":
                what = f"was {change['before_text']!r}"
            else:
                what = _show_value((change.get("after") or change.get("before"))["value"])
            lines.append(f"  {sign[change['kind']]} {change['kind']:<8} {change['id']} [{change['rule']}] {what}")
            lines.append(f"      {change['context']}")
        if len(items) > limit:
            lines.append(f"  … {len(items) - limit} more (--limit, or --json for all)")
    return "\n".join(lines)
