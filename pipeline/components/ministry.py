"""MINISTRY and COMMITTEE spans, and who wrote or speaks in the document.

Tags ministries named through a title ("De Ministers van Justitie en Veiligheid en
Binnenlandse Zaken en Koninkrijksrelaties"), as an organisation ("het Ministerie van BZK",
"bij Buitenlandse Zaken", "VWS") and Kamer committees ("de vaste commissie voor Sociale
Zaken en Werkgelegenheid", "Volgcommissie(s): SZW"); fills meta.authors, meta.signatories,
meta.on_behalf_of and meta.speakers. Names and codes are in configs/ministry/gazetteer.yml,
patterns in configs/ministry/patterns.yml; this module composes and applies them.

How: a regex finds title words and committee words; from each, a small parser reads the
list of gazetteer names that follows (longest names first, "en"/"," only coordinate when a
new name follows). A trie regex of first words finds names without a title; where a title's
list already read names, they are not read again (MinistryMatcher._past_read_span).
"""

import re
from bisect import bisect_left, bisect_right
from operator import itemgetter

from spacy.language import Language
from spacy.tokens import Doc

from .fastre import LineScanner, PrefixScanner, fold, literal_prefixes, trie_pattern
from ..common.rules import RuleFileError, compile_regex, line_of, plain, read_yaml, require
from ..common.spans import doc_meta, doc_spans, doc_text, make_span
from .base import RuleComponent

FLAGS = re.I | re.M
# Whitespace inside a name: at least one character, at most one line break (PDF and Word
# extractions break titles over lines, never over paragraphs). Possessive: no backtracking.
WS = r"(?=\s)[^\S\n]*+(?:\n[^\S\n]*+)?"
NAME_SEP = r"(?:[^\S\n]*,)?" + WS
NAME_END = r"(?![\w&])(?!-\w)"
WORD_RE = re.compile(r"[\w&]+")
_NAME_SEP_RE = re.compile(NAME_SEP)
# the name lists of a gazetteer entry (gazetteer.yml says where each is read)
NAME_KEYS = ("names", "title_names", "capitalised_names", "abbreviations")
# A hyphen at a line end inside a word ("Koninkrijks-\nrelaties"): matched as if absent.
SOFT_BREAK_RE = re.compile(r"(?<=[^\W\d_])-\n(?=[^\W\d_])")


@Language.factory("kst_ministry", assigns=["doc._.kst_spans", "doc._.kst_meta"])
def make_ministry(nlp: Language, name: str):
    return Tagger(nlp, name)


# ---------------------------------------------------------------- reading the rule files

def read_gazetteer(path) -> dict:
    data = read_yaml(path)
    codes = require(data, "codes", path, list)
    known = {str(c) for c in codes}
    for section in ("ministries", "portfolios", "committees", "portfolio_keywords"):
        entries = data.get(section) or []
        if not isinstance(entries, list):
            raise RuleFileError(path, line_of(data, section), f"{section!r} must be a list")
        seen = set()
        for entry in entries:
            ident = require(entry, "id", path)
            if ident in seen:
                raise RuleFileError(path, line_of(entry), f"duplicate id {ident!r} in {section}")
            seen.add(ident)
            if "code" in entry:
                if entry["code"] is not None and str(entry["code"]) not in known:
                    raise RuleFileError(path, line_of(entry, "code"), f"unknown code {entry['code']!r}")
            elif "codes" in entry:
                schedule = require(entry, "codes", path, list)
                for period in schedule:
                    code = require(period, "code", path)
                    if code not in known:
                        raise RuleFileError(path, line_of(period), f"unknown code {code!r}")
                    for key in ("from", "until"):
                        if key in period and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(period[key])):
                            raise RuleFileError(path, line_of(period, key), f"{key!r} must be an ISO date")
            else:
                raise RuleFileError(path, line_of(entry), f"entry {ident!r} needs 'code' or 'codes'")
            names = [n for key in NAME_KEYS for n in (entry.get(key) or [])]
            if not names:
                raise RuleFileError(path, line_of(entry), f"entry {ident!r} has no names")
            for key in NAME_KEYS:
                if key in entry and not isinstance(entry[key], list):
                    raise RuleFileError(path, line_of(entry, key), f"{key!r} must be a list")
    return plain(data)


def read_patterns(path) -> dict:
    data = read_yaml(path)
    person = require(data, "person", path)
    compile_regex(person, path, line_of(data, "person"), FLAGS)
    for key in ("title_coordination", "preposition", "list_separator"):
        compile_regex(require(data, key, path), path, line_of(data, key), FLAGS)
    titles = require(data, "titles", path, list)
    for rule in titles:
        for key in ("id", "regex", "role", "title"):
            require(rule, key, path)
        compile_regex(rule["regex"], path, line_of(rule, "regex"), FLAGS)
    for rule in require(data, "constructions", path, list):
        require(rule, "id", path)
        require(rule, "kind", path)
    for rule in data.get("exclude") or []:
        require(rule, "id", path)
        compile_regex(require(rule, "before", path), path, line_of(rule, "before"), FLAGS)
    generic = data.get("portfolio_generic")
    if generic is not None:
        for key in ("preposition", "word", "joiner"):
            compile_regex(require(generic, key, path), path, line_of(generic, key), FLAGS)

    def check(node):
        # every `regex`/`before`/`after`/`separator` below compiles, with {person} filled in
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("regex", "before", "after", "separator", "chain_before", "exclude_before",
                           "preposition") and isinstance(value, str):
                    compile_regex(value.replace("{person}", person), path, line_of(node, key), FLAGS)
                else:
                    check(value)
        elif isinstance(node, list):
            for value in node:
                check(value)

    for section in ("committees", "authors", "speakers"):
        check(require(data, section, path, dict))
    return plain(data)


def read_exceptions(path) -> list:
    """Reviewed false positives (configs/ministry/exceptions.txt, written by `kst learn`): one
    span text a line, blanks collapsed to one space as `kst learn` writes them; empty lines and
    lines starting with '#' are skipped. No file (or no path): no exceptions."""
    if not path:
        return []
    from pathlib import Path

    path = Path(path)
    if not path.is_file():
        return []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as err:
        raise RuleFileError(path, None, f"not UTF-8 ({err.reason} at byte {err.start})") from None
    out = []
    for line in lines:
        text = " ".join(line.split())
        if text and not text.startswith("#") and text not in out:
            out.append(text)
    return out


