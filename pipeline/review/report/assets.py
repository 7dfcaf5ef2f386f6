"""The report's inline CSS and JavaScript (no network: no CDN, no web fonts, no images).

The scripts never build HTML from data (no innerHTML): they only show, hide and restyle the
elements the Python side rendered, with every value already escaped.
"""

import json

# label -> (bar colour, light tint)
COLORS = {
    "MINISTRY": ("#2563eb", "#dbeafe"),
    "COMMITTEE": ("#0d9488", "#ccfbf1"),
    "DATE": ("#ea580c", "#ffedd5"),
    "DOSSIER_REF": ("#9333ea", "#f3e8ff"),
    "POLICY_THEME": ("#16a34a", "#dcfce7"),
    "COMMITMENT": ("#ca8a04", "#fef9c3"),
    "OTHER": ("#6b7280", "#f3f4f6"),
}
LANE_PX = 4   # each overlapping span gets its own underline, 3px high, 1px apart

CSS = """
:root { --ink:#1f2937; --muted:#6b7280; --line:#e5e7eb; --bg:#fafaf9; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color:var(--ink); background:var(--bg); }
header { padding: 14px 24px 8px; background:#fff; border-bottom:1px solid var(--line); }
header h1 { margin: 4px 0; font-size: 20px; word-break: break-all; }
header .meta { margin: 0; color: var(--muted); font-size: 13px; }
header a { color: #2563eb; text-decoration: none; font-size: 13px; }
.filters { display:flex; flex-wrap:wrap; gap:8px 16px; align-items:center; padding: 8px 24px; background:#fff; border-bottom:1px solid var(--line); position: sticky; top:0; z-index:2; font-size:13px; }
.filters select, .filters input[type=search] { font: inherit; padding: 2px 4px; }
.chip { display:inline-flex; align-items:center; gap:4px; padding:1px 8px 1px 4px; border-radius:12px; border:1px solid var(--line); background:#fff; cursor:pointer; user-select:none; }
.chip .sw { width:10px; height:10px; border-radius:2px; display:inline-block; }
.chip .n { color: var(--muted); }
.warn { margin: 8px 24px; padding: 6px 10px; background:#fef2f2; border:1px solid #fecaca; color:#991b1b; font-size:13px; }
main { display:grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 20px; padding: 16px 24px; align-items:start; }
.doc-text { background:#fff; border:1px solid var(--line); border-radius:6px; padding: 18px 22px; white-space: pre-wrap; overflow-wrap:anywhere; font: 15px/calc(1.6em + var(--pad)) Georgia, "DejaVu Serif", serif; }
.seg { padding-bottom: var(--pad); -webkit-box-decoration-break: clone; box-decoration-break: clone; background-repeat: no-repeat; background-size: 100% 3px; cursor: pointer; border-radius: 2px; }
.seg.off { background: none !important; cursor: auto; }
.seg.sel { outline: 2px solid #111827; outline-offset: 1px; }
aside { position: sticky; top: 52px; max-height: calc(100vh - 70px); overflow:auto; }
aside .hint { color: var(--muted); font-size: 13px; margin: 0 0 8px; }
.card { background:#fff; border:1px solid var(--line); border-left:4px solid var(--c, #6b7280); border-radius:6px; padding:8px 10px; margin-bottom:8px; font-size:13px; }
.card h3 { margin:0 0 4px; font-size: 13px; letter-spacing: .02em; }
.card .quote { font-family: Georgia, "DejaVu Serif", serif; margin: 0 0 6px; }
.card dl { display:grid; grid-template-columns: auto 1fr; gap: 2px 8px; margin:0; }
.card dt { color: var(--muted); }
.card dd { margin:0; overflow-wrap:anywhere; }
.card code, td code { font-size: 12px; background:#f3f4f6; padding:0 3px; border-radius:3px; }
section.spans { padding: 0 24px 24px; }
table { border-collapse: collapse; width: 100%; background:#fff; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background:#f9fafb; position: sticky; top: 42px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr[data-span] { cursor: pointer; }
tr[data-span]:hover { background:#f9fafb; }
.lab { display:inline-block; padding: 0 6px; border-radius: 3px; color:#fff; font-size: 11px; font-weight: 600; background: var(--c, #6b7280); }
.tag { display:inline-block; padding: 0 6px; margin: 1px 2px 1px 0; border-radius: 10px; background:#f3f4f6; font-size: 12px; }
.index-wrap { padding: 16px 24px; }
.totals { display:flex; flex-wrap: wrap; gap: 8px; margin: 0 0 12px; }
.excerpt { color: var(--muted); font-size: 12px; }
.addtool { padding: 6px 24px; background:#fffbeb; border-bottom:1px solid var(--line); font-size:13px; }
.addtool input, .addtool select, .editor input, .editor select { font: inherit; font-size: 12px; padding: 1px 3px; }
.editor { margin: 4px 0 6px; font-size: 12px; }
.editor button { font: inherit; font-size: 12px; padding: 0 6px; margin-right: 4px; cursor: pointer; }
.editor .fields { display:flex; flex-wrap:wrap; gap: 2px 8px; margin-top: 3px; }
.editor .decision { font-weight: 600; }
[data-decision="accept"] .decision { color: #15803d; }
[data-decision="reject"] .decision { color: #b91c1c; }
.card[data-decision="reject"] .quote, tr[data-decision="reject"] td { text-decoration: line-through; color: var(--muted); }
tr[data-decision="accept"] td:first-child, .card[data-decision="accept"] { box-shadow: inset 3px 0 0 #16a34a; }
.cur { outline: 2px solid #111827; outline-offset: -2px; }
tr.crow:hover { background:#f9fafb; }
th[data-sort] { cursor: pointer; }
.ctx { margin: 2px 0; color: var(--muted); font-size: 12px; }
.ctx b { color: var(--ink); font-weight: normal; }
table.summary { margin: 0 0 16px; width: auto; }
#added li { font-size: 12px; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } aside { position: static; max-height: none; } }
"""

