"""`kst learn`: propose rule changes from reviewed corrections, as a patch that is not applied.

Reviewed records (after `kst import`) are compared with the run they were reviewed from (or,
without one, with what the pipeline predicts on their texts now). Per document:

    missed     a reviewed span no base span of its label overlaps: the rules did not find it
    rejected   a base span no reviewed span of its label overlaps: the reviewer removed it
    boundary   overlapping spans of one label with other offsets     (reported, no edit)
    value      same offsets, another normalised value                (reported, no edit)

and the findings become edits of configs/, each where that component keeps such rules:

    missed POLICY_THEME    a term of its theme in policy_theme/taxonomy.yml
    missed MINISTRY/COMM.  a name (or abbreviation) of its ministry in ministry/gazetteer.yml
    missed DATE            a candidate pattern, commented out, in date/grammar.yml
    missed DOSSIER_REF     a candidate pattern, commented out, in dossier_ref/patterns.yml
    missed COMMITMENT      reported only (add its verb to commitment/verbs.yml or a phrase to
                           commitment/cues.yml by hand)
    rejected POLICY_THEME  an exclusion of its theme in policy_theme/taxonomy.yml
    rejected DATE          a veto in date/grammar.yml
    rejected DOSSIER_REF   an `ignore` pseudo pattern in dossier_ref/patterns.yml
    rejected COMMITMENT    a skip pattern in commitment/cues.yml
    rejected MINISTRY/COMM. a line of ministry/exceptions.txt (a new list: the ministry
                           component must read it; see docs/review.md)

An exclusion is the span's exact text, widened with the word before and/or after when the
exact text is also a reviewed (kept) span elsewhere; when every widening still hits a kept
span it is reported instead. Rule files are edited as text (comments and layout stay), every
edited YAML file is parsed again, and the result is one unified diff (git apply / patch -p1
from the folder that holds configs/), with the findings as '#' lines before the first diff.
"""

import collections
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .records import keyed, normalised_value
from .exchange.common import is_reviewed_truth
from ..common.rules import read_yaml

COMPONENT = {"MINISTRY": "ministry", "COMMITTEE": "ministry", "DATE": "date", "DOSSIER_REF": "dossier_ref",
             "POLICY_THEME": "policy_theme", "COMMITMENT": "commitment"}
TAXONOMY = "policy_theme/taxonomy.yml"
GAZETTEER = "ministry/gazetteer.yml"
GRAMMAR = "date/grammar.yml"
DOSSIER_PATTERNS = "dossier_ref/patterns.yml"
CUES = "commitment/cues.yml"
VERBS = "commitment/verbs.yml"


# --- Findings ---------------------------------------------------------------------------------------

@dataclass
class Finding:
    kind: str              # missed, rejected, boundary, value
    label: str
    doc_id: str
    text: str
    start: int
    end: int
    context: str
    span: dict             # the reviewed span (missed, boundary, value) or the base span (rejected)
    other: dict | None = None   # the base span of a boundary/value finding

    def as_dict(self) -> dict:
        data = {k: v for k, v in vars(self).items() if k not in ("span", "other")}
        data["rule"] = (self.other or self.span).get("rule") if self.kind != "missed" else None
        return data


