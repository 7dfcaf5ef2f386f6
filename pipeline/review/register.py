"""A register of commitments (toezeggingen) from annotated records, as rows and as CSV.

Pure functions for the `kst commitments` command: `commitment_rows(records)` turns records
(GUIDELINES.md record format) into one row per COMMITMENT span, `with_status` marks each open,
due or overdue against a day, `filter_rows` selects by theme, actor and a window on the
deadline or the document date, `summarise` counts them per theme and per actor, `write_csv`
writes them.
"""

import csv
import datetime
import os
import re
import unicodedata
from pathlib import Path

from ..common.rules import RuleFileError, read_yaml
from ..common.timex import deadline_range

FIELDS = ("document", "official_id", "document_date", "actor", "modality", "deadline", "deadline_signal", "status",
          "themes", "sentence", "start", "end", "link", "confidence")
STATUSES = ("open", "due", "overdue")
DUE_DAYS = 30   # a deadline that ends within this many days of --as-of is due
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


def _self_ref(record: dict) -> dict:
    """The document's own reference (a DOSSIER_REF with self: true), {} when there is none."""
    for span in record.get("spans") or ():
        attrs = span.get("attrs") or {}
        if span.get("label") == "DOSSIER_REF" and attrs.get("self"):
            for ref in attrs.get("refs") or ():
                if isinstance(ref, dict) and ref.get("id"):
                    return ref
    return {}


def official_id(record: dict) -> str:
    """The document's own official id: its header reference, else the id when it is official."""
    own = _self_ref(record).get("id")
    if own:
        return str(own)
    doc = document_id(record)
    return doc if _OFFICIAL_ID.match(doc) else ""


def document_link(record: dict) -> str:
    """Where a reader finds the document: meta.source (or meta.url) when it is an address, else
    the address of its own header reference, else the official publications site for an
    official id, else ""."""
    meta = record.get("meta") or {}
    for key in ("source", "url"):
        value = str(meta.get(key) or "")
        if value.startswith(("http://", "https://")):
            return value
    own = _self_ref(record).get("url")
    if isinstance(own, str) and own.startswith(("http://", "https://")):
        return own
    doc = official_id(record)
    return OFFICIAL_SITE.format(doc) if doc else ""


def _strings(value) -> list:
    """A list attribute as strings; a lone value (a hand-edited record) as a list of one."""
    if value is None or value == "":
        return []
    return [str(v) for v in value if v is not None] if isinstance(value, (list, tuple)) else [str(value)]


def commitment_rows(records) -> list:
    """One row per COMMITMENT span of the records, in record and text order."""
    rows = []
    for record in records:
        text = record.get("text", "")
        doc, link, own = document_id(record), document_link(record), official_id(record)
        doc_date = (record.get("meta") or {}).get("date")
        spans = sorted((s for s in record.get("spans", []) if s.get("label") == "COMMITMENT"),
                       key=lambda s: (s["start"], s["end"]))
        for span in spans:
            attrs = span.get("attrs") or {}
            rows.append({
                "document": doc,
                "official_id": own,
                "document_date": str(doc_date)[:10] if doc_date else None,
                "actor": _strings(attrs.get("actor")),
                "modality": attrs.get("modality"),
                "deadline": attrs.get("deadline"),
                "deadline_signal": attrs.get("deadline_signal"),
                "status": None,
                "themes": _strings(attrs.get("themes")),
                "sentence": span.get("text") or text[span["start"]:span["end"]],
                "start": span["start"],
                "end": span["end"],
                "link": link,
                "confidence": attrs.get("confidence"),
            })
    return rows


def status_of(deadline, as_of: str) -> str:
    """open (deadline ahead, or none), due (it ends within DUE_DAYS days of as_of), overdue
    (it ended before as_of). A period deadline ("2024-Q2") ends on its last day."""
    found = deadline_range(deadline)
    if found is None:
        return "open"
    if found[1] < as_of:
        return "overdue"
    soon = (datetime.date.fromisoformat(as_of) + datetime.timedelta(days=DUE_DAYS)).isoformat()
    return "due" if found[1] <= soon else "open"


def as_of_day(value=None) -> str:
    """--as-of as an ISO day (today when not given); ValueError for a day that cannot be read."""
    if not value:
        return datetime.date.today().isoformat()
    day = _iso(value)
    if not day or not _ISO_DATE.fullmatch(day):
        raise ValueError(f"--as-of: not a day: {value!r} (YYYY-MM-DD or DD-MM-YYYY)")
    return day


def with_status(rows, as_of: str) -> list:
    """The rows with `status` against the day as_of (ISO)."""
    return [dict(row, status=status_of(row.get("deadline"), as_of)) for row in rows]


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


