"""The report's commitments page: every commitment of the run in one sortable, filterable
table (actor, modality, themes, deadline, status, confidence, document, the sentence with its
neighbours on demand), each with the same editor as on the document pages, and the summary
per theme and per actor.

The browser keeps decisions in localStorage under "kst-review|<run>|<config hash>" and
downloads them as JSONL records that `kst import FILE --from kst` reads (docs/review.md).
"""

import datetime
import re

from ..register import DUE_DAYS, commitment_rows, document_link, official_id, summarise, with_status
from ...common.timex import deadline_range
from .assets import COMMITMENTS_JS
from .html import add_tool, data_block, editor, esc, page, review_body_attrs, span_key

_SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n\s*\n")


def neighbours(text: str, start: int, end: int, reach: int = 400) -> tuple:
    """The sentence before and the sentence after a span (by stops and blank lines)."""
    before_text = text[max(0, start - reach):start]
    stops = [m.end() for m in _SENTENCE_END.finditer(before_text.rstrip())]
    before = before_text[stops[-2] if len(stops) > 1 else 0:].strip() if stops else before_text.strip()
    after_text = text[end:end + reach]
    m = _SENTENCE_END.search(after_text.lstrip(), 1)
    after = after_text.lstrip()[:m.end()] if m else after_text.strip()
    return " ".join(before.split()), " ".join(after.split())


def _status_end(deadline) -> str:
    found = deadline_range(deadline)
    return found[1] if found else ""


def commitments_page(entries: list, run: str, config: str, as_of: str | None = None) -> str:
    """entries: (record, page href relative to the report folder). One row per COMMITMENT."""
    as_of = as_of or datetime.date.today().isoformat()
    records = {}
    rows_html, all_rows = [], []
    for record, href in entries:
        rows = with_status(commitment_rows([record]), as_of)
        if not rows:
            continue
        records[str(record.get("id"))] = record
        spans = {(s["start"], s["end"]): s for s in record.get("spans") or [] if s.get("label") == "COMMITMENT"}
        link, own = document_link(record), official_id(record)
        text = record.get("text") or ""
        for row in rows:
            all_rows.append(row)
            span = spans[(row["start"], row["end"])]
            before, after = neighbours(text, row["start"], row["end"])
            doc_cell = f'<a href="{esc(href)}#key={esc(span_key(span))}">{esc(record.get("id"))}</a>'
            if link:
                doc_cell += f' <a class="ext" href="{esc(link)}" rel="noopener noreferrer" target="_blank">{esc(own or "source")}</a>'
            cells = {"actor": ", ".join(row["actor"]), "modality": row["modality"] or "", "themes": ", ".join(row["themes"]),
                     "deadline": row["deadline"] or "", "confidence": row["confidence"] or ""}
            rows_html.append(
                f'<tr class="crow" data-doc="{esc(record.get("id"))}" data-key="{esc(span_key(span))}" '
                f'data-actors="{esc("|".join(row["actor"]))}" data-themes="{esc("|".join(row["themes"]))}" '
                f'data-modality="{esc(cells["modality"])}" data-deadline="{esc(cells["deadline"])}" '
                f'data-end="{esc(_status_end(row["deadline"]))}" data-start="{esc((deadline_range(row["deadline"]) or ("",))[0])}" '
                f'data-confidence="{esc(cells["confidence"])}" data-date="{esc(row["document_date"] or "")}">'
                f'<td>{esc(cells["actor"])}</td><td>{esc(cells["modality"])}</td><td>{esc(cells["themes"])}</td>'
                f'<td>{esc(cells["deadline"])}</td><td class="status">{esc(row["status"])}</td><td>{esc(cells["confidence"])}</td>'
                f'<td>{doc_cell}<br><span class="excerpt">{esc(row["document_date"] or "")}</span></td>'
                f'<td><details><summary>{esc(row["sentence"])}</summary><p class="ctx">… {esc(before)}</p>'
                f'<p class="ctx"><b>{esc(row["sentence"])}</b></p><p class="ctx">{esc(after)} …</p></details>'
                f'{editor(span, str(record.get("id")))}</td></tr>')
    summary = summarise(all_rows)
    options = lambda values: "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)  # noqa: E731
    themes = sorted({t for r in all_rows for t in r["themes"]})
    actors = sorted({a for r in all_rows for a in r["actor"]}, key=str.lower)
    head = "".join(f'<th data-sort="{k}">{k}</th>' for k in
                   ("actor", "modality", "themes", "deadline", "status", "confidence", "document")) + "<th>sentence</th>"
    body = (f'<header><a href="index.html">← all documents</a><h1>Commitments: {len(all_rows)}</h1>'
            f'<p class="meta">status as of <span id="as-of">{esc(as_of)}</span> (due: deadline within {DUE_DAYS} days) · '
            f'<span id="shown">{len(all_rows)}</span> shown · click a column head to sort</p></header>\n'
            f'<form class="filters" id="filters"><label>theme <select id="filter-theme"><option value="">any</option>{options(themes)}</select></label>'
            f'<label>actor <select id="filter-actor"><option value="">any</option>{options(actors)}</select></label>'
            f'<label>modality <select id="filter-modality"><option value="">any</option>{options(("firm", "intent", "ongoing"))}</select></label>'
            f'<label>status <select id="filter-status"><option value="">any</option>{options(("open", "due", "overdue"))}</select></label>'
            '<label>confidence <select id="filter-confidence"><option value="">all</option><option value="high">high</option>'
            '<option value="medium">medium or high</option><option value="low-only">low only</option></select></label>'
            '<label>from <input type="text" id="filter-from" size="10" placeholder="2024-01-01"></label>'
            '<label>to <input type="text" id="filter-to" size="10" placeholder="2024-12-31"></label>'
            '<label>by <select id="filter-by"><option value="deadline">deadline</option><option value="document">document date</option></select></label>'
            '</form>\n' + add_tool()
            + f'<div class="index-wrap">{summary_html(summary)}<table id="commitments"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows_html)}</tbody></table></div>'
            + data_block("kst-records", records))
    return page("commitments · kst review", body, COMMITMENTS_JS, "page-commitments", review_body_attrs(run, config))


def summary_html(summary: dict) -> str:
    """The per theme and per actor summary (counts by modality and status, next deadlines)."""
    parts = []
    for part, title in (("themes", "theme"), ("actors", "actor")):
        modalities = sorted({m for g in summary[part].values() for m in g["modality"]})
        head = (f"<tr><th>{title}</th><th class=\"num\">total</th>" + "".join(f'<th class="num">{esc(m)}</th>' for m in modalities)
                + "".join(f'<th class="num">{s}</th>' for s in ("open", "due", "overdue")) + "<th>next deadlines</th></tr>")
        rows = "".join(
            f"<tr><td>{esc(name)}</td><td class=\"num\">{g['count']}</td>"
            + "".join(f'<td class="num">{g["modality"].get(m, 0)}</td>' for m in modalities)
            + "".join(f'<td class="num">{g["status"].get(s, 0)}</td>' for s in ("open", "due", "overdue"))
            + "<td>" + esc(", ".join(f"{d} ({doc})" for d, doc in g["next"]) or "—") + "</td></tr>"
            for name, g in summary[part].items())
        parts.append(f'<table class="summary" id="summary-{part}"><thead>{head}</thead><tbody>{rows}</tbody></table>')
    return '<section class="summary"><h2>Summary per theme and per actor</h2>' + "".join(parts) + "</section>"