# ---------------------------------------------------------------- composing the matchers

def form_pattern(form: str) -> str:
    """Regex of one gazetteer name: optional commas, "en" or "&", line breaks between words."""
    words = re.findall(r"[^\s,]+", form)
    parts = ["(?:en|EN|&)" if w.lower() == "en" else re.escape(w) for w in words]
    return NAME_SEP.join(parts)


def code_for(entry: dict, date) -> list:
    """The codes of a gazetteer entry on the document date (the last period without a date)."""
    if "codes" not in entry:
        return [] if entry.get("code") is None else [entry["code"]]
    schedule = entry["codes"]
    if date:
        day = str(date)[:10]
        for period in schedule:
            if str(period.get("from", "0000")) <= day < str(period.get("until", "9999")):
                return [period["code"]]
    return [schedule[-1]["code"]]


class Gazetteer:
    """Name forms by first word, each with the contexts it may be read in."""

    def __init__(self, data: dict):
        self.entries = []
        self.by_key: dict = {}
        bare_first: set = set()
        seen: dict = {}
        sections = (("ministries", "ministry"), ("portfolios", "portfolio"), ("committees", "committee"))
        for section, kind in sections:
            for entry in data.get(section) or []:
                index = len(self.entries)
                self.entries.append(dict(entry, kind=kind))
                for key in NAME_KEYS:
                    for form in entry.get(key) or []:
                        self._add(form, index, kind, key, seen, bare_first)
        for forms in self.by_key.values():
            forms.sort(key=lambda f: -len(f["form"]))
        # worked out once: (context, in chain) -> first word -> the forms readable there
        self._tables = {(context, in_chain): self._readable_forms(context, in_chain)
                        for context, in_chain in (("title", False), ("committee", False), ("bare", False),
                                                  ("bare", True))}
        # context -> whether a chain read there reads every name a chain without a title reads
        self.reads_bare = {context: self._reads_bare(context) for context in ("title", "committee")}
        # context -> the tables for a chain's first name and for the names after it
        self.chain_tables = {context: (self.readable(context), self.readable(context, True))
                             for context in ("title", "committee", "bare")}
        self.bare_re = guarded_words(bare_first) if bare_first else None
        # spelling slips (patterns.yml spelling_slips): the full names readable after a title
        # or a committee word, as lowercase words
        self.slip_forms = {context: [(f, [w.lower() for w in re.findall(r"[^\s,]+", f["form"])])
                                     for forms in self.by_key.values() for f in forms
                                     if context in f["contexts"] and not f["abbreviation"]]
                           for context in ("title", "committee")}

    def _add(self, form, index, kind, key, seen, bare_first):
        abbreviation = key == "abbreviations"
        if kind == "ministry":
            contexts = {"title", "committee"} | ({"bare"} if key != "title_names" else set())
            chain_only = key == "title_names"
        elif kind == "portfolio":
            contexts, chain_only = {"title"}, False
        else:
            contexts, chain_only = {"committee"}, False
        # capitalised_names: on their own only as written ("de inzet van Defensie"), never in
        # capitals (a heading) or lowercase (the concept "defensie")
        as_written = key == "capitalised_names"
        variants = {form, form.upper()} if abbreviation else {form}
        for variant in variants:
            first = WORD_RE.match(variant).group()
            dedup = (variant if abbreviation else variant.lower(), kind == "committee")
            # a name listed twice: the first entry wins in each context it shares
            taken = seen.setdefault(dedup, set())
            contexts_left = contexts - taken
            if not contexts_left:
                continue
            taken |= contexts_left
            cs = re.compile(
                "(?:" + form_pattern(variant) + ("" if abbreviation or as_written else "|" + form_pattern(variant.upper()))
                + ")" + NAME_END)
            ci = cs if abbreviation else re.compile(form_pattern(variant) + NAME_END, re.I)
            self.by_key.setdefault(first.lower(), []).append({
                "form": variant, "entry": index, "kind": kind, "abbreviation": abbreviation, "as_written": as_written,
                "contexts": contexts_left, "chain_only": chain_only, "cs": cs, "ci": ci})
            if "bare" in contexts_left or chain_only:
                bare_first.add(first)
                if not abbreviation and not as_written:
                    bare_first.add(first.upper())

    def _readable_forms(self, context: str, in_chain: bool) -> dict:
        """First word -> ((match function, form), ...) of the forms readable in context, in
        by_key order."""
        table = {}
        for key, forms in self.by_key.items():
            if context == "bare":
                readable = [(f["cs"].match, f) for f in forms
                            if "bare" in f["contexts"] or (in_chain and f["chain_only"])]
            else:
                readable = [(f["ci"].match, f) for f in forms if context in f["contexts"]]
            if readable:
                table[key] = tuple(readable)
        return table

    def _reads_bare(self, context: str) -> bool:
        """True when every name readable without a title (as written or in capitals) is read in
        context too, by a form of the same first word whose regex takes that text whole. The
        forms are the same words with the same separators between them, so such a form reads
        whatever text the name's own regex reads, to the same end: a chain read in context
        reaches at least as far as one read without a title from the same position (when their
        separators agree; see MinistryMatcher._past_read_span)."""
        table = self._tables[context, False]
        for key, forms in self._tables["bare", True].items():
            for _, form in forms:
                texts = [form["form"]] if form["abbreviation"] else [form["form"], form["form"].upper()]
                for name in texts:
                    if not any(other["ci"].fullmatch(name) for _, other in table.get(key, ())):
                        return False
        return True

    def readable(self, context: str, in_chain: bool = False) -> dict:
        """The table of `_readable_forms` for context; in_chain only matters for "bare"."""
        return self._tables[context, bool(in_chain) and context == "bare"]

    def candidates(self, text: str, pos: int, context: str, in_chain: bool = False):
        """(end, form) pairs for the names starting at pos readable in context, longest first."""
        return names_at(self.readable(context, in_chain), text, pos)


