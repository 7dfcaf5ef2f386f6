"""Render the review report: an index page and one page per document.

Everything that comes from a record (text, ids, labels, attribute values, rule ids, urls) goes
through `esc` (html.escape with quote=True) before it reaches the page; urls are linked only
when they are http(s). Each page carries a Content-Security-Policy that allows no network
access and only its own inline script (by sha256), so even a mistake in escaping could not run
a script from a document.
"""

import base64
import collections
import heapq
import hashlib
import html
import json
import re
from urllib.parse import urlsplit

from .assets import COLORS, CSS, DOC_JS, INDEX_JS, LANE_PX

LABEL_ORDER = ("MINISTRY", "COMMITTEE", "DATE", "DOSSIER_REF", "POLICY_THEME", "COMMITMENT")
_LABEL_RE = re.compile(r"^[A-Z][A-Z0-9_]{0,40}$")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def esc(value) -> str:
    """html.escape(quote=True), and control characters (NUL...) shown as U+FFFD."""
    return html.escape(_CONTROL.sub("\ufffd", "" if value is None else str(value)), quote=True)


def label_class(label) -> str:
    """A CSS-safe label name: known labels as they are, anything else OTHER."""
    return label if isinstance(label, str) and label in COLORS else "OTHER"


def safe_url(url):
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'")


def page(title: str, body: str, script: str, body_class: str, body_attrs: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{esc(_csp(script))}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="referrer" content="no-referrer">\n'
            f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n"
            f'<body class="{esc(body_class)}"{" " + body_attrs if body_attrs else ""}>\n{body}\n<script>{script}</script>\n</body>\n</html>\n')


# --- Values shown for a span ----------------------------------------------------------------------

def as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [v for v in value if v is not None]
    return [value]


def themes_of(span: dict) -> list:
    attrs = span.get("attrs") or {}
    if span.get("label") == "POLICY_THEME":
        return [str(t) for t in as_list(attrs.get("theme"))]
    if span.get("label") == "COMMITMENT":
        return [str(t) for t in as_list(attrs.get("themes"))]
    return []


def actors_of(span: dict) -> list:
    if span.get("label") != "COMMITMENT":
        return []
    return [str(a) for a in as_list((span.get("attrs") or {}).get("actor"))]


def value_of(span: dict) -> str:
    """The normalised value in one line (what evaluate's normalisation accuracy compares)."""
    attrs = span.get("attrs") or {}
    label = span.get("label")
    if label in ("MINISTRY", "COMMITTEE"):
        value = ", ".join(map(str, as_list(attrs.get("ministries"))))
        return f"{value} ({attrs['role']})" if attrs.get("role") and value else value
    if label == "DATE":
        value = "" if attrs.get("value") is None else str(attrs.get("value"))
        extra = [f"{k} {attrs[k]}" for k in ("type", "mod", "signal") if attrs.get(k)]
        return value + (f" ({', '.join(extra)})" if extra else "")
    if label == "DOSSIER_REF":
        return ", ".join(str(r.get("id")) for r in attrs.get("refs") or [] if isinstance(r, dict) and r.get("id"))
    if label == "POLICY_THEME":
        return ", ".join(themes_of(span))
    if label == "COMMITMENT":
        parts = []
        if actors_of(span):
            parts.append("actor " + ", ".join(actors_of(span)))
        if attrs.get("modality"):
            parts.append(str(attrs["modality"]))
        if attrs.get("deadline"):
            parts.append(f"deadline {attrs['deadline']}")
        if themes_of(span):
            parts.append("themes " + ", ".join(themes_of(span)))
        return "; ".join(parts)
    return json.dumps(attrs, ensure_ascii=False, sort_keys=True) if attrs else ""


def ref_links(span: dict) -> list:
    """(id, url or None) for each ref of a DOSSIER_REF span."""
    links = []
    for ref in (span.get("attrs") or {}).get("refs") or []:
        if isinstance(ref, dict):
            links.append((ref.get("id") or ref.get("kind") or "ref", safe_url(ref.get("url"))))
    return links


def _attr_value(value) -> str:
    if isinstance(value, (dict, list)):
        return f"<code>{esc(json.dumps(value, ensure_ascii=False, sort_keys=True))}</code>"
    return esc(value)


# --- Corrections: the editor of a span, the record for the script -------------------------------