def _overlap(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def compare(reviewed: list, base: list) -> tuple:
    """(findings, notes): what the review changed relative to the base run."""
    from .diff import context

    base_by_id = {key: r for key, r in keyed(base)}
    findings, notes = [], []
    for key, record in keyed(reviewed):
        if not is_reviewed_truth(record):
            continue
        other = base_by_id.get(key)
        if other is None:
            notes.append(f"{record['id']}: not in the base run; skipped")
            continue
        if other["text"] != record["text"]:
            notes.append(f"{record['id']}: the text differs from the base run's; skipped")
            continue
        text = record["text"]
        mine = {(s["start"], s["end"], s["label"]): s for s in record["spans"]}
        theirs = {(s["start"], s["end"], s["label"]): s for s in other["spans"]}
        for key in sorted(mine.keys() & theirs.keys()):
            if normalised_value(mine[key]) != normalised_value(theirs[key]) and (mine[key].get("attrs") or {}):
                s = mine[key]
                findings.append(Finding("value", s["label"], record["id"], s["text"], s["start"], s["end"],
                                        context(text, s["start"], s["end"]), s, theirs[key]))
        for key in sorted(mine.keys() - theirs.keys()):
            s = mine[key]
            near = [b for k, b in theirs.items() if k not in mine and b["label"] == s["label"] and _overlap(s, b)]
            kind = "boundary" if near else "missed"
            findings.append(Finding(kind, s["label"], record["id"], s["text"], s["start"], s["end"],
                                    context(text, s["start"], s["end"]), s, near[0] if near else None))
        for key in sorted(theirs.keys() - mine.keys()):
            b = theirs[key]
            if any(r["label"] == b["label"] and _overlap(r, b) for k, r in mine.items() if k not in theirs):
                continue   # already reported as a boundary change
            findings.append(Finding("rejected", b["label"], record["id"], b["text"], b["start"], b["end"],
                                    context(text, b["start"], b["end"]), b))
    return findings, notes


# --- Editing rule files as text -----------------------------------------------------------------------

class Edits:
    """Text edits of files under configs/, collected, then applied bottom-up per file."""

    def __init__(self, configs: Path):
        self.configs = Path(configs)
        self.original: dict = {}
        self.inserts = collections.defaultdict(list)    # path -> [(after line index, [lines], order)]
        self.replaced = collections.defaultdict(dict)   # path -> {line index: new text}
        self.order = 0

    def lines(self, rel: str) -> list:
        if rel not in self.original:
            path = self.configs / rel
            self.original[rel] = path.read_text(encoding="utf-8") if path.is_file() else None
        text = self.original[rel]
        return [] if text is None else text.split("\n")

    def exists(self, rel: str) -> bool:
        return (self.configs / rel).is_file()

    def insert_after(self, rel: str, index: int, new_lines: list) -> None:
        self.lines(rel)
        self.order += 1
        self.inserts[rel].append((index, list(new_lines), self.order))

    def replace_line(self, rel: str, index: int, new_text: str) -> None:
        self.lines(rel)
        self.replaced[rel][index] = new_text

    def current(self, rel: str, index: int) -> str:
        return self.replaced[rel].get(index, self.lines(rel)[index])

    def result(self, rel: str) -> str:
        lines = self.lines(rel)
        for index, text in self.replaced[rel].items():
            lines[index] = text
        if self.original[rel] is None:
            lines = []
        for index, new_lines, _ in sorted(self.inserts[rel], key=lambda x: (x[0], x[2]), reverse=True):
            lines[index + 1:index + 1] = new_lines
        text = "\n".join(lines)
        if self.original[rel] is None:
            text += "\n"
        return text

    def changed(self) -> list:
        return sorted(rel for rel in self.original if self.inserts[rel] or self.replaced[rel])

    def patch(self, prefix: str) -> str:
        out = []
        for rel in self.changed():
            old = self.original[rel]
            new = self.result(rel)
            path = f"{prefix}/{rel}"
            old_lines = [] if old is None else old.splitlines(keepends=True)
            new_lines = new.splitlines(keepends=True)
            for lines in (old_lines, new_lines):
                if lines and not lines[-1].endswith("\n"):
                    lines[-1] += "\n"   # (files here end with a newline; keep the diff simple)
            out.append(f"diff --git a/{path} b/{path}\n")
            if old is None:
                out.append("new file mode 100644\n")
            out.extend(difflib.unified_diff(old_lines, new_lines, "/dev/null" if old is None else f"a/{path}", f"b/{path}"))
        return "".join(out)


def _last_line(node, fallback: int) -> int:
    """The last line (0-based) a YAML node occupies, as far as the loader's marks tell."""
    last = fallback
    lc = getattr(node, "lc", None)
    if isinstance(node, dict) and lc is not None:
        for key in node:
            try:
                line = lc.value(key)[0]
            except (KeyError, TypeError):
                line = lc.key(key)[0]
            last = max(last, _last_line(node[key], line))
    elif isinstance(node, list) and lc is not None:
        for i, item in enumerate(node):
            last = max(last, _last_line(item, lc.item(i)[0]))
    return last


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _append_items(edits: Edits, rel: str, parent, key: str, items: list) -> bool:
    """Append block items (lists of 'key: value' lines, first key gets the dash) to the sequence
    parent[key]. Handles an empty flow sequence ("exclusions: []")."""
    seq = parent.get(key) if isinstance(parent, dict) else None
    if not isinstance(seq, list):
        return False
    if len(seq) == 0:
        line, col = parent.lc.key(key)
        text = edits.current(rel, line)
        if not re.search(r":\s*\[\s*\]\s*(#.*)?$", text):
            return False
        edits.replace_line(rel, line, re.sub(r":\s*\[\s*\]", ":", text, count=1))
        item_col = col + 4     # "- " indented two more than the key, as the rule files do
        after = line
    else:
        first_line = seq.lc.item(0)[0]
        if seq.lc.item(0)[0] == parent.lc.key(key)[0]:
            return False   # a flow sequence on the key's line: not appended to here
        item_col = seq.lc.item(len(seq) - 1)[1]
        if not edits.current(rel, first_line)[:item_col].rstrip().endswith("-"):
            return False   # not a block sequence of mappings
        after = _last_line(seq[len(seq) - 1], seq.lc.item(len(seq) - 1)[0])
    new_lines = []
    for item in items:
        for n, line in enumerate(item):
            new_lines.append(" " * (item_col - 2) + ("- " if n == 0 else "  ") + line)
    edits.insert_after(rel, after, new_lines)
    return True


def _append_flow(edits: Edits, rel: str, parent, key: str, value: str) -> bool:
    """Add a value to a one-line flow sequence ("names: [A, B]")."""
    if key not in parent or not isinstance(parent[key], list):
        return False
    line = parent.lc.key(key)[0]
    text = edits.current(rel, line)
    code = text.split("#", 1)[0].rstrip()
    if not code.endswith("]") or "[" not in code:
        return False
    shown = value if re.fullmatch(r"[\w&.'’ -]+", value) and not value[0] in "&'" else '"' + value.replace('"', '\\"') + '"'
    inner = code[code.index("[") + 1:-1].strip()
    new_code = code[:-1] + (", " if inner else "") + shown + "]"
    edits.replace_line(rel, line, new_code + text[len(code):])
    return True


def guarded_edit(edits: Edits, rel: str, attempt) -> bool:
    """Run an edit; undo it when it fails or the file no longer parses."""
    saved = (list(edits.inserts[rel]), dict(edits.replaced[rel]))
    if attempt() and (not rel.endswith(".yml") or _check_yaml(edits, rel)):
        return True
    edits.inserts[rel], edits.replaced[rel] = saved
    return False


def _check_yaml(edits: Edits, rel: str) -> bool:
    from ruamel.yaml import YAML

    try:
        YAML(typ="safe").load(edits.result(rel))
        return True
    except Exception:
        return False


# --- Regexes from span text ------------------------------------------------------------------------

def literal_regex(text: str) -> str:
    """The exact text, any run of blanks as \\s+, not glued to a word on either side."""
    parts = [re.escape(p) for p in text.split()]
    body = r"\s+".join(parts)
    if text.strip() and re.match(r"\w", text.strip()[0]):
        body = r"(?<![\w])" + body
    if text.strip() and re.match(r"\w", text.strip()[-1]):
        body += r"(?![\w])"
    return body


def pattern_regex(text: str) -> str:
    """A candidate pattern: digits generalised to \\d+, blanks to \\s+, the rest literal."""
    out = []
    for piece in re.findall(r"\s+|\d+|[^\s\d]+", text):
        if piece.isspace():
            out.append(r"\s+")
        elif piece.isdigit():
            out.append(r"\d{%d}" % len(piece) if len(piece) == 4 else r"\d+")
        else:
            out.append(re.escape(piece))
    return "".join(out)


def slug(text: str, limit: int = 40) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_")[:limit].strip("_") or "span"


def _words_around(text: str, start: int, end: int) -> tuple:
    before = re.search(r"(\S+)\s+$", text[max(0, start - 60):start])
    after = re.match(r"\s+(\S+)", text[end:end + 60])
    strip = lambda w: w.strip(".,;:()«»\"'“”‘’")  # noqa: E731
    return (strip(before.group(1)) if before else ""), (strip(after.group(1)) if after else "")


def exclusion_regex(finding: Finding, records: list, kept: list) -> str | None:
    """A regex for a rejected span that matches no kept span of its label: the text with the word
    before it, else with the word after, else both, else the text alone (for a COMMITMENT
    sentence: the sentence). Context comes first because an exclusion of the bare words would
    switch the term off everywhere."""
    text = next(r["text"] for r in records if r["id"] == finding.doc_id)
    before, after = _words_around(text, finding.start, finding.end)
    candidates = []
    if finding.label != "COMMITMENT":      # a sentence is matched on its own: no context words
        if before:
            candidates.append(f"{before} {finding.text}")
        if after:
            candidates.append(f"{finding.text} {after}")
        if before and after:
            candidates.append(f"{before} {finding.text} {after}")
    candidates.append(finding.text)
    for words in candidates:
        regex = literal_regex(words)
        compiled = re.compile(regex, re.I)
        hits_kept = False
        for doc_text, spans in kept:
            for match in compiled.finditer(doc_text):
                if any(s["start"] < match.end() and match.start() < s["end"] for s in spans):
                    hits_kept = True
                    break
            if hits_kept:
                break
        if not hits_kept and compiled.search(text[max(0, finding.start - 80):finding.end + 80]):
            return regex
    return None


# --- Proposals --------------------------------------------------------------------------------------

@dataclass
class Proposal:
    finding: Finding
    file: str | None     # configs-relative file edited, None when only reported
    what: str            # one line for people
    count: int = 1


@dataclass
class LearnResult:
    findings: list = field(default_factory=list)
    proposals: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    patch: str = ""
    files: list = field(default_factory=list)

    def summary(self) -> dict:
        kinds = collections.Counter((f.kind, f.label) for f in self.findings)
        return {"findings": {f"{k} {l}": n for (k, l), n in sorted(kinds.items())},
                "edits": len([p for p in self.proposals if p.file]),
                "reported": len([p for p in self.proposals if not p.file]), "files": self.files}


def _theme_of(finding: Finding, reviewed: list) -> str | None:
    theme = (finding.span.get("attrs") or {}).get("theme")
    if theme:
        return theme
    for record in reviewed:   # the same words tagged with a theme elsewhere
        for s in record["spans"]:
            if s["label"] == "POLICY_THEME" and s["text"].lower() == finding.text.lower() and (s.get("attrs") or {}).get("theme"):
                return s["attrs"]["theme"]
    return None


def _find_theme(taxonomy, theme: str):
    for item in (taxonomy or {}).get("themes") or []:
        if isinstance(item, dict) and item.get("id") == theme:
            return item
    return None


def _phrase(text: str) -> str:
    """A taxonomy phrase for the words as written: lower case unless written in capitals, and
    without the phrase syntax characters."""
    words = [w.strip(".,;:«»\"“”") for w in re.sub(r"[*|()]", " ", text).split()]
    return " ".join(w if (w.isupper() and len(w) > 1) else w.lower() for w in words if w)


_TITLE = re.compile(r"^(?:de\s+|het\s+)?(?:ministers?-?president|ministers?|staatssecretariss?(?:en)?|ministeries?|"
                    r"(?:vaste\s+|algemene\s+)?(?:kamer)?commissie)\s+(?:van|voor|inzake)?\s*(?:de\s+|het\s+)?", re.I)


def _ministry_entry(gazetteer, code: str):
    best = None
    for item in (gazetteer or {}).get("ministries") or []:
        if not isinstance(item, dict):
            continue
        codes = [item.get("code")] if "code" in item else [c.get("code") for c in item.get("codes") or [] if isinstance(c, dict)]
        if code in codes[-1:] or (best is None and code in codes):
            if "names" in item and code in codes[-1:]:
                return item
            best = best or item
    return best


class Learner:
    def __init__(self, configs: Path, reviewed: list, base: list):
        self.configs = Path(configs)
        self.edits = Edits(configs)
        self.reviewed = reviewed
        self.base = base
        self.kept = collections.defaultdict(list)   # label -> [(text, spans)]
        for record in reviewed:
            if is_reviewed_truth(record):
                for label in COMPONENT:
                    spans = [s for s in record["spans"] if s["label"] == label]
                    if spans:
                        self.kept[label].append((record["text"], spans))
        self._yaml = {}
        self.ids_used = set()

    def yaml(self, rel: str):
        if rel not in self._yaml:
            self._yaml[rel] = read_yaml(self.configs / rel) if self.edits.exists(rel) else None
        return self._yaml[rel]

    def new_id(self, base_id: str) -> str:
        candidate, n = base_id, 2
        while candidate in self.ids_used or candidate in (self.edits.original.get(self._file_of(base_id)) or ""):
            candidate, n = f"{base_id}_{n}", n + 1
        self.ids_used.add(candidate)
        return candidate

    def _file_of(self, rule_id: str) -> str:
        return {"policy_theme": TAXONOMY, "date": GRAMMAR, "ignore": DOSSIER_PATTERNS, "dossier_ref": DOSSIER_PATTERNS,
                "skip": CUES}.get(rule_id.split(".", 1)[0], "")

    def _guarded(self, rel: str, attempt) -> bool:
        return guarded_edit(self.edits, rel, attempt)

    # missed ----------------------------------------------------------------------------------------
    def missed(self, f: Finding) -> Proposal:
        comment = f"# kst learn: missed in {f.doc_id}: {f.context}"
        comment = comment.replace("\n", " ")
        if f.label == "POLICY_THEME":
            theme = _theme_of(f, self.reviewed)
            taxonomy = self.yaml(TAXONOMY)
            item = _find_theme(taxonomy, theme) if theme else None
            phrase = _phrase(f.text)
            if item is None:
                why = "no theme given (set attrs.theme in review)" if not theme else f"theme {theme!r} is not in the taxonomy"
                return Proposal(f, None, f"missed POLICY_THEME {f.text!r}: {why}; add a term by hand")
            if any(str(t.get("phrase", "")).lower() == phrase.lower() for t in item.get("terms") or [] if isinstance(t, dict)):
                return Proposal(f, None, f"missed POLICY_THEME {f.text!r}: the taxonomy already has the phrase {phrase!r}; "
                                         "its matching or an exclusion misses it")
            term_id = self.new_id(f"policy_theme.{theme}.review_{slug(phrase)}")
            ok = self._guarded(TAXONOMY, lambda: _append_items(self.edits, TAXONOMY, item, "terms",
                                                               [[f"id: {term_id}", f"phrase: {_quote(phrase)}"]]))
            if ok:
                return Proposal(f, TAXONOMY, f"add term {phrase!r} to theme {theme}")
            return Proposal(f, None, f"missed POLICY_THEME {f.text!r} ({theme}): could not place a term in {TAXONOMY}")
        if f.label in ("MINISTRY", "COMMITTEE"):
            codes = [c for c in (f.span.get("attrs") or {}).get("ministries") or [] if c]
            name = _TITLE.sub("", f.text.strip()).strip(" ,.")
            gazetteer = self.yaml(GAZETTEER)
            if len(codes) != 1 or not name or gazetteer is None:
                return Proposal(f, None, f"missed {f.label} {f.text!r}: give one ministry code in attrs.ministries to learn a name")
            entry = _ministry_entry(gazetteer, codes[0])
            if entry is None:
                return Proposal(f, None, f"missed {f.label} {f.text!r}: no gazetteer entry with code {codes[0]}")
            key = "abbreviations" if (name.replace("&", "").isupper() and len(name) <= 8 and " " not in name) else "names"
            known = [str(v).lower() for k in ("names", "title_names", "abbreviations") for v in entry.get(k) or []]
            if name.lower() in known:
                return Proposal(f, None, f"missed {f.label} {f.text!r}: {name!r} is already in the gazetteer ({entry.get('id')})")
            if self._guarded(GAZETTEER, lambda: _append_flow(self.edits, GAZETTEER, entry, key, name)):
                return Proposal(f, GAZETTEER, f"add {key[:-1] if key == 'names' else 'abbreviation'} {name!r} to {entry.get('id')} ({codes[0]})")
            return Proposal(f, None, f"missed {f.label} {f.text!r}: could not add {name!r} to {entry.get('id')}")
        if f.label in ("DATE", "DOSSIER_REF"):
            rel = GRAMMAR if f.label == "DATE" else DOSSIER_PATTERNS
            data = self.yaml(rel)
            if data is None or not isinstance(data.get("patterns"), list) or not data["patterns"]:
                return Proposal(f, None, f"missed {f.label} {f.text!r}: candidate regex {pattern_regex(f.text)!r}")
            prefix = "date" if f.label == "DATE" else "review"
            rule_id = self.new_id(f"{prefix}.review_{slug(f.text)}")
            seq = data["patterns"]
            after = _last_line(seq[len(seq) - 1], seq.lc.item(len(seq) - 1)[0])
            col = seq.lc.item(len(seq) - 1)[1]
            pad = " " * (col - 2)
            kind = "point" if f.label == "DATE" else "kamerstuk"
            lines = [pad + comment[:160], pad + "# (a candidate: set kind and named groups, then remove the '#' to switch it on)",
                     pad + f"# - id: {rule_id}", pad + f"#   kind: {kind}", pad + f"#   regex: {_quote(pattern_regex(f.text))}"]
            self.edits.insert_after(rel, after, lines)
            return Proposal(f, rel, f"candidate pattern (commented out) {rule_id} for {f.text!r}")
        return Proposal(f, None, f"missed {f.label} in {f.doc_id}: {f.context!r}: add its verb to {VERBS} or a phrase to {CUES}")

    # rejected --------------------------------------------------------------------------------------
    def rejected(self, f: Finding) -> Proposal:
        regex = exclusion_regex(f, self.reviewed, self.kept[f.label])
        if regex is None:
            return Proposal(f, None, f"rejected {f.label} {f.text!r} ({f.span.get('rule')}): the same words are kept "
                                     "elsewhere, even with a word of context; fix the rule by hand")
        comment = f"kst learn: rejected in {f.doc_id}: {f.context}".replace("\n", " ")[:160]
        if f.label == "POLICY_THEME":
            theme = (f.span.get("attrs") or {}).get("theme")
            item = _find_theme(self.yaml(TAXONOMY), theme) if theme else None
            if item is not None:
                rule_id = self.new_id(f"policy_theme.{theme}.exclude_review_{slug(f.text)}")
                if self._guarded(TAXONOMY, lambda: _append_items(self.edits, TAXONOMY, item, "exclusions",
                                                                 [[f"id: {rule_id}  # {comment}", f"regex: {_quote(regex)}"]])):
                    return Proposal(f, TAXONOMY, f"exclusion {regex!r} for theme {theme}")
        elif f.label == "DATE" and self.yaml(GRAMMAR) is not None:
            rule_id = self.new_id(f"veto.review_{slug(f.text)}")
            if self._guarded(GRAMMAR, lambda: _append_items(self.edits, GRAMMAR, self.yaml(GRAMMAR), "vetoes",
                                                            [[f"id: {rule_id}  # {comment}", f"regex: {_quote(regex)}"]])):
                return Proposal(f, GRAMMAR, f"veto {regex!r}")
        elif f.label == "DOSSIER_REF" and self.yaml(DOSSIER_PATTERNS) is not None:
            rule_id = self.new_id(f"ignore.review_{slug(f.text)}")
            if self._guarded(DOSSIER_PATTERNS, lambda: _append_items(
                    self.edits, DOSSIER_PATTERNS, self.yaml(DOSSIER_PATTERNS), "patterns",
                    [[f"id: {rule_id}  # {comment}", "kind: ignore", "priority: 10", f"regex: {_quote(regex)}"]])):
                return Proposal(f, DOSSIER_PATTERNS, f"ignore pattern {regex!r}")
        elif f.label == "COMMITMENT" and self.yaml(CUES) is not None:
            rule_id = self.new_id(f"skip.review_{slug(f.text, 30)}")
            if self._guarded(CUES, lambda: _append_items(self.edits, CUES, self.yaml(CUES), "skip",
                                                         [[f"id: {rule_id}  # kst learn: rejected in {f.doc_id}",
                                                           f"regex: {_quote(regex)}"]])):
                return Proposal(f, CUES, f"skip pattern for the sentence {f.text[:60]!r}")
        return self._exceptions_txt(f)

    def _exceptions_txt(self, f: Finding) -> Proposal:
        """Fallback: the exact text (blanks as one space) in configs/<component>/exceptions.txt."""
        rel = f"{COMPONENT.get(f.label, f.label.lower())}/exceptions.txt"
        line = " ".join(f.text.split())
        if "#" in line or "\t" in line:
            return Proposal(f, None, f"rejected {f.label} {f.text!r}: holds '#' or a TAB, cannot go into {rel}")
        lines = self.edits.lines(rel)
        existing = {l.strip() for l in lines if l.strip() and not l.lstrip().startswith("#")}
        pending = {l.strip() for _, new, _ in self.edits.inserts[rel] for l in new if not l.lstrip().startswith("#")}
        if line in existing or line in pending:
            return Proposal(f, rel if line in pending else None, f"rejected {f.label} {line!r}: already in {rel}")
        if self.edits.original[rel] is None and not self.edits.inserts[rel]:
            header = ["# Reviewed false positives: a span whose text (blanks as one space) equals a line here is",
                      "# dropped. One text a line; '#' starts a comment. Written by `kst learn`, edited by people."]
            self.edits.insert_after(rel, -1, header)
        last = max(len([l for l in lines]) - 1, -1)
        if lines and lines[-1] == "":
            last -= 1
        self.edits.insert_after(rel, last, [f"# {f.doc_id}: {f.context}".replace("\n", " ")[:200], line])
        return Proposal(f, rel, f"exception {line!r} in {rel}")


def learn(reviewed: list, base: list, configs: Path, min_count: int = 1) -> LearnResult:
    findings, notes = compare(reviewed, base)
    result = LearnResult(findings=findings, notes=notes)
    learner = Learner(configs, reviewed, base)
    groups = collections.OrderedDict()
    for f in findings:
        if f.kind in ("missed", "rejected"):
            groups.setdefault((f.kind, f.label, " ".join(f.text.split()).lower()), []).append(f)
    for (kind, label, _), items in groups.items():
        if len(items) < min_count:
            result.proposals.append(Proposal(items[0], None, f"{kind} {label} {items[0].text!r} seen {len(items)}× "
                                                             f"(below --min-count {min_count})", len(items)))
            continue
        proposal = learner.missed(items[0]) if kind == "missed" else learner.rejected(items[0])
        proposal.count = len(items)
        result.proposals.append(proposal)
    for f in findings:
        if f.kind == "boundary":
            result.proposals.append(Proposal(f, None, f"boundary {f.label}: reviewed {f.text!r}, the rule "
                                                      f"{(f.other or {}).get('rule')} gave {(f.other or {}).get('text')!r}"))
        elif f.kind == "value":
            result.proposals.append(Proposal(f, None, f"value {f.label} {f.text!r}: reviewed {normalised_value(f.span)!r}, "
                                                      f"the rule {(f.other or {}).get('rule')} gave {normalised_value(f.other)!r}"))
    prefix = Path(configs).resolve().name
    result.files = [f"{prefix}/{rel}" for rel in learner.edits.changed()]
    result.patch = learner.edits.patch(prefix)
    return result


def render_patch(result: LearnResult) -> str:
    """The patch with the findings as '#' lines before the first diff (git apply and patch skip them)."""
    head = ["# kst learn: proposed rule changes from reviewed corrections. NOT applied.",
            "# Review, then from the folder holding configs/:  git apply outputs/learn.patch  (or patch -p1 < ...),",
            "# then `kst build` and `kst evaluate` to see the effect, `kst diff` against the old run.", "#"]
    for p in result.proposals:
        where = p.file or "report only"
        count = f" (×{p.count})" if p.count > 1 else ""
        head.append(f"# [{where}] {p.what}{count}".replace("\n", " "))
    for note in result.notes:
        head.append(f"# note: {note}")
    if not result.patch:
        head.append("# (no edits proposed)")
    return "\n".join(head) + "\n\n" + result.patch