def within_edits(a: str, b: str, limit: int) -> int:
    """The edit distance of a and b (insertions, deletions, substitutions) when at most limit,
    else limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        best = row[0]
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
            best = min(best, row[j])
        if best > limit:
            return limit + 1
    return min(row[-1], limit + 1)


def slip_name(gaz: "Gazetteer", text: str, pos: int, context: str, slips: dict):
    """(end, form, edits) of a known full name at pos written with spelling slips
    ("Binnenlandse Zaken en Koninkrijkrelaties"), or None. Words shorter than
    slips["min_length"] must be spelt right (case aside); a longer word may differ by the
    edits slips["edits"] allows for its length. The name reaching furthest wins, then the one
    with fewest edits; a name spelt right is left to the exact tables."""
    words = []
    while len(words) < slips["max_words"]:
        m = WORD_RE.match(text, pos)
        if not m:
            break
        words.append((m.group().lower(), m.end()))
        sep = _NAME_SEP_RE.match(text, m.end())
        if sep is None or sep.end() == m.end():
            break
        pos = sep.end()
    best = None
    for form, form_words in gaz.slip_forms[context]:
        if len(form_words) > len(words):
            continue
        edits = 0
        for want, (got, _) in zip(form_words, words):
            if want == got or (want == "en" and got == "&"):
                continue
            allowed = max((n for least, n in slips["edits"] if len(want) >= least), default=0)
            distance = within_edits(want, got, allowed) if allowed else 1
            if distance > allowed:
                break
            edits += distance
        else:
            if edits:
                end = words[len(form_words) - 1][1]
                if best is None or (end, -edits) > (best[0], -best[2]):
                    best = (end, form, edits)
    return best


def names_at(table: dict, text: str, pos: int) -> list:
    """(end, form) pairs for the names of table (Gazetteer.readable) starting at pos, longest
    first (a stable sort: equal ends keep the gazetteer order)."""
    word = WORD_RE.match(text, pos)
    forms = table.get(word.group().lower()) if word else None
    if not forms:
        return []
    found = []
    for match, form in forms:
        m = match(text, pos)
        if m:
            found.append((m.end(), form))
    if len(found) == 2:
        if found[0][0] < found[1][0]:
            found.reverse()
    elif len(found) > 2:
        found.sort(key=itemgetter(0), reverse=True)
    return found


def guarded_words(words) -> re.Pattern:
    r"""The words as whole words: not after or before [\w&]. Each first letter checks the
    character before it in a lookbehind ("S(?<![\w&]S)ociale"), so the regex starts with a
    plain letter and `re` skips to those letters (a leading lookbehind makes it try everywhere)."""
    by_first: dict = {}
    for word in sorted(words):
        by_first.setdefault(word[0], []).append(word[1:])
    branches = [re.escape(first) + r"(?<![\w&]" + re.escape(first) + ")" + trie_pattern(rests)
                for first, rests in by_first.items()]
    return re.compile("(?:" + "|".join(branches) + r")(?![\w&])")


def parse_chain(gaz: Gazetteer, text: str, pos: int, context: str, separator: re.Pattern) -> list:
    """The longest run of names from pos joined by separators: [(start, end, form)] (see read_chain)."""
    return read_chain(gaz, text, pos, context, separator)[0]


def read_chain(gaz: Gazetteer, text: str, pos: int, context: str, separator: re.Pattern):
    """The longest run of names from pos joined by separators: [(start, end, form)].

    Each name is tried longest first; of the parses, the one reaching furthest wins (then the
    one with fewest names), so "Economische Zaken en Klimaat en Groene Groei" reads as two
    names and "Justitie en Veiligheid en Binnenlandse Zaken" as two, not three.

    Iterative (no recursion, any chain length): first the positions a name can start at are
    collected going forward, then the best parse from each is worked out from the last position
    back (a name and its separator always move forward, so a later position never depends on
    an earlier one).

    Returns the chain and what was read: position -> [(name end, form, next position or None,
    separator match or None)]. The chain from any of those positions reaches no further.
    """
    start_table, chained = gaz.chain_tables[context]
    first = names_at(start_table, text, pos)
    if not first:
        return [], ()
    sep_match = separator.match
    options: dict = {}  # position -> [(name end, form, position of the next name or None, its separator)]
    todo = [pos]
    continued = False
    while todo:
        p = todo.pop()
        if p in options:
            continue
        if p == pos:
            names = first
        else:
            names = names_at(chained, text, p)
            continued = continued or bool(names)
        found = []
        for end, form in names:
            sep = sep_match(text, end)
            if sep is not None and sep.end() > end:
                nxt = sep.end()
                if nxt not in options:
                    todo.append(nxt)
            else:
                nxt = sep = None
            found.append((end, form, nxt, sep))
        options[p] = found
    if not continued:  # no name after a separator: the longest name alone
        return [(pos, first[0][0], first[0][1])], options
    best: dict = {}  # position -> (reach, names, name end, form, next position used or None)
    for p in sorted(options, reverse=True):
        result = None
        for end, form, nxt, _ in options[p]:
            tail = best.get(nxt) if nxt is not None else None
            reach, names = (tail[0], tail[1] + 1) if tail else (end, 1)
            # furthest, then fewest names; the first (longest) name on a tie
            if result is None or reach > result[0] or (reach == result[0] and names < result[1]):
                result = (reach, names, end, form, nxt if tail else None)
        best[p] = result
    chain = []
    p = pos
    while p is not None and best.get(p):
        _, _, end, form, nxt = best[p]
        chain.append((p, end, form))
        p = nxt
    return chain, options


def dehyphenate(text: str):
    """Text without line-end hyphens inside words, and the clean positions where they were."""
    if "-\n" not in text:
        return text, []
    cuts = []
    pieces = []
    last = 0
    for match in SOFT_BREAK_RE.finditer(text):
        pieces.append(text[last:match.start()])
        cuts.append(match.start() - 2 * len(cuts))
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces), cuts


def to_original(cuts: list, start: int, end: int):
    return start + 2 * bisect_right(cuts, start), end + 2 * bisect_left(cuts, end)


def _any_of(regexes):
    """One regex matching where any of regexes (same flags, no groups) matches, or None."""
    if not regexes or len({rx.flags for rx in regexes}) != 1 or any(rx.groups for rx in regexes):
        return None
    try:
        return re.compile("|".join(f"(?:{rx.pattern})" for rx in regexes), regexes[0].flags)
    except re.error:
        return None


class Occupied:
    """Non-overlapping intervals, for first-come-first-served span selection."""

    def __init__(self):
        self.starts: list = []
        self.ends: list = []

    def free(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        if i and self.ends[i - 1] > start:
            return False
        return not (i < len(self.starts) and self.starts[i] < end)

    def take(self, start: int, end: int) -> None:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def holding(self, pos: int):
        """(start, end) of the taken interval that holds pos, or None."""
        i = bisect_right(self.starts, pos)
        return (self.starts[i - 1], self.ends[i - 1]) if i and self.ends[i - 1] > pos else None


def scan(scanner: PrefixScanner, text: str, low):
    """scanner.finditer(text, low), its literal prefixes found with str.find: `re` tries the
    trie of prefixes at every occurrence of their first letters (m, s, c, v...), str.find jumps
    from one occurrence of a prefix to the next. Same positions, same matches."""
    low = fold(text) if low is None else low
    if scanner.starts is None or low is None or len(low) != len(text):
        yield from scanner.finditer(text, low)
        return
    find, match = low.find, scanner.regex.match
    upcoming = [[at, prefix] for prefix in scanner.prefixes for at in (find(prefix),) if at >= 0]
    while upcoming:
        at = min(upcoming)[0]
        m = match(text, at)
        if m is None:
            pos = at + 1
        else:
            yield m
            pos = m.end() if m.end() > at else at + 1
        for item in upcoming:
            if item[0] < pos:
                item[0] = find(item[1], pos)
        upcoming = [item for item in upcoming if item[0] >= 0]


# ---------------------------------------------------------------- the matcher

class MinistryMatcher:
    """Everything compiled from the two rule files; `match(text, date)` is pure."""

    def __init__(self, gazetteer: dict, patterns: dict, exceptions=()):
        self.gaz = Gazetteer(gazetteer)
        # span texts (blanks collapsed) a reviewer rejected: such spans are dropped
        self.exceptions = frozenset(exceptions)
        p = patterns
        person = p["person"]
        fill = lambda rx: re.compile(rx.replace("{person}", person), FLAGS)  # noqa: E731
        self.titles = p["titles"]
        title_alt = "|".join(f"(?P<t{i}>{t['regex']})" for i, t in enumerate(self.titles))
        self.title_rules = {f"t{i}": t for i, t in enumerate(self.titles)}
        self.title_re = re.compile(r"(?<![\w-])(?:" + title_alt + r")(?![\w-])", FLAGS)
        self.title_coord_re = re.compile(p["title_coordination"] + r"(?:" + title_alt + r")(?![\w-])", FLAGS)
        self.prep_re = re.compile(WS + p["preposition"] + WS, FLAGS)
        self.ws_re = re.compile(WS)
        self.bare_sep_re = re.compile(r"(?:" + p["list_separator"] + r")", FLAGS)
        # the separator after a title: bare_sep_re, then a preposition (its own group) or not
        self.sep_re = re.compile(r"(?:" + p["list_separator"] + r")(" + p["preposition"] + WS + ")?", FLAGS)
        self.sep_prep_group = self.bare_sep_re.groups + 1
        self.person_re = fill(person)
        self.paren_open_re = re.compile(WS + r"\(\s*" + "|" + r"\(\s*")
        self.paren_close_re = re.compile(r"\s*[,)]")
        self.kinds = {c["kind"]: c["id"] for c in p["constructions"]}
        self.excludes = {"title": [], "bare": []}
        for rule in p.get("exclude") or []:
            for where in rule.get("applies") or ["title", "bare"]:
                self.excludes.setdefault(where, []).append(fill(rule["before"]))
        # the vetoes of one place as one regex: one search instead of one per rule (same answer:
        # an alternation matches somewhere when one of its parts does)
        self.exclude_any = {where: _any_of(rxs) for where, rxs in self.excludes.items()}
        com = p["committees"]
        self.committee_titles = [(r["id"], fill(r"(?<![\w-])(?:" + r["regex"] + r")(?![\w-])"))
                                 for r in com.get("titles") or []]
        self.committee_named = [(r["id"], fill(r"(?<![\w-])(?:" + r["regex"] + r")(?![\w-])"),
                                 int(r.get("max_words", 4)), {w.lower() for w in r.get("stopwords") or []},
                                 {w.lower() for w in r.get("joiners") or []})
                                for r in com.get("named") or []]
        self.committee_prep_re = re.compile(WS + com.get("preposition", "(?:voor|van)\\s+"), FLAGS)
        self.committee_lists = [(r["id"], fill(r"(?<![\w-])(?:" + r["regex"] + ")"), fill(r["separator"]))
                                for r in com.get("lists") or []]
        self.committee_exclude = fill(com["exclude_before"]) if com.get("exclude_before") else None
        self.free_word_re = re.compile(r"[^\S\n]+([^\W\d_][\w'’-]*)")
        au = p["authors"]
        self.heading = (au["heading"]["id"], LineScanner(fill(au["heading"]["regex"])),
                        int(au["heading"].get("within", 3000)))
        self.answer = (au["answer"]["id"], LineScanner(fill(au["answer"]["regex"])),
                       int(au["answer"].get("reach", 120)))
        self.sig_before = fill(au["signature"]["before"])
        self.sig_after = fill(au["signature"]["after"])
        self.on_behalf_before = fill(au["on_behalf"]["before"])
        # a text without any of these (lowercased) has no "mede namens" before any title
        self.on_behalf_prefixes = literal_prefixes(self.on_behalf_before)
        self.on_behalf_chain = fill(au["on_behalf"]["chain_before"])
        self.on_behalf_reach = int(au["on_behalf"].get("signature_reach", 400))
        sp = p["speakers"]
        self.speaker_gov = LineScanner(fill(sp["government"]["regex"]))
        self.speaker_any = LineScanner(fill(sp["any"]["regex"]))
        self.named_before = fill(sp["named_before"]["regex"])
        self.welcome_re = fill(sp["welcome"]["regex"])
        # "Minister voor <capitalised words>" not in the gazetteer (portfolio_generic)
        generic = p.get("portfolio_generic")
        self.generic = None
        if generic is not None:
            self.generic = {
                "preposition": re.compile(r"\s*(?:" + generic["preposition"] + r")\s*", FLAGS),
                "word": re.compile(generic["word"], FLAGS), "joiner": re.compile(generic["joiner"], FLAGS),
                "max_words": int(generic.get("max_words", 6)),
                "stopwords": {w.lower() for w in generic.get("stopwords") or []}}
        self.keywords = []
        for entry in gazetteer.get("portfolio_keywords") or []:
            words = [r"\s+".join(re.escape(w) for w in name.split()) for name in entry.get("names") or []]
            self.keywords.append((re.compile(r"(?<![\w&])(?:" + "|".join(words) + ")", re.I), entry))
        slips = p.get("spelling_slips")
        self.slips = None if not slips else {
            "edits": sorted((int(k), int(v)) for k, v in (slips.get("edits") or {}).items()),
            "max_words": int(slips.get("max_words", 6))}
        # a slip is looked for where no name was read or a capitalised word follows the name read
        self.slip_gate = re.compile(r"(?:[^\S\n]*,)?(?:\s+(?:en|&))?\s+(?-i:[A-Z])", re.I)
        # the regexes run over whole texts, as scanners that skip to where a match can start
        self.title_scan = PrefixScanner(self.title_re)
        self.committee_list_scans = [PrefixScanner(rx) for _, rx, _ in self.committee_lists]
        self.committee_title_scans = [PrefixScanner(rx) for _, rx in self.committee_titles]
        self.committee_named_scans = [PrefixScanner(rx) for _, rx, *_ in self.committee_named]

    # -- helpers
    def _chain(self, text, pos, context):
        """read_chain, or a known name with spelling slips (slip_name) when that reaches
        further: then one name, and nothing read for bare to skip over."""
        chain, read = read_chain(self.gaz, text, pos, context, self.sep_re)
        if self.slips is None:
            return chain, read
        after = chain[-1][1] if chain else pos
        if chain and not self.slip_gate.match(text, after):  # no capitalised word goes on
            return chain, read
        slip = slip_name(self.gaz, text, pos, context, self.slips)
        if slip is not None and slip[0] > after:
            return [(pos, slip[0], slip[1])], {}
        return chain, read

    def _excluded(self, text, start, where):
        before = text[max(0, start - 80):start]
        combined = self.exclude_any.get(where)
        if combined is not None:
            return combined.search(before) is not None
        return any(rx.search(before) for rx in self.excludes.get(where, ()))

    def _codes(self, forms, date):
        codes = []
        for form in forms:
            for code in code_for(self.gaz.entries[form["entry"]], date):
                if code not in codes:
                    codes.append(code)
        return codes

    def _title_rule(self, match):
        # the title's own group closes last (it holds any group of its regex)
        return self.title_rules[match.lastgroup]

    # -- committees
    def committees(self, text, date, taken, low=None, reads=None):
        """Committee spans; reads as in titled."""
        out = []
        low = fold(text) if low is None else low
        for (rule_id, regex, separator), scanner in zip(self.committee_lists, self.committee_list_scans):
            for m in scan(scanner, text, low):
                pos = m.end()
                while True:
                    # a full committee title in the list is left to the title rules below
                    if any(rx.match(text, pos) for _, rx in self.committee_titles):
                        break
                    items = self.gaz.candidates(text, pos, "committee")
                    if not items:
                        break
                    end, form = items[0]
                    if taken.free(pos, end):
                        taken.take(pos, end)
                        out.append(("COMMITTEE", pos, end, {"ministries": self._codes([form], date),
                                                            "role": "committee"}, rule_id))
                    sep = separator.match(text, end)
                    if not sep:
                        break
                    pos = sep.end()
        for (rule_id, regex), scanner in zip(self.committee_titles, self.committee_title_scans):
            for m in scan(scanner, text, low):
                if self.committee_exclude and self.committee_exclude.search(text[max(0, m.start() - 40):m.start()]):
                    continue
                prep = self.committee_prep_re.match(text, m.end()) or self.ws_re.match(text, m.end())
                if not prep:
                    continue
                chain, read = self._chain(text, prep.end(), "committee")
                if chain and taken.free(m.start(), chain[-1][1]):
                    taken.take(m.start(), chain[-1][1])
                    out.append(("COMMITTEE", m.start(), chain[-1][1],
                                {"ministries": self._codes([f for _, _, f in chain], date), "role": "committee"},
                                rule_id))
                    if reads is not None and self.gaz.reads_bare["committee"]:
                        self._keep_read(reads, m.start(), chain[-1][1], read)
        for (rule_id, regex, max_words, stopwords, joiners), scanner in zip(self.committee_named,
                                                                            self.committee_named_scans):
            for m in scan(scanner, text, low):
                end, pos, words = m.end(), m.end(), 0
                while words < max_words:
                    w = self.free_word_re.match(text, pos)
                    if w and words and w.group(1).lower() in joiners:
                        # "Ongewenste Beïnvloeding uit Onvrije Landen": a joiner inside the name
                        # when a capitalised word follows it
                        after = self.free_word_re.match(text, w.end())
                        if after and after.group(1)[0].isupper() and after.group(1).lower() not in stopwords:
                            end = pos = after.end()
                            words += 1
                            continue
                    if not w or w.group(1).lower() in stopwords:
                        break
                    if words and not w.group(1)[0].isupper():
                        break
                    end = pos = w.end()
                    words += 1
                if words and taken.free(m.start(), end):
                    taken.take(m.start(), end)
                    out.append(("COMMITTEE", m.start(), end, {"ministries": [], "role": "committee"}, rule_id))
        return out

    # -- titles
    def titled(self, text, date, taken, low=None, reads=None):
        """Title spans; reads (when given) gets what their chains read (see _keep_read)."""
        out = []
        kinds = self.kinds
        for m in scan(self.title_scan, text, low):
            rule = self._title_rule(m)
            start, end = m.start(), m.end()
            # ministries the titles name on their own: "de Minister-President en de Minister van ..."
            alone = [rule["alone"]] if rule.get("alone") else []
            while True:  # "Minister en (de) Staatssecretaris"
                coord = self.title_coord_re.match(text, end)
                if not coord:
                    break
                end = coord.end()
                code = self._title_rule(coord).get("alone")
                if code and code not in alone:
                    alone.append(code)
            role = rule["role"]
            made = None
            prep = self.prep_re.match(text, end)
            if prep and "title" in kinds:
                chain, read = self._chain(text, prep.end(), "title")
                if chain:
                    made = (start, chain[-1][1], chain, kinds["title"], False, read)
            if made is None and prep and rule.get("portfolio_role") and self.generic is not None \
                    and "portfolio_generic" in kinds:
                generic = self._generic_portfolio(text, prep, date)
                if generic is not None:
                    g_end, codes = generic
                    if taken.free(start, g_end) and not self._excluded(text, start, "title"):
                        taken.take(start, g_end)
                        out.append(("MINISTRY", start, g_end, {"ministries": codes, "role": rule["portfolio_role"],
                                                               "portfolio": text[prep.end():g_end]},
                                    kinds["portfolio_generic"]))
                    continue
            if made is None:
                ws = self.ws_re.match(text, end)
                if ws:
                    if "title_direct" in kinds:
                        chain, read = read_chain(self.gaz, text, ws.end(), "title", self.sep_re)
                        if chain:
                            made = (start, chain[-1][1], chain, kinds["title_direct"], False, read)
                    if made is None:
                        made = self._after_person(text, start, ws.end())
            if made is None and rule.get("alone") and "title_alone" in kinds:
                if taken.free(start, m.end()) and not self._excluded(text, start, "title"):
                    taken.take(start, m.end())
                    out.append(("MINISTRY", start, m.end(), {"ministries": [rule["alone"]], "role": role},
                                kinds["title_alone"]))
                continue
            if made is None:
                continue
            span_start, span_end, chain, rule_id, in_parens, read = made
            # the veto (a search over the 80 characters before) only for a span that would be added
            if not taken.free(span_start, span_end) or self._excluded(text, start, "title"):
                continue
            forms = [f for _, _, f in chain]
            codes = self._codes(forms, date)
            attrs = {"ministries": alone + [c for c in codes if c not in alone], "role": role}
            if not in_parens and rule.get("portfolio_role") and all(f["kind"] == "portfolio" for f in forms):
                attrs["role"] = rule["portfolio_role"]
            if len(chain) == 1 and forms[0]["kind"] == "portfolio":
                attrs["portfolio"] = text[chain[0][0]:chain[0][1]]
            taken.take(span_start, span_end)
            out.append(("MINISTRY", span_start, span_end, attrs, rule_id))
            if reads is not None and self.gaz.reads_bare["title"]:
                self._keep_read(reads, span_start, span_end, read)
        return out

    def _generic_portfolio(self, text, prep, date):
        """(end, ministries) of "voor <Capitalised Words>" after a minister title, or None.

        Words start with a capital and are joined by blanks, "," or "en"/"&" (a line break only
        after "en" or ","); at most max_words, no stopword; the run ends on a word. Ministries
        from portfolio_keywords when all keywords found agree, else [].
        """
        g = self.generic
        if not g["preposition"].fullmatch(text, prep.start(), prep.end()):
            return None
        pos, end, words = prep.end(), None, 0
        while words < g["max_words"]:
            w = g["word"].match(text, pos)
            if not w or not w.group()[0].isupper() or w.group().lower() in g["stopwords"]:
                break
            end, words = w.end(), words + 1
            j = g["joiner"].match(text, end)
            if not j or j.end() == end:
                break
            pos = j.end()
        if end is None:
            return None
        name = text[prep.end():end]
        codes = []
        for regex, entry in self.keywords:
            if regex.search(name):
                for code in code_for(entry, date):
                    if code not in codes:
                        codes.append(code)
        return end, (codes if len(codes) == 1 else [])

    def _after_person(self, text, title_start, pos):
        """'Minister Asscher van SZW' (whole) or 'Minister Bruins Slot (Buitenlandse Zaken)' (inside)."""
        person = self.person_re.match(text, pos)
        if not person:
            return None
        # the person pattern may swallow particles: try shorter names too
        for person_end in self._person_ends(text, pos, person.end()):
            prep = self.prep_re.match(text, person_end)
            if prep and "title_person" in self.kinds:
                chain, read = self._chain(text, prep.end(), "title")
                if chain:
                    return (title_start, chain[-1][1], chain, self.kinds["title_person"], False, read)
            paren = self.paren_open_re.match(text, person_end)
            if paren and "parenthesis" in self.kinds:
                chain, read = self._chain(text, paren.end(), "title")
                if chain and self.paren_close_re.match(text, chain[-1][1]):
                    return (chain[0][0], chain[-1][1], chain, self.kinds["parenthesis"], True, read)
        return None

    @staticmethod
    def _person_ends(text, start, end):
        """End of the person's name, and the ends of its shorter prefixes, longest first."""
        ends = [end]
        for m in re.finditer(r"[^\S\n]+", text[start:end]):
            ends.append(start + m.start())
        return sorted(set(ends), reverse=True)

    # -- names without a title
    def bare(self, text, date, taken, reads=None):
        """Names without a title; reads: what the chains of committee and title spans read."""
        out = []
        if self.gaz.bare_re is None:
            return out
        kinds = self.kinds
        # Candidates are whole words (bare_re is guarded on both sides), so they never overlap:
        # found in one pass, "the next candidate from position p" is the first starting at p or later.
        found = list(self.gaz.bare_re.finditer(text))
        starts = [m.start() for m in found]
        i = 0
        vetoed_until = -1  # the end of the last vetoed chain ("de Raad Buitenlandse Zaken en Defensie")
        while i < len(found):
            m = found[i]
            start = m.start()
            past = self._past_read_span(taken, reads, text, starts, i) if reads else None
            if past is not None:
                i = past
                continue
            chain = parse_chain(self.gaz, text, start, "bare", self.bare_sep_re)
            if chain and start < vetoed_until and chain[0][2]["as_written"]:
                chain = []  # a common noun inside a vetoed name is part of that name
            if not chain:
                i += 1
                continue
            after = bisect_left(starts, max(m.end(), chain[-1][1]), i + 1)
            free = []
            for name_start, name_end, form in chain:
                kind = "abbreviation" if form["abbreviation"] else "bare_name"
                if kind in kinds and taken.free(name_start, name_end):
                    free.append((name_start, name_end, form, kind))
            # The veto (a search over the 80 characters before) is asked only when its answer
            # changes something: the chain adds spans, or a candidate starts inside the chain
            # (read next when vetoed, skipped when not).
            if (free or after > i + 1) and self._excluded(text, start, "bare"):
                vetoed_until = max(vetoed_until, chain[-1][1])
                i += 1
                continue
            for name_start, name_end, form, kind in free:
                taken.take(name_start, name_end)
                out.append(("MINISTRY", name_start, name_end,
                            {"ministries": self._codes([form], date),
                             "role": "abbreviation" if form["abbreviation"] else "ministry"}, kinds[kind]))
            i = after
        return out

    def _keep_read(self, reads, start, end, read):
        """Keep, for bare, the positions the chain of the span start..end read names at, when a
        chain read without a title takes the same steps there: after no name read did the
        separator take a preposition (bare_sep_re would end before it and read on from there)."""
        prep = self.sep_prep_group
        for names in read.values():
            for name_end, _, _, sep in names:
                if sep is not None and sep.start(prep) > name_end and sep.end(prep) > sep.start(prep):
                    return
        reads[start] = (end, read)

    def _past_read_span(self, taken, reads, text, starts, i):
        """The index of the first candidate after the title or committee span that holds
        candidate i, when i stands where that span's chain read names; else None.

        A chain read from there without a title reaches no further than the span's chain
        (Gazetteer.reads_bare, _keep_read), and neither does one from any later candidate the
        span's chain read at; the other candidates inside are read to check. Read or skipped,
        they add no span and lead to that index. Most names without a title are the names of
        a title."""
        held = taken.holding(starts[i])
        kept = reads.get(held[0]) if held else None
        if kept is None or starts[i] not in kept[1]:
            return None
        end, read = kept
        after = bisect_left(starts, end, i + 1)
        for pos in starts[i + 1:after]:
            if pos not in read:
                chain = parse_chain(self.gaz, text, pos, "bare", self.bare_sep_re)
                if chain and chain[-1][1] > end:
                    return None
        return after

    def match(self, text: str, date=None, low=None) -> list:
        """Sorted (label, start, end, attrs, rule) on text; committees first, then titles, then bare
        names. low: fold(text) when the caller has it."""
        taken = Occupied()
        low = fold(text) if low is None else low
        reads: dict = {}  # what the chains of committee and title spans read, for bare
        found = self.committees(text, date, taken, low, reads)
        found += self.titled(text, date, taken, low, reads)
        found += self.bare(text, date, taken, reads)
        found.sort(key=lambda s: (s[1], s[2]))
        return found

    # -- who wrote it, who speaks
    def authors(self, text: str, spans: list, low=None) -> dict:
        """meta.authors, meta.signatories and meta.on_behalf_of from heading, answer line, signature."""
        titles = [s for s in spans if s[0] == "MINISTRY" and s[3]["role"] != "abbreviation"
                  and s[4] != self.kinds.get("bare_name")]
        authors, signatories, behalf = [], [], []

        def add(codes, into):
            for code in codes:
                if code not in into:
                    into.append(code)

        behalf_spans = self._on_behalf_spans(text, titles, low)
        _, heading_scan, within = self.heading
        for m in heading_scan.finditer(text, 0, within):
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end < 0 else line_end
            for s in titles:
                if m.end() <= s[1] < line_end and s not in behalf_spans:
                    add(s[3]["ministries"], authors)
        _, answer_scan, reach = self.answer
        answer_lines = []
        for m in answer_scan.finditer(text):
            first = next((s for s in titles if m.end() <= s[1] <= m.end() + reach), None)
            if first is None or "\n\n" in text[m.end():first[1]]:
                continue
            add(first[3]["ministries"], authors)
            stop = text.find("\n\n", first[2])
            answer_lines.append((first[2], len(text) if stop < 0 else stop))
        signature_starts = []
        for s in titles:
            # the match after the title fails on almost every title: asked before the search
            after = self.sig_after.match(text, s[2])
            if not after or s in behalf_spans or not self.sig_before.search(text[max(0, s[1] - 60):s[1]]):
                continue
            add(s[3]["ministries"], authors)
            signature_starts.append(s[1])
            signatories.append({"name": after.group("name"), "title": self._title_word(text[s[1]:s[2]]),
                                "ministry": (s[3]["ministries"] or [None])[0], "ministries": s[3]["ministries"]})
        for s in behalf_spans:
            in_answer = any(a <= s[1] < b for a, b in answer_lines)
            before_signature = any(0 < start - s[2] <= self.on_behalf_reach for start in signature_starts)
            if in_answer or before_signature:
                add(s[3]["ministries"], behalf)
        return {"authors": authors, "signatories": signatories, "on_behalf_of": behalf}

    def _on_behalf_spans(self, text, titles, low=None):
        if low is not None and self.on_behalf_prefixes and not any(p in low for p in self.on_behalf_prefixes):
            return []
        found = []
        for s in titles:
            before = text[max(0, s[1] - 40):s[1]]
            if self.on_behalf_before.search(before):
                found.append(s)
            elif found and found[-1][2] <= s[1] and self.on_behalf_chain.match(text[found[-1][2]:s[1]]):
                found.append(s)
        return found

    def _title_word(self, span_text):
        m = self.title_re.match(span_text)
        return self._title_rule(m)["title"] if m else None

    def speakers(self, text: str, spans: list) -> list:
        """Turns of ministers and state secretaries in a debate, with their ministry when named."""
        turns = [(m.start(), m.end(), m) for m in self.speaker_gov.finditer(text)]
        if not turns:
            return []
        labels = sorted({m.start() for m in self.speaker_any.finditer(text)} | {t[0] for t in turns})
        known = self._people(text, spans)
        welcomed = self._welcomed(text, spans)
        names_by_title: dict = {}
        for _, _, m in turns:
            names_by_title.setdefault(self._norm_title(m.group("title")), set()).add(m.group("name").lower())
        out = []
        for start, label_end, m in turns:
            i = bisect_right(labels, start)
            end = labels[i] if i < len(labels) else len(text)
            end = len(text) if end <= start else end
            title = self._norm_title(m.group("title"))
            name = m.group("name").strip()
            ministries = []
            if m.group("paren"):
                chain = parse_chain(self.gaz, m.group("paren"), 0, "title", self.sep_re)
                ministries = self._codes([f for _, _, f in chain], None) if chain else []
            if not ministries:
                ministries = self._lookup(known, name)
            if not ministries and len(names_by_title.get(title, ())) == 1 and len(welcomed.get(title, [])) == 1:
                ministries = list(welcomed[title][0])
            out.append({"start": start, "end": end, "name": name, "title": title,
                        "ministries": ministries, "ministry": ministries[0] if ministries else None})
        return out

    @staticmethod
    def _norm_title(word):
        word = word.lower().replace(" ", "")
        return "minister-president" if word.startswith("minister-") or word == "ministerpresident" else word

    def _people(self, text, spans):
        """Person -> ministries where the text says so ('mevrouw Ollongren, minister van BZK')."""
        people = {}
        for s in spans:
            if s[0] != "MINISTRY" or s[3]["role"] in ("ministry", "abbreviation"):
                continue
            if s[4] == self.kinds.get("parenthesis"):
                # "Minister Bruins Slot (Buitenlandse Zaken)"
                head = text[max(0, s[1] - 80):s[1]]
                m = re.search(r"(?:minister|staatssecretaris)\s+(" + self.person_re.pattern + r")\s*\(\s*$", head, FLAGS)
                if m:
                    people.setdefault(m.group(1).lower(), s[3]["ministries"])
                continue
            span_text = text[s[1]:s[2]]
            title = self.title_re.match(span_text)
            if title and s[4] == self.kinds.get("title_person"):
                person = self.person_re.match(span_text, title.end() + 1)
                if person:
                    people.setdefault(person.group().lower(), s[3]["ministries"])
            m = self.named_before.search(text[max(0, s[1] - 80):s[1]])
            if m:
                people.setdefault(m.group("name").lower(), s[3]["ministries"])
        return people

    @staticmethod
    def _lookup(people, name):
        name = name.lower()
        if name in people:
            return list(people[name])
        for person, codes in people.items():
            if person.endswith(" " + name) or name.endswith(" " + person):
                return list(codes)
        return []

    def _welcomed(self, text, spans):
        """Title -> distinct ministry lists named in a welcome ('Ik heet de minister van X welkom')."""
        out: dict = {}
        for s in spans:
            if s[0] != "MINISTRY" or s[4] != self.kinds.get("title"):
                continue
            start = max(text.rfind(".", 0, s[1]), text.rfind("\n", 0, s[1])) + 1
            stop = min(i for i in (text.find(".", s[2]), text.find("\n", s[2]), len(text)) if i >= 0)
            if not self.welcome_re.search(text, start, stop):
                continue
            title = self._norm_title(self.title_re.match(text, s[1]).group())
            titles = [title]
            # "de minister en de staatssecretaris van X": both titles are welcomed
            for coord in re.finditer(r"(?:minister|staatssecretaris)", text[s[1]:s[2]], re.I):
                titles.append(coord.group().lower())
            for t in set(titles):
                t = "minister" if t == "ministers" else t
                if tuple(s[3]["ministries"]) not in out.setdefault(t, []):
                    out[t].append(tuple(s[3]["ministries"]))
        return out