_COMMON_JS = """
function kstSplit(s) { return s ? s.split("|") : []; }
// a commitment's attrs.confidence against the filter: "high", "medium" (or higher), "low-only"
function kstConfident(level, want) {
  var rank = {low: 0, medium: 1, high: 2};
  if (want === "low-only") return level === "low";
  return (rank[level] === undefined ? 0 : rank[level]) >= rank[want];
}
function kstHashParams() {
  var out = {}, h = window.location.hash.replace(/^#/, "");
  h.split("&").forEach(function (part) {
    if (!part) return;
    var i = part.indexOf("=");
    var k = decodeURIComponent(i < 0 ? part : part.slice(0, i));
    out[k] = i < 0 ? "" : decodeURIComponent(part.slice(i + 1));
  });
  return out;
}
function kstSetSelect(id, value) {
  var el = document.getElementById(id);
  if (!el || value === undefined) return;
  for (var i = 0; i < el.options.length; i++) { if (el.options[i].value === value) { el.value = value; } }
}
// the filters named in the address (#theme=...&actor=...) set the selects of those names
function kstSelectsFromAddress(names) {
  var params = kstHashParams();
  names.forEach(function (name) { kstSetSelect("filter-" + name, params[name]); });
  return params;
}
"""

REVIEW_JS = r"""
// --- corrections: decisions kept in localStorage under run and config hash, downloaded as JSONL
var KST_RUN = document.body.getAttribute("data-run") || "", KST_CONFIG = document.body.getAttribute("data-config") || "";
var KST_KEY = "kst-review|" + KST_RUN + "|" + KST_CONFIG;
function kstLoad() {
  try { var s = JSON.parse(window.localStorage.getItem(KST_KEY) || "{}"); if (s && s.docs) return s; } catch (e) {}
  return {docs: {}};
}
var kstStore = kstLoad();
function kstSave() {
  var msg = document.getElementById("saved");
  try { window.localStorage.setItem(KST_KEY, JSON.stringify(kstStore)); if (msg) msg.textContent = "saved in this browser"; }
  catch (e) { if (msg) msg.textContent = "could not save: " + e; }
}
function kstDoc(id, record) {
  var d = kstStore.docs[id];
  if (!d) { d = kstStore.docs[id] = {record: record, spans: {}, added: []}; }
  if (!d.record && record) d.record = record;
  return d;
}
function kstListValue(v) { return v.split(",").map(function (x) { return x.trim(); }).filter(function (x) { return x; }); }
function kstFieldValue(el) {
  var kind = el.getAttribute("data-kind"), v = el.value.trim();
  if (kind === "list") return kstListValue(v);
  return v === "" ? null : v;
}
// editors: .editor[data-doc][data-key]; recordOf(docId) gives the record as exported
function kstEditors(recordOf) {
  var eds = document.querySelectorAll(".editor[data-doc]");
  function holder(ed) { return ed.closest(".card, tr") || ed; }
  function show(ed) {
    var d = kstStore.docs[ed.getAttribute("data-doc")], s = d && d.spans[ed.getAttribute("data-key")];
    var dec = s && s.decision ? s.decision : "";
    holder(ed).setAttribute("data-decision", dec);
    ed.querySelector(".decision").textContent = dec ? dec + "ed" : "";
    var fields = ed.querySelectorAll("[data-attr]");
    for (var i = 0; i < fields.length; i++) {
      var name = fields[i].getAttribute("data-attr");
      if (s && s.attrs && Object.prototype.hasOwnProperty.call(s.attrs, name)) {
        var v = s.attrs[name];
        fields[i].value = v === null ? "" : (Array.isArray(v) ? v.join(", ") : String(v));
      }
    }
    if (s && s.note) ed.querySelector("[data-note]").value = s.note;
  }
  function state(ed) {
    var id = ed.getAttribute("data-doc");
    var d = kstDoc(id, recordOf(id)), key = ed.getAttribute("data-key");
    if (!d.spans[key]) d.spans[key] = {};
    return d.spans[key];
  }
  function decide(ed, decision) {
    var s = state(ed);
    s.decision = s.decision === decision ? null : decision;   // pressing it again undoes it
    kstSave(); kstShowAll();
  }
  function kstShowAll() { for (var i = 0; i < eds.length; i++) show(eds[i]); }
  for (var i = 0; i < eds.length; i++) {
    (function (ed) {
      ed.addEventListener("click", function (ev) {
        var act = ev.target.getAttribute && ev.target.getAttribute("data-act");
        if (act) { ev.stopPropagation(); decide(ed, act); }
      });
      ed.addEventListener("change", function (ev) {
        var t = ev.target, s = state(ed);
        if (t.hasAttribute("data-note")) s.note = t.value;
        else if (t.hasAttribute("data-attr")) { s.attrs = s.attrs || {}; s.attrs[t.getAttribute("data-attr")] = kstFieldValue(t); }
        kstSave(); kstShowAll();
      });
      ed.addEventListener("keydown", function (ev) { ev.stopPropagation(); });
    })(eds[i]);
  }
  kstShowAll();
  return {decide: decide, refresh: kstShowAll};
}
function kstSortSpans(spans) {
  spans.sort(function (a, b) { return a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0); });
  return spans;
}
function kstCorrected(id, d) {
  var record = JSON.parse(JSON.stringify(d.record)), kept = [], rejected = [];
  (record.spans || []).forEach(function (span) {
    var s = d.spans[span.start + ":" + span.end + ":" + span.label];
    if (s && s.decision === "reject") { rejected.push({start: span.start, end: span.end, label: span.label, text: span.text, rule: span.rule || null, note: s.note || null}); return; }
    if (s) {
      if (s.attrs) { span.attrs = Object.assign({}, span.attrs || {}, s.attrs); }
      if (s.decision || s.attrs) span.review = s.decision || "edited";
      if (s.note) span.note = s.note;
    }
    kept.push(span);
  });
  (d.added || []).forEach(function (a) { kept.push(JSON.parse(JSON.stringify(a))); });
  record.spans = kstSortSpans(kept);
  record.meta = Object.assign({}, record.meta || {}, {review: {tool: "kst", answer: "accept", run: KST_RUN, config_hash: KST_CONFIG, rejected: rejected}});
  return record;
}
function kstDownloadText() {
  var ids = Object.keys(kstStore.docs).filter(function (id) {
    var d = kstStore.docs[id];
    return d.record && ((d.added || []).length || Object.keys(d.spans).some(function (k) { var s = d.spans[k]; return s.decision || s.attrs || s.note; }));
  }).sort();
  return ids.map(function (id) { return JSON.stringify(kstCorrected(id, kstStore.docs[id])) + "\n"; }).join("");
}
var dl = document.getElementById("download");
if (dl) dl.addEventListener("click", function () {
  var blob = new Blob([kstDownloadText()], {type: "application/x-ndjson"});
  var a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = "kst-corrections-" + (KST_RUN.replace(/\.jsonl$/, "").replace(/[^A-Za-z0-9._-]+/g, "-") || "run") + ".jsonl";
  document.body.appendChild(a); a.click(); a.remove();
});
function kstTyping(ev) { var t = ev.target && ev.target.tagName; return t === "INPUT" || t === "SELECT" || t === "TEXTAREA"; }
// keys for long runs: j/k next/previous, a accept, r reject (not while typing in a field)
function kstKeys(move, decide) {
  document.addEventListener("keydown", function (ev) {
    if (kstTyping(ev) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "j") move(1);
    else if (ev.key === "k") move(-1);
    else if (ev.key === "a" || ev.key === "r") decide(ev.key === "a" ? "accept" : "reject");
    else return;
    ev.preventDefault();
  });
}
"""

