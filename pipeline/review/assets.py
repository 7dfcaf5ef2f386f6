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
"""

DOC_JS = "(function () {\n\"use strict\";\nvar COLORS = " + json.dumps({k: list(v) for k, v in COLORS.items()}) + ";\nvar LANE = " + str(LANE_PX) + ";\n" + _COMMON_JS + """
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

var params = kstHashParams();
kstSetSelect("filter-theme", params.theme);
kstSetSelect("filter-actor", params.actor);
kstSetSelect("filter-confidence", params.confidence);
if (params.hide !== undefined) {
  var hide = params.hide.split(",");
  for (var b = 0; b < boxes.length; b++) if (hide.indexOf(boxes[b].getAttribute("data-filter-label")) >= 0) boxes[b].checked = false;
}
paint();
if (params.span !== undefined && cards[params.span]) select([params.span], document.querySelector('.seg[data-spans~="' + params.span + '"]'));
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
var params = kstHashParams();
kstSetSelect("filter-label", params.label);
kstSetSelect("filter-theme", params.theme);
kstSetSelect("filter-actor", params.actor);
paint();
document.body.setAttribute("data-ready", "1");
})();
"""