# the attributes a reviewer corrects, per label: (attribute, kind) with kind list, text or a choice
EDITABLE = {
    "COMMITMENT": (("actor", "list"), ("modality", ("firm", "intent", "ongoing")), ("deadline", "text"), ("themes", "list")),
    "MINISTRY": (("ministries", "list"),),
    "COMMITTEE": (("ministries", "list"),),
    "DATE": (("value", "text"),),
    "POLICY_THEME": (("theme", "text"),),
}
ADDED_RULE = "review.kst"


def data_block(element_id: str, value) -> str:
    """Data for the page's script as JSON in an attribute of a hidden element, escaped like every
    other value (no data ever sits inside a <script> element)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return f'<div hidden id="{esc(element_id)}" data-json="{esc(text)}"></div>'


def span_key(span: dict) -> str:
    return f"{span['start']}:{span['end']}:{span['label']}"


def _field(name: str, kind, value) -> str:
    if isinstance(kind, tuple):
        options = "".join(f'<option value="{esc(v)}"{" selected" if v == value else ""}>{esc(v)}</option>'
                          for v in ("",) + kind)
        return f'<label>{esc(name)} <select data-attr="{esc(name)}" data-kind="choice">{options}</select></label>'
    shown = ", ".join(map(str, as_list(value))) if kind == "list" else ("" if value is None else str(value))
    return (f'<label>{esc(name)} <input type="text" data-attr="{esc(name)}" data-kind="{esc(kind)}" '
            f'value="{esc(shown)}"></label>')


def editor(span: dict, doc_id: str) -> str:
    """Accept / reject buttons, the label's editable attributes and a note; the script saves
    every change under the document id and the span's key."""
    attrs = span.get("attrs") or {}
    fields = "".join(_field(name, kind, attrs.get(name)) for name, kind in EDITABLE.get(span.get("label"), ()))
    return (f'<div class="editor" data-doc="{esc(doc_id)}" data-key="{esc(span_key(span))}">'
            '<button type="button" data-act="accept" title="accept (a)">accept</button>'
            '<button type="button" data-act="reject" title="reject (r)">reject</button>'
            '<span class="decision"></span>'
            f'<div class="fields">{fields}<label>note <input type="text" data-note value=""></label></div></div>')


def add_tool(labels=()) -> str:
    """The review toolbar: with labels, a text selection becomes a new span; always the keys
    and the download of every decision kept in this browser."""
    draw = ""
    if labels:
        options = "".join(f'<option value="{esc(l)}">{esc(l)}</option>' for l in labels)
        draw = ('Select missed text, then: <select id="add-label">' + options + '</select> '
                '<input type="text" id="add-value" placeholder="theme / value / codes"> '
                '<button type="button" id="add-span">add span</button> <span id="add-msg"></span> · ')
    return (f'<div class="addtool" id="addtool">{draw}keys: j/k next/previous span, a accept, r reject · '
            '<button type="button" id="download">download corrections</button> <span id="saved"></span></div>')


def review_body_attrs(run: str, config: str) -> str:
    return f'data-run="{esc(run)}" data-config="{esc(config)}"'


# --- Laying out overlapping spans ------------------------------------------------------------------

def valid_spans(text: str, spans: list) -> tuple:
    """(spans to show, warnings): spans outside the text or whose text disagrees are left out."""
    good, warnings = [], []
    for span in spans:
        start, end = span.get("start"), span.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            warnings.append(f"span {start}:{end} {span.get('label')} lies outside the text; not shown")
            continue
        if span.get("text") is not None and text[start:end] != span.get("text"):
            warnings.append(f"span {start}:{end} {span.get('label')} says {span.get('text')!r} but the text there is "
                            f"{text[start:end]!r}; not shown")
            continue
        good.append(span if span.get("text") is not None else dict(span, text=text[start:end]))
    return good, warnings