DOC_JS = "(function () {\n\"use strict\";\nvar COLORS = " + json.dumps({k: list(v) for k, v in COLORS.items()}) + ";\nvar LANE = " + str(LANE_PX) + ";\n" + _COMMON_JS + REVIEW_JS + """
var cards = {}, all = document.querySelectorAll(".card[data-span]");
for (var i = 0; i < all.length; i++) cards[all[i].getAttribute("data-span")] = all[i];
var segs = document.querySelectorAll(".seg");
var rows = document.querySelectorAll("tr[data-span]");
var boxes = document.querySelectorAll("input[data-filter-label]");
var hint = document.getElementById("hint");

function visible() {
  var labels = {}, vis = {};
  for (var i = 0; i < boxes.length; i++) labels[boxes[i].getAttribute("data-filter-label")] = boxes[i].checked;
  var theme = document.getElementById("filter-theme").value;
  var actor = document.getElementById("filter-actor").value;
  var confidence = document.getElementById("filter-confidence").value;
  Object.keys(cards).forEach(function (id) {
    var c = cards[id], label = c.getAttribute("data-label"), ok = labels[label] !== false;
    if (ok && theme && (label === "POLICY_THEME" || label === "COMMITMENT")) ok = kstSplit(c.getAttribute("data-themes")).indexOf(theme) >= 0;
    if (ok && actor && label === "COMMITMENT") ok = kstSplit(c.getAttribute("data-actors")).indexOf(actor) >= 0;
    if (ok && confidence && label === "COMMITMENT") ok = kstConfident(c.getAttribute("data-confidence"), confidence);
    vis[id] = ok;
  });
  return vis;
}

function paint() {
  var vis = visible();
  for (var i = 0; i < segs.length; i++) {
    var seg = segs[i], ids = seg.getAttribute("data-spans").split(" ");
    var images = [], positions = [], tint = null, tintLen = Infinity;
    ids.forEach(function (id) {
      if (!vis[id]) return;
      var c = cards[id], label = c.getAttribute("data-label"), color = COLORS[label] || COLORS.OTHER;
      var lane = parseInt(c.getAttribute("data-lane"), 10) || 0, len = parseInt(c.getAttribute("data-len"), 10) || 0;
      images.push("linear-gradient(" + color[0] + "," + color[0] + ")");
      positions.push("0 calc(100% - " + (lane * LANE) + "px)");
      if (label !== "COMMITMENT" && len < tintLen) { tint = color[1]; tintLen = len; }
      if (label === "COMMITMENT" && tint === null) tint = color[1];
    });
    seg.style.backgroundImage = images.join(",");
    seg.style.backgroundPosition = positions.join(",");
    seg.style.backgroundColor = tint || "";
    seg.classList.toggle("off", images.length === 0);
  }
  for (var j = 0; j < rows.length; j++) rows[j].hidden = !vis[rows[j].getAttribute("data-span")];
  var shown = 0;
  Object.keys(vis).forEach(function (id) { shown += vis[id] ? 1 : 0; });
  document.getElementById("shown").textContent = String(shown);
}

function select(ids, seg) {
  for (var i = 0; i < segs.length; i++) {
    var mine = segs[i].getAttribute("data-spans").split(" ").some(function (id) { return ids.indexOf(id) >= 0; });
    segs[i].classList.toggle("sel", mine && (!seg || ids.length === 1 || segs[i] === seg));
  }
  Object.keys(cards).forEach(function (id) { cards[id].hidden = ids.indexOf(id) < 0; });
  if (hint) hint.hidden = ids.length > 0;
}

document.getElementById("text").addEventListener("click", function (ev) {
  var seg = ev.target.closest ? ev.target.closest(".seg") : null;
  if (!seg || seg.classList.contains("off")) return;
  var vis = visible();
  select(seg.getAttribute("data-spans").split(" ").filter(function (id) { return vis[id]; }), seg);
});
for (var r = 0; r < rows.length; r++) {
  rows[r].addEventListener("click", function () {
    var id = this.getAttribute("data-span");
    var seg = document.querySelector('.seg[data-spans~="' + id + '"]');
    select([id], seg);
    if (seg && seg.scrollIntoView) seg.scrollIntoView({block: "center"});
  });
}
document.getElementById("filters").addEventListener("change", paint);

var params = kstSelectsFromAddress(["theme", "actor", "confidence"]);
if (params.hide !== undefined) {
  var hide = params.hide.split(",");
  for (var b = 0; b < boxes.length; b++) if (hide.indexOf(boxes[b].getAttribute("data-filter-label")) >= 0) boxes[b].checked = false;
}

// --- corrections on this page
var RECORD = JSON.parse(document.getElementById("kst-record").getAttribute("data-json"));
var DOC_ID = String(RECORD.id);
var editors = kstEditors(function () { return RECORD; });
var current = null;
function openSpan(id) {
  current = id;
  var seg = document.querySelector('.seg[data-spans~="' + id + '"]');
  select([id], seg);
  for (var i = 0; i < rows.length; i++) rows[i].classList.toggle("cur", rows[i].getAttribute("data-span") === id);
  if (seg && seg.scrollIntoView) seg.scrollIntoView({block: "center"});
}
function move(step) {
  var vis = visible(), order = [];
  for (var i = 0; i < rows.length; i++) if (vis[rows[i].getAttribute("data-span")]) order.push(rows[i].getAttribute("data-span"));
  if (!order.length) return;
  var at = order.indexOf(current);
  openSpan(order[at < 0 ? (step > 0 ? 0 : order.length - 1) : Math.min(order.length - 1, Math.max(0, at + step))]);
}
kstKeys(move, function (decision) { if (current !== null) editors.decide(cards[current].querySelector(".editor"), decision); });
// a drawn span: offsets are code points into the record's text; the page shows \\r\\n as one character
var CPS = Array.from(RECORD.text || "");
function toOffset(node, off) {
  var el = node.nodeType === 3 ? node.parentNode : (node.childNodes[off] || node);
  if (node.nodeType !== 3) off = 0;
  var piece = el.closest ? el.closest("[data-o]") : null;
  if (!piece) return null;
  var i = parseInt(piece.getAttribute("data-o"), 10), k = 0;
  while (k < off && i < CPS.length) {
    if (CPS[i] === "\\r" && CPS[i + 1] === "\\n") { i++; continue; }
    k += CPS[i].length; i++;
  }
  return i;
}
function renderAdded() {
  var list = document.getElementById("added");
  while (list.firstChild) list.removeChild(list.firstChild);
  var d = kstStore.docs[DOC_ID];
  ((d && d.added) || []).forEach(function (a, n) {
    var li = document.createElement("li"), b = document.createElement("button");
    li.textContent = a.label + " " + a.start + "–" + a.end + " “" + a.text + "” " + JSON.stringify(a.attrs) + " ";
    b.type = "button"; b.textContent = "remove";
    b.addEventListener("click", function () { d.added.splice(n, 1); kstSave(); renderAdded(); });
    li.appendChild(b); list.appendChild(li);
  });
}
document.getElementById("add-span").addEventListener("click", function () {
  var sel = window.getSelection(), say = document.getElementById("add-msg");
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { say.textContent = "select text in the document first"; return; }
  var r = sel.getRangeAt(0), text = document.getElementById("text");
  if (!text.contains(r.startContainer) || !text.contains(r.endContainer)) { say.textContent = "select text in the document"; return; }
  var start = toOffset(r.startContainer, r.startOffset), end = toOffset(r.endContainer, r.endOffset);
  if (start === null || end === null) { say.textContent = "could not place the selection"; return; }
  while (start < end && /\\s/.test(CPS[start])) start++;
  while (end > start && /\\s/.test(CPS[end - 1])) end--;
  if (start >= end) { say.textContent = "the selection is empty"; return; }
  var label = document.getElementById("add-label").value, value = document.getElementById("add-value").value.trim(), attrs = {};
  if (label === "POLICY_THEME" && value) attrs.theme = value;
  if (label === "DATE" && value) attrs.value = value;
  if ((label === "MINISTRY" || label === "COMMITTEE") && value) attrs.ministries = kstListValue(value);
  if (label === "COMMITMENT" && value) attrs.actor = kstListValue(value);
  var d = kstDoc(DOC_ID, RECORD);
  d.added.push({start: start, end: end, label: label, text: CPS.slice(start, end).join(""), attrs: attrs, rule: "review.kst", review: "added"});
  kstSave(); renderAdded();
  say.textContent = "added " + label + " " + start + "–" + end;
});
renderAdded();
paint();
if (params.span !== undefined && cards[params.span]) openSpan(params.span);
if (params.key !== undefined) {
  var byKey = document.querySelector('tr[data-key="' + params.key.replace(/[^0-9A-Z_:]/g, "") + '"]');
  if (byKey) openSpan(byKey.getAttribute("data-span"));
}
document.body.setAttribute("data-ready", "1");
})();
"""