def annotate(matcher: MinistryMatcher, text: str, date=None):
    """Spans (label, start, end, attrs, rule) in original offsets, and the document meta found."""
    clean, cuts = dehyphenate(text)
    low = fold(clean)
    spans = matcher.match(clean, date, low)
    if matcher.exceptions:
        # compared on the original text (what a reviewer saw), blanks collapsed as kst learn writes
        spans = [s for s in spans if " ".join(text[slice(*to_original(cuts, s[1], s[2]))
                                                   if cuts else slice(s[1], s[2])].split())
                 not in matcher.exceptions]
    meta = matcher.authors(clean, spans, low)
    speakers = matcher.speakers(clean, spans)
    if cuts:
        spans = [(lab, *to_original(cuts, s, e), attrs, rule) for lab, s, e, attrs, rule in spans]
        for turn in speakers:
            turn["start"], turn["end"] = to_original(cuts, turn["start"], turn["end"])
    meta["speakers"] = speakers
    return spans, meta


# ---------------------------------------------------------------- the component

class Tagger(RuleComponent):
    def initialize(self, get_examples=None, *, nlp=None, gazetteer: str = "", patterns: str = "",
                   exceptions: str = ""):
        self.data = {"gazetteer": read_gazetteer(gazetteer), "patterns": read_patterns(patterns),
                     "exceptions": read_exceptions(exceptions)}
        self.compile()

    def compile(self) -> None:
        self.matcher = MinistryMatcher(self.data["gazetteer"], self.data["patterns"],
                                       self.data.get("exceptions") or ()) if self.data else None

    def __call__(self, doc: Doc) -> Doc:
        if self.matcher is None:
            return doc
        meta = doc_meta(doc)
        text = doc_text(doc)
        spans, found = annotate(self.matcher, text, meta.get("date"))
        out = doc_spans(doc)  # fetched once: each doc._ access builds an accessor object
        for label, start, end, attrs, rule in spans:
            out.append(make_span(text, start, end, label, attrs, rule))
        # input meta wins (a caller who knows the authors says so); found values extend it
        for key in ("authors", "on_behalf_of"):
            have = meta.get(key)
            if not isinstance(have, list):
                meta[key] = found[key]
            else:
                have.extend(code for code in found[key] if code not in have)
        meta.setdefault("signatories", []).extend(found["signatories"])
        meta.setdefault("speakers", []).extend(found["speakers"])
        return doc