def assign_lanes(spans: list) -> list:
    """Lane per span (parallel list): overlapping spans never share a lane, longest outermost;
    each span takes the lowest lane free at its start (heaps: n log n)."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i]["start"], -spans[i]["end"]))
    busy, free, lanes, count = [], [], [0] * len(spans), 0  # busy: (end, lane)
    for i in order:
        while busy and busy[0][0] <= spans[i]["start"]:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            lane = heapq.heappop(free)
        else:
            lane, count = count, count + 1
        lanes[i] = lane
        heapq.heappush(busy, (spans[i]["end"], lane))
    # the outermost (longest) spans were placed first: draw them lowest, nested ones above
    return lanes


def segments(text: str, spans: list) -> list:
    """(start, end, [span indexes covering it]) pieces that cover the text, in one sweep."""
    starting, ending = collections.defaultdict(list), collections.defaultdict(list)
    for i, s in enumerate(spans):
        starting[s["start"]].append(i)
        ending[s["end"]].append(i)
    points = sorted({0, len(text)} | set(starting) | set(ending))
    out, active = [], set()
    for a, b in zip(points, points[1:]):
        active.difference_update(ending.get(a, ()))
        active.update(starting.get(a, ()))
        out.append((a, b, sorted(active)))
    return out


def _seg_style(spans: list, lanes: list, covering: list) -> str:
    images, positions, tint, tint_len = [], [], None, None
    for i in covering:
        label = label_class(spans[i]["label"])
        bar, light = COLORS[label]
        images.append(f"linear-gradient({bar},{bar})")
        positions.append(f"0 calc(100% - {lanes[i] * LANE_PX}px)")
        length = spans[i]["end"] - spans[i]["start"]
        if label != "COMMITMENT" and (tint_len is None or length < tint_len):
            tint, tint_len = light, length
        if label == "COMMITMENT" and tint is None:
            tint = light
    style = f"background-image:{','.join(images)};background-position:{','.join(positions)}"
    return style + (f";background-color:{tint}" if tint else "")


def _tooltip(span: dict) -> str:
    value = value_of(span)
    rule = span.get("rule") or "no rule"
    return f"{span.get('label')}{': ' + value if value else ''} [{rule}]"


# --- Document page ---------------------------------------------------------------------------------

def document_page(record: dict, index_href: str = "../index.html", run: str = "", config: str = "") -> tuple:
    """(html, warnings) for one record; run and config key the reviewer's decisions."""
    text = record.get("text") or ""
    meta = record.get("meta") or {}
    spans, warnings = valid_spans(text, record.get("spans") or [])
    spans = sorted(spans, key=lambda s: (s["start"], -s["end"], str(s.get("label"))))
    lanes = assign_lanes(spans)
    pad = (max(lanes) + 1) * LANE_PX if lanes else 0

    pieces = []
    for a, b, covering in segments(text, spans):
        chunk = esc(text[a:b])
        if not covering:   # data-o: where the piece starts in the text, for spans drawn by a reviewer
            pieces.append(f'<span class="t" data-o="{a}">{chunk}</span>')
            continue
        title = "\n".join(_tooltip(spans[i]) for i in covering)
        pieces.append(f'<span class="seg" data-spans="{" ".join(map(str, covering))}" '
                      f'style="{esc(_seg_style(spans, lanes, covering))}" title="{esc(title)}" data-o="{a}">{chunk}</span>')

    counts = collections.Counter(label_class(s["label"]) for s in spans)
    chips = []
    for label in [l for l in LABEL_ORDER if counts[l]] + [l for l in counts if l not in LABEL_ORDER]:
        chips.append(f'<label class="chip"><input type="checkbox" data-filter-label="{esc(label)}" checked>'
                     f'<span class="sw" style="background:{COLORS[label][0]}"></span>{esc(label)} '
                     f'<span class="n">{counts[label]}</span></label>')
    themes = sorted({t for s in spans for t in themes_of(s)})
    actors = sorted({a for s in spans for a in actors_of(s)})

    cards, rows = [], []
    for i, span in enumerate(spans):
        label = label_class(span["label"])
        attrs = span.get("attrs") or {}
        facts = [("value", esc(value_of(span)) or "—"), ("rule", f"<code>{esc(span.get('rule') or '—')}</code>"),
                 ("offsets", f"{span['start']}–{span['end']}")]
        links = ref_links(span)
        if links:
            facts.append(("refs", " ".join(
                f'<a href="{esc(url)}" rel="noopener noreferrer" target="_blank">{esc(ref_id)}</a>' if url else esc(ref_id)
                for ref_id, url in links)))
        for key in sorted(attrs):
            if key != "refs":
                facts.append((esc(key), _attr_value(attrs[key])))
        quote = text[span["start"]:span["end"]]
        quote = quote if len(quote) <= 300 else quote[:300] + " …"
        cards.append(
            f'<div class="card" data-span="{i}" data-label="{esc(label)}" data-lane="{lanes[i]}" '
            f'data-len="{span["end"] - span["start"]}" data-themes="{esc("|".join(themes_of(span)))}" '
            f'data-actors="{esc("|".join(actors_of(span)))}" data-confidence="{esc(attrs.get("confidence") or "")}" '
            f'style="--c:{COLORS[label][0]}" hidden>'
            f'<h3><span class="lab" style="--c:{COLORS[label][0]}">{esc(span["label"])}</span></h3>'
            f'<p class="quote">{esc(quote)}</p>{editor(span, str(record.get("id")))}<dl>'
            + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts) + "</dl></div>")
        ref_cell = " ".join(
            f'<a href="{esc(url)}" rel="noopener noreferrer" target="_blank">{esc(ref_id)}</a>' if url else esc(ref_id)
            for ref_id, url in links)
        short = span["text"] if len(span["text"]) <= 120 else span["text"][:120] + " …"
        rows.append(f'<tr data-span="{i}" data-label="{esc(label)}" data-key="{esc(span_key(span))}"><td><span class="lab" style="--c:{COLORS[label][0]}">'
                    f'{esc(span["label"])}</span></td><td>{esc(short)}</td><td>{esc(value_of(span))}'
                    f'{" " + ref_cell if ref_cell else ""}</td><td><code>{esc(span.get("rule") or "")}</code></td>'
                    f'<td class="num">{span["start"]}</td></tr>')

    facts = [esc(meta.get(k)) for k in ("date", "doc_type") if meta.get(k)]
    if meta.get("authors"):
        facts.append("authors " + esc(", ".join(map(str, as_list(meta["authors"])))))
    if meta.get("dossier"):
        facts.append("dossier " + esc(", ".join(map(str, as_list(meta["dossier"])))))
    warn = "".join(f'<p class="warn">{esc(w)}</p>' for w in warnings)
    body = (f'<header><a href="{esc(index_href)}">← all documents</a><h1 id="doc-id">{esc(record.get("id"))}</h1>'
            f'<p class="meta">{" · ".join(facts) or "&nbsp;"} · {len(text)} characters · <span id="shown">{len(spans)}</span> of {len(spans)} spans shown</p></header>\n'
            f'<form class="filters" id="filters">{"".join(chips) or "<span>no spans</span>"}'
            f'<label>theme <select id="filter-theme"><option value="">all</option>'
            + "".join(f'<option value="{esc(t)}">{esc(t)}</option>' for t in themes) + "</select></label>"
            f'<label>actor <select id="filter-actor"><option value="">all</option>'
            + "".join(f'<option value="{esc(a)}">{esc(a)}</option>' for a in actors) + "</select></label>"
            # commitments only: a reviewer starts with the surest or with the doubtful ones
            '<label>confidence <select id="filter-confidence"><option value="">all</option>'
            '<option value="high">high</option><option value="medium">medium or high</option>'
            '<option value="low-only">low only</option></select></label></form>\n'
            f"{add_tool(LABEL_ORDER)}{warn}<main><article id=\"text\" class=\"doc-text\" style=\"--pad:{pad}px\">{''.join(pieces)}</article>\n"
            f'<aside id="details"><p class="hint" id="hint">Click a highlighted passage (or a row below) for its spans: '
            f"label, normalised value, rule and attributes. Hover shows a summary.</p>{''.join(cards)}"
            '<ul id="added" title="spans you added"></ul></aside></main>\n'
            f'<section class="spans"><h2>Spans</h2><table id="span-table"><thead><tr><th>label</th><th>text</th>'
            f'<th>value</th><th>rule</th><th class="num">offset</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>'
            + data_block("kst-record", {k: record.get(k) for k in ("id", "text", "meta", "spans")}))
    return page(f"{record.get('id')} · kst review", body, DOC_JS, "page-doc", review_body_attrs(run, config)), warnings


