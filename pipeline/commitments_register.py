"""A register of commitments (toezeggingen) from annotated records, as rows and as CSV.

Pure functions for the `kst commitments` command: `commitment_rows(records)` turns records
(GUIDELINES.md record format) into one row per COMMITMENT span, `filter_rows` selects by
theme, actor and deadline window, `write_csv` writes them.
"""

import csv
import datetime
import os
import re
import unicodedata
from pathlib import Path

from .rules import RuleFileError, read_yaml
from .timex import deadline_range

FIELDS = ("document", "actor", "modality", "deadline", "themes", "sentence", "start", "end", "link", "confidence")
CONFIDENCE_LEVELS = ("low", "medium", "high")
# a cell a spreadsheet would run as a formula (OWASP, CSV injection): =, +, -, @, tab, CR
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# terminal escape sequences (CSI, OSC) and other control characters in document text
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_]?)")
LIST_FIELDS = ("actor", "themes")
LIST_SEPARATOR = "; "
OFFICIAL_SITE = "https://zoek.officielebekendmakingen.nl/{}.html"
# ids of the official publications site: kst-30821-200, h-tk-20172018-70-1, ah-tk-20232024-387
_OFFICIAL_ID = re.compile(r"^(?:kst|h-tk|h-ek|ah-tk|ah-ek|stb|stcrt|trb|blg|kv-tk|kv-ek)-[\w-]+$")


def document_id(record: dict) -> str:
    """The document an excerpt comes from: meta.document, else the id without "#part"."""
    meta = record.get("meta") or {}
    return str(meta.get("document") or str(record.get("id", "")).split("#", 1)[0])


def document_link(record: dict) -> str:
    """Where a reader finds the document: meta.source when it is an address, else the
    official publications site for an official id, else ""."""
    meta = record.get("meta") or {}
    source = str(meta.get("source") or "")
    if source.startswith(("http://", "https://")):
        return source
    doc = document_id(record)
    return OFFICIAL_SITE.format(doc) if _OFFICIAL_ID.match(doc) else ""


def commitment_rows(records) -> list:
    """One row per COMMITMENT span of the records, in record and text order."""
    rows = []
    for record in records:
        text = record.get("text", "")
        doc, link = document_id(record), document_link(record)
        spans = sorted((s for s in record.get("spans", []) if s.get("label") == "COMMITMENT"),
                       key=lambda s: (s["start"], s["end"]))
        for span in spans:
            attrs = span.get("attrs") or {}
            rows.append({
                "document": doc,
                "actor": list(attrs.get("actor") or []),
                "modality": attrs.get("modality"),
                "deadline": attrs.get("deadline"),
                "themes": list(attrs.get("themes") or []),
                "sentence": span.get("text") or text[span["start"]:span["end"]],
                "start": span["start"],
                "end": span["end"],
                "link": link,
                "confidence": attrs.get("confidence"),
            })
    return rows


def csv_safe(value):
    """A cell a spreadsheet shows as text: a leading apostrophe before =, +, -, @, tab or CR."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def terminal_safe(text: str) -> str:
    """Document text for the terminal: escape sequences removed, control characters as spaces."""
    text = _ESCAPE.sub("", text)
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cf") and c not in "\u200d" else c for c in text)


def known_themes(configs) -> list:
    """The theme ids of configs/policy_theme/taxonomy.yml ([] when it cannot be read)."""
    try:
        data = read_yaml(Path(configs) / "policy_theme" / "taxonomy.yml") or {}
        return sorted(str(t["id"]) for t in data.get("themes") or () if isinstance(t, dict) and t.get("id"))
    except (RuleFileError, AttributeError, TypeError):
        return []


def known_actors(configs) -> list:
    """The ministry codes of configs/ministry/gazetteer.yml and "kabinet" ([] when unreadable)."""
    try:
        data = read_yaml(Path(configs) / "ministry" / "gazetteer.yml") or {}
        codes = {str(m["code"]) for m in data.get("ministries") or () if isinstance(m, dict) and m.get("code")}
    except (RuleFileError, AttributeError, TypeError):
        return []
    return sorted(codes | {"kabinet"}, key=str.lower) if codes else []


_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso(value: str):
    """DD-MM-YYYY (as Dutch users write it) as YYYY-MM-DD, anything else as it is; None for a
    day that does not exist ("2019-13-45", "31-02-2024")."""
    found = _DAY_MONTH_YEAR.fullmatch(value.strip())
    value = f"{found.group(3)}-{int(found.group(2)):02d}-{int(found.group(1)):02d}" if found else value.strip()
    if _ISO_DATE.fullmatch(value):
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return value


def filter_rows(rows, theme=None, actor=None, deadline_from=None, deadline_to=None, confidence=None) -> list:
    """Rows about theme, by actor (a ministry code or "kabinet"), with a deadline that
    falls (at least partly) inside deadline_from..deadline_to (ISO dates or any value
    `deadline_range` reads; either bound may be left out), of at least this confidence
    (low, medium, high). A row without a deadline is dropped as soon as a deadline bound is
    given; ValueError for a bound or level that cannot be read."""
    if confidence is not None and confidence not in CONFIDENCE_LEVELS:
        raise ValueError(f"not a confidence level: {confidence!r} (one of {', '.join(CONFIDENCE_LEVELS)})")
    least = CONFIDENCE_LEVELS.index(confidence) if confidence else 0
    bounds = []
    for value, side, option in ((deadline_from, 0, "--from"), (deadline_to, 1, "--to")):
        day = _iso(value) if value else None
        found = deadline_range(day) if day else None
        if value and found is None:
            raise ValueError(f"{option}: not a date: {value!r} (YYYY-MM-DD, DD-MM-YYYY, or a period: 2024, 2024-Q1, 2024-06)")
        bounds.append(found[side] if found else None)
    lo, hi = bounds
    out = []
    for row in rows:
        if theme and theme not in (row.get("themes") or []):
            continue
        if actor and actor.lower() not in {a.lower() for a in row.get("actor") or []}:
            continue
        if least and (row.get("confidence") not in CONFIDENCE_LEVELS
                      or CONFIDENCE_LEVELS.index(row["confidence"]) < least):
            continue
        if lo or hi:
            span = deadline_range(row.get("deadline"))
            if span is None or (lo and span[1] < lo) or (hi and span[0] > hi):
                continue
        out.append(row)
    return out


def write_csv(rows, path) -> None:
    """CSV with a header row (FIELDS), UTF-8; lists joined by "; ", no value as ""; cells
    that a spreadsheet would run as a formula start with an apostrophe (`csv_safe`). Written
    to a temporary file and moved into place, so a failed write leaves the old file."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                out = dict(row)
                for key in LIST_FIELDS:
                    out[key] = LIST_SEPARATOR.join(out.get(key) or [])
                for key in ("deadline", "confidence"):
                    if out.get(key) is None:
                        out[key] = ""
                writer.writerow({key: csv_safe(value) for key, value in out.items()})
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