def _bound(value, side: int, option: str):
    day = _iso(value) if value else None
    found = deadline_range(day) if day else None
    if value and found is None:
        raise ValueError(f"{option}: not a date: {value!r} (YYYY-MM-DD, DD-MM-YYYY, or a period: 2024, 2024-Q1, 2024-06)")
    return found[side] if found else None


BY_DATE = ("deadline", "document")


def filter_rows(rows, theme=None, actor=None, deadline_from=None, deadline_to=None, confidence=None,
                by_date="deadline", status=None) -> list:
    """Rows about theme, by actor (a ministry code or "kabinet"), whose date falls (at least
    partly) inside deadline_from..deadline_to (ISO dates or any value `deadline_range` reads;
    either bound may be left out), of at least this confidence (low, medium, high), of this
    status. The date is the deadline (by_date "deadline") or the document date ("document");
    a row without one is dropped as soon as a bound is given. ValueError for a bound, level
    or choice that cannot be read."""
    if confidence is not None and confidence not in CONFIDENCE_LEVELS:
        raise ValueError(f"not a confidence level: {confidence!r} (one of {', '.join(CONFIDENCE_LEVELS)})")
    if by_date not in BY_DATE:
        raise ValueError(f"--by-date must be one of {', '.join(BY_DATE)}, not {by_date!r}")
    if status is not None and status not in STATUSES:
        raise ValueError(f"--status must be one of {', '.join(STATUSES)}, not {status!r}")
    least = CONFIDENCE_LEVELS.index(confidence) if confidence else 0
    lo, hi = _bound(deadline_from, 0, "--from"), _bound(deadline_to, 1, "--to")
    field = "deadline" if by_date == "deadline" else "document_date"
    out = []
    for row in rows:
        if theme and theme not in (row.get("themes") or []):
            continue
        if actor and actor.lower() not in {a.lower() for a in row.get("actor") or []}:
            continue
        if least and (row.get("confidence") not in CONFIDENCE_LEVELS
                      or CONFIDENCE_LEVELS.index(row["confidence"]) < least):
            continue
        if status and row.get("status") != status:
            continue
        if lo or hi:
            span = deadline_range(row.get(field))
            if span is None or (lo and span[1] < lo) or (hi and span[0] > hi):
                continue
        out.append(row)
    return out


NO_THEME, NO_ACTOR = "(no theme)", "(no actor)"


def summarise(rows, next_deadlines: int = 3) -> dict:
    """Per theme and per actor: the number of commitments, by modality and by status, and the
    next deadlines (not overdue, earliest first). {"themes": {theme: group}, "actors": {...}},
    each group {"count", "modality": {..}, "status": {..}, "next": [(deadline, document)]}."""
    def group_by(key, empty):
        groups = {}
        for row in rows:
            for name in row.get(key) or [empty]:
                group = groups.setdefault(name, {"count": 0, "modality": {}, "status": {}, "next": []})
                group["count"] += 1
                modality = row.get("modality") or "?"
                group["modality"][modality] = group["modality"].get(modality, 0) + 1
                status = row.get("status") or "open"
                group["status"][status] = group["status"].get(status, 0) + 1
                found = deadline_range(row.get("deadline"))
                if found and status != "overdue":
                    group["next"].append((found[1], row["deadline"], row["document"]))
        for group in groups.values():
            group["next"] = [(deadline, doc) for _, deadline, doc in sorted(set(group["next"]))[:next_deadlines]]
        return dict(sorted(groups.items(), key=lambda item: (-item[1]["count"], item[0])))
    return {"themes": group_by("themes", NO_THEME), "actors": group_by("actor", NO_ACTOR)}


def summary_lines(summary: dict) -> list:
    """The summary as plain-text tables: one line per theme, then one per actor."""
    modalities = sorted({m for part in summary.values() for g in part.values() for m in g["modality"]})
    lines = []
    for part, title in (("themes", "theme"), ("actors", "actor")):
        groups = summary[part]
        width = max([len(title)] + [len(terminal_safe(name)) for name in groups])
        head = f"{title:<{width}} {'total':>5} " + " ".join(f"{m:>7}" for m in modalities) + \
            " " + " ".join(f"{s:>7}" for s in STATUSES) + "  next deadlines"
        lines += [head, "-" * len(head)]
        for name, g in groups.items():
            nxt = ", ".join(f"{deadline} ({doc})" for deadline, doc in g["next"]) or "-"
            lines.append(f"{terminal_safe(name):<{width}} {g['count']:>5} "
                         + " ".join(f"{g['modality'].get(m, 0):>7}" for m in modalities) + " "
                         + " ".join(f"{g['status'].get(s, 0):>7}" for s in STATUSES) + "  " + terminal_safe(nxt))
        lines.append("")
    return lines


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
                for key in ("deadline", "deadline_signal", "confidence", "document_date", "status"):
                    if out.get(key) is None:
                        out[key] = ""
                writer.writerow({key: csv_safe(value) for key, value in out.items()})
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
