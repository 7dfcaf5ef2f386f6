"""How runs are compared, by evaluate, diff and learn alike: records by id (the n-th of an id
with the n-th), spans by the value they normalise to."""

import collections


def keyed(records: list) -> list:
    """(key, record) pairs: the id, or "id (2)" for the second record with that id (runs over
    several folders can hold one id twice), so the n-th of an id meets the n-th."""
    seen, out = collections.Counter(), []
    for record in records:
        seen[record["id"]] += 1
        n = seen[record["id"]]
        out.append((record["id"] if n == 1 else f"{record['id']} ({n})", record))
    return out


def normalised_value(span: dict):
    """What normalisation accuracy compares, per label."""
    attrs = span.get("attrs") or {}
    label = span["label"]
    if label in ("MINISTRY", "COMMITTEE"):
        return attrs.get("ministries")
    if label == "DATE":
        return attrs.get("value")
    if label == "DOSSIER_REF":
        return [ref.get("id") for ref in attrs.get("refs") or []]
    if label == "POLICY_THEME":
        return attrs.get("theme")
    if label == "COMMITMENT":
        return attrs.get("actor")
    return None