# --- Index -----------------------------------------------------------------------------------------

def summarise(record: dict) -> dict:
    spans, _ = valid_spans(record.get("text") or "", record.get("spans") or [])
    labels = collections.Counter(s["label"] for s in spans)
    themes = collections.Counter(t for s in spans if s["label"] == "POLICY_THEME" for t in themes_of(s))
    commitments = [s for s in spans if s["label"] == "COMMITMENT"]
    modality = collections.Counter(str((s.get("attrs") or {}).get("modality") or "?") for s in commitments)
    actors = collections.Counter(a for s in commitments for a in actors_of(s))
    commitment_themes = {t for s in commitments for t in themes_of(s)}
    return {"labels": labels, "themes": themes, "modality": modality, "actors": actors,
            "all_themes": sorted(set(themes) | commitment_themes), "commitments": len(commitments)}


def index_page(entries: list, commitments_href: str = "") -> str:
    """entries: (record, page file name relative to the index, summary)."""
    total_labels, total_themes, total_actors = collections.Counter(), collections.Counter(), collections.Counter()
    for _, _, summary in entries:
        total_labels.update(summary["labels"])
        total_themes.update(summary["themes"])
        total_actors.update(summary["actors"])
    labels = [l for l in LABEL_ORDER] + sorted(l for l in total_labels if l not in LABEL_ORDER)
    all_themes = sorted({t for _, _, s in entries for t in s["all_themes"]})

    head = ("<tr><th>document</th><th>date</th><th>type</th>"
            + "".join(f'<th class="num"><span class="lab" style="--c:{COLORS[label_class(l)][0]}">{esc(l)}</span></th>' for l in labels)
            + "<th>commitments</th><th>themes</th><th>actors</th></tr>")
    rows = []
    for record, href, summary in entries:
        meta = record.get("meta") or {}
        excerpt = " ".join((record.get("text") or "").split())[:90]
        commit = ""
        if summary["commitments"]:
            commit = f'{summary["commitments"]} <span class="excerpt">(' + esc(", ".join(
                f"{m} {n}" for m, n in sorted(summary["modality"].items()))) + ")</span>"
        rows.append(
            f'<tr data-doc="{esc(record.get("id"))}" data-labels="{esc("|".join(sorted(summary["labels"])))}" '
            f'data-themes="{esc("|".join(summary["all_themes"]))}" data-actors="{esc("|".join(sorted(summary["actors"])))}">'
            f'<td><a href="{esc(href)}">{esc(record.get("id"))}</a><br><span class="excerpt">{esc(excerpt)}</span></td>'
            f'<td>{esc(meta.get("date") or "")}</td><td>{esc(meta.get("doc_type") or "")}</td>'
            + "".join(f'<td class="num">{summary["labels"].get(l, 0) or ""}</td>' for l in labels)
            + f"<td>{commit}</td><td>"
            + "".join(f'<span class="tag">{esc(t)} ×{n}</span>' for t, n in sorted(summary["themes"].items()))
            + "</td><td>" + "".join(f'<span class="tag">{esc(a)} ×{n}</span>' for a, n in sorted(summary["actors"].items()))
            + "</td></tr>")
    totals = "".join(f'<span class="chip"><span class="sw" style="background:{COLORS[label_class(l)][0]}"></span>{esc(l)} '
                     f'<span class="n">{total_labels.get(l, 0)}</span></span>' for l in labels)
    options = lambda values: "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)  # noqa: E731
    body = (f'<header><h1>Review: {len(entries)} documents</h1><p class="meta">'
            f'{sum(total_labels.values())} spans · {total_labels.get("COMMITMENT", 0)} commitments · '
            f'{len(all_themes)} themes · <span id="shown">{len(entries)}</span> documents shown'
            + (f' · <a href="{esc(commitments_href)}">commitments, summary per theme and actor</a>' if commitments_href else "")
            + '</p></header>\n'
            f'<form class="filters" id="filters"><label>label <select id="filter-label"><option value="">any</option>'
            f"{options(labels)}</select></label><label>theme <select id=\"filter-theme\"><option value=\"\">any</option>"
            f"{options(all_themes)}</select></label><label>actor <select id=\"filter-actor\"><option value=\"\">any</option>"
            f"{options(sorted(total_actors))}</select></label>"
            f'<label>id <input type="search" id="filter-id" placeholder="filter by id"></label></form>\n'
            f'<div class="index-wrap"><div class="totals">{totals}</div>'
            + ("<p>Themes: " + "".join(f'<span class="tag">{esc(t)} ×{n}</span>' for t, n in sorted(total_themes.items())) + "</p>"
               if total_themes else "")
            + f'<table id="documents"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>')
    return page("kst review", body, INDEX_JS, "page-index")