INDEX_JS = "(function () {\n\"use strict\";\n" + _COMMON_JS + """
var rows = document.querySelectorAll("tr[data-doc]");
function paint() {
  var label = document.getElementById("filter-label").value;
  var theme = document.getElementById("filter-theme").value;
  var actor = document.getElementById("filter-actor").value;
  var query = document.getElementById("filter-id").value.toLowerCase();
  var shown = 0;
  for (var i = 0; i < rows.length; i++) {
    var row = rows[i], ok = true;
    if (label) ok = kstSplit(row.getAttribute("data-labels")).indexOf(label) >= 0;
    if (ok && theme) ok = kstSplit(row.getAttribute("data-themes")).indexOf(theme) >= 0;
    if (ok && actor) ok = kstSplit(row.getAttribute("data-actors")).indexOf(actor) >= 0;
    if (ok && query) ok = row.getAttribute("data-doc").toLowerCase().indexOf(query) >= 0;
    row.hidden = !ok;
    shown += ok ? 1 : 0;
  }
  document.getElementById("shown").textContent = String(shown);
}
document.getElementById("filters").addEventListener("change", paint);
document.getElementById("filter-id").addEventListener("input", paint);
kstSelectsFromAddress(["label", "theme", "actor"]);
paint();
document.body.setAttribute("data-ready", "1");
})();
"""

COMMITMENTS_JS = "(function () {\n\"use strict\";\n" + _COMMON_JS + REVIEW_JS + r"""
var RECORDS = JSON.parse(document.getElementById("kst-records").getAttribute("data-json"));
var editors = kstEditors(function (id) { return RECORDS[id]; });
var body = document.querySelector("#commitments tbody");
var rows = Array.prototype.slice.call(body.querySelectorAll("tr.crow"));
var today = new Date().toISOString().slice(0, 10);
var soon = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
document.getElementById("as-of").textContent = today;
rows.forEach(function (row) {   // status against today: open, due (within 30 days), overdue
  var end = row.getAttribute("data-end"), status = !end ? "open" : end < today ? "overdue" : end <= soon ? "due" : "open";
  row.setAttribute("data-status", status);
  row.querySelector(".status").textContent = status;
});
function bound(v, hi) {
  v = v.trim();
  if (!v) return "";
  var m = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(v);
  if (m) v = m[3] + "-" + ("0" + m[2]).slice(-2) + "-" + ("0" + m[1]).slice(-2);
  if (v.length === 4) return v + (hi ? "-12-31" : "-01-01");
  if (v.length === 7) return v + (hi ? "-31" : "-01");
  return v;
}
function paint() {
  var theme = document.getElementById("filter-theme").value, actor = document.getElementById("filter-actor").value;
  var modality = document.getElementById("filter-modality").value, status = document.getElementById("filter-status").value;
  var confidence = document.getElementById("filter-confidence").value, by = document.getElementById("filter-by").value;
  var lo = bound(document.getElementById("filter-from").value, false), hi = bound(document.getElementById("filter-to").value, true);
  var shown = 0;
  rows.forEach(function (row) {
    var ok = true;
    if (theme) ok = kstSplit(row.getAttribute("data-themes")).indexOf(theme) >= 0;
    if (ok && actor) ok = kstSplit(row.getAttribute("data-actors")).indexOf(actor) >= 0;
    if (ok && modality) ok = row.getAttribute("data-modality") === modality;
    if (ok && status) ok = row.getAttribute("data-status") === status;
    if (ok && confidence) ok = kstConfident(row.getAttribute("data-confidence"), confidence);
    if (ok && (lo || hi)) {
      var a = by === "document" ? row.getAttribute("data-date") : row.getAttribute("data-start");
      var b = by === "document" ? row.getAttribute("data-date") : row.getAttribute("data-end");
      ok = !!a && (!lo || b >= lo) && (!hi || a <= hi);
    }
    row.hidden = !ok;
    shown += ok ? 1 : 0;
  });
  document.getElementById("shown").textContent = String(shown);
}
var sortKey = null, sortDir = 1;
var heads = document.querySelectorAll("th[data-sort]");
for (var h = 0; h < heads.length; h++) {
  heads[h].addEventListener("click", function () {
    var key = this.getAttribute("data-sort"), col = Array.prototype.indexOf.call(this.parentNode.children, this);
    sortDir = sortKey === key ? -sortDir : 1; sortKey = key;
    function value(row) { return key === "deadline" ? (row.getAttribute("data-start") || "~") : row.children[col].textContent.trim() || "~"; }
    rows.sort(function (a, b) { var x = value(a), y = value(b); return x < y ? -sortDir : x > y ? sortDir : 0; });
    rows.forEach(function (row) { body.appendChild(row); });
  });
}
var current = -1;
function move(step) {
  var vis = rows.filter(function (r) { return !r.hidden; });
  if (!vis.length) return;
  var at = vis.indexOf(rows[current]);
  var next = vis[at < 0 ? (step > 0 ? 0 : vis.length - 1) : Math.min(vis.length - 1, Math.max(0, at + step))];
  rows.forEach(function (r) { r.classList.toggle("cur", r === next); });
  current = rows.indexOf(next);
  if (next.scrollIntoView) next.scrollIntoView({block: "center"});
}
kstKeys(move, function (decision) { if (current >= 0) editors.decide(rows[current].querySelector(".editor"), decision); });
document.getElementById("filters").addEventListener("change", paint);
document.getElementById("filters").addEventListener("input", paint);
kstSelectsFromAddress(["theme", "actor", "status", "modality", "confidence"]);
paint();
document.body.setAttribute("data-ready", "1");
})();
"""
