"""DATE: calendar expressions with a TIMEX3-style value, resolved against the document date.

The grammar (word classes, patterns, signals, vetoes, heading dates) is configs/date/grammar.yml,
holidays and recesses are configs/date/calendar.yml. This module composes the regular
expressions and normalises what they capture. Patterns only run in windows around trigger
words (months, years, "vandaag", ...), found by two fast scans, so most of a document is never
looked at by the (many) pattern regexes. Every regex runs on the lowercased text without
re.IGNORECASE: case folding inside the regex engine costs a factor 4.
"""

import bisect
import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc

from ..fastre import trie_pattern
from ..rules import RuleFileError, compile_regex, line_of, plain, read_yaml, require
from ..spans import doc_meta, doc_spans, doc_text, make_span
from .base import RuleComponent

LABEL = "DATE"
KINDS = ("point", "period", "session")
SIGNALS = ("before", "after", "by", "since", "none")  # "none": the words mean no deadline ("begroting voor")
PLACEHOLDER = re.compile(r"\{([a-z_]+?)(2?)\}")
FLAGS = 0  # the text is lowercased once instead
UPPERCASE = re.compile(r"[A-Z]")
ESCAPES = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)")
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
WEEKDAYS = {"maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5, "zondag": 6}
DAY_LIST = re.compile(r"((?:(?<![\w./,-])\d{1,2}(?:ste|de|e)?\s*(?:,|\ben\b|\bof\b)\s*)+)$", FLAGS)
DAY_NUMBER = re.compile(r"\d{1,2}")
FOUR_DIGIT_YEAR = re.compile(r"(?!0000)\d{4}(?!\d)|\d{3}$")  # 2024..., or a decade: 199
# fields that fix the year of a day or month themselves: no tense rule for those
UNANCHORED = frozenset({"year", "yy", "yearrel", "anchor", "rel", "weekday", "weekrel", "monthrel"})
APOSTROPHE_GATE = r"(?<![\w’'‘])(?=[’'‘]\d)"
INVALID = None  # resolve_* return this for a match that is no date at all (31 april, 2023-2020)


def lower_text(text: str) -> str:
    """text.lower() with the same offsets (a few characters grow when lowercased: keep those)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def check_lowercase(source: str, path, line, what) -> None:
    """Rule regexes match the lowercased text: a capital letter would never match."""
    if UPPERCASE.search(ESCAPES.sub("", source)):
        raise RuleFileError(path, line, f"{what}: write the regex in lowercase, it is matched against lowercased text")


@Language.factory("kst_date", assigns=["doc._.kst_spans", "doc._.kst_meta"])
def make_date(nlp: Language, name: str):
    return Tagger(nlp, name)


class Tagger(RuleComponent):
    def initialize(self, get_examples=None, *, nlp=None, grammar: str = "", calendar: str = ""):
        raw_grammar, raw_calendar = read_yaml(grammar), read_yaml(calendar)
        compile_grammar(raw_grammar, raw_calendar, grammar, calendar)  # validates, file:line errors
        self.data = {"grammar": plain(raw_grammar), "calendar": plain(raw_calendar)}
        self.compile()

    def compile(self) -> None:
        self.grammar = compile_grammar(self.data.get("grammar", {}), self.data.get("calendar", {}))

    def __call__(self, doc: Doc) -> Doc:
        meta = doc_meta(doc)
        text = doc_text(doc)  # the cached text: Doc.text joins every token (a third of this component)
        low = lower_text(text)
        wins = windows(low, self.grammar)
        dct = parse_iso(meta.get("date"))
        if not meta.get("date"):  # a date given with the input is never overwritten
            found = heading_date(text, self.grammar, low, wins)
            if found:
                meta["date"] = found
                dct = parse_iso(found)
        out = doc_spans(doc)
        if not wins:  # no trigger word: no DATE (find_dates would find none)
            return doc
        blocked = [(s["start"], s["end"]) for s in out if s["label"] == "DOSSIER_REF"]
        # make_span on the text in hand: add_span would rebuild doc.text (O(n)) for every span
        for span in find_dates(text, self.grammar, dct, blocked, low, wins):
            out.append(make_span(text, span["start"], span["end"], LABEL, span["attrs"], span["rule"]))
        return doc


# ---------------------------------------------------------------------------------------------
# Compiling the grammar


class WordClass:
    """A {placeholder}: a regex, or a word list whose surfaces map to values."""

    def __init__(self, name, role, regex, capture=True, parse=None, words=None, trigger=False):
        self.name, self.role, self.regex, self.capture = name, role, regex, capture
        self.parse, self.words, self.trigger = parse, words or {}, trigger

    def value(self, surface: str):
        if self.parse == "int":
            return int(re.search(r"\d+", surface).group())
        return self.words.get(norm(surface))


class Pattern:
    def __init__(self, rule_id, kind, regex, groups, left=None, not_left=None, not_right=None, no_signal=False,
                 source="", name_check=False):
        self.id, self.kind, self.regex, self.groups = rule_id, kind, regex, groups
        self.left, self.not_left, self.not_right, self.no_signal = left, not_left, not_right, no_signal
        self.name_check = name_check
        self.source = source
        self.keys = frozenset()  # the kinds of trigger this pattern can contain (set by compile_grammar)
        self.required = ()  # requirement ids every match needs in its window (set by compile_grammar)
        self.mask = 0  # the same as bits


class Grammar:
    """Everything compile_grammar builds; plain attributes, read by find_dates."""


def norm(surface: str) -> str:
    return " ".join(surface.lower().split())


def word_regex(words) -> str:
    """One alternation for many words, as a trie so the regex engine does not try each word."""
    return trie_pattern((norm(word) for word in words), space=r"\s+")


def _words_class(name, spec, words, path, line):
    if not isinstance(words, dict) or not words:
        raise RuleFileError(path, line, f"class {name!r}: 'words' must be a non-empty mapping surface: value")
    lookup = {norm(str(k)): v for k, v in words.items()}
    regex = r"(?<!\w)" + word_regex(lookup) + r"(?!\w)"
    return WordClass(name, spec.get("role", name), regex, spec.get("capture", True), None, lookup,
                     bool(spec.get("trigger", False)))


def _compose(source, classes, path, line, what):
    """Replace {class} placeholders; returns (regex source, {group: (class, side)})."""
    groups = {}
    check_lowercase(source, path, line, what)

    def sub(m):
        name, suffix = m.group(1), m.group(2)
        if name not in classes:
            raise RuleFileError(path, line, f"{what}: unknown class {{{name}}}")
        cls = classes[name]
        if not cls.capture:
            return "(?:" + cls.regex + ")"
        group = name + suffix
        if group in groups:
            raise RuleFileError(path, line, f"{what}: {{{group}}} used twice; add 2 to the second one")
        groups[group] = (cls, 1 if suffix else 0)
        return f"(?P<{group}>{cls.regex})"

    return PLACEHOLDER.sub(sub, source), groups


def _date(value: str, path, line, what) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise RuleFileError(path, line, f"{what}: {value!r} is not a date YYYY-MM-DD") from None


def _month_day(value: str, path, line, what) -> tuple:
    m = re.fullmatch(r"(\d\d)-(\d\d)", str(value))
    if not m or not _valid(2000, int(m.group(1)), int(m.group(2))):
        raise RuleFileError(path, line, f"{what}: {value!r} is not a day MM-DD")
    return int(m.group(1)), int(m.group(2))


def compile_grammar(grammar: dict, calendar: dict, gpath="configs/date/grammar.yml",
                    cpath="configs/date/calendar.yml") -> Grammar:
    """Build the matchers from the two rule files (raw YAML with line numbers, or plain data)."""
    g = Grammar()
    g.window = grammar.get("window", 80)
    g.context = grammar.get("context", 48)
    g.heading_within = grammar.get("heading_within", 5000)
    for key in ("window", "context", "heading_within"):
        if not isinstance(getattr(g, key), int) or getattr(g, key) < 0:
            raise RuleFileError(gpath, line_of(grammar, key), f"{key!r} must be a whole number")

    g.calendar = _compile_calendar(calendar, cpath)
    # words after which "17 en 18" are numbers of something, not days ("vragen 17 en 18 september")
    not_a_list = grammar.get("not_a_day_list", [])
    if not isinstance(not_a_list, list) or not all(isinstance(w, str) for w in not_a_list):
        raise RuleFileError(gpath, line_of(grammar, "not_a_day_list"), "'not_a_day_list' must be a list of words")
    g.not_a_list = re.compile(r"\b(?:" + "|".join(map(re.escape, not_a_list)) + r")\.?\s*$", FLAGS) if not_a_list else None

    classes = {}
    for name, spec in require(grammar, "classes", gpath, dict).items():
        line = line_of(grammar["classes"], name)
        if not re.fullmatch(r"[a-z_]*[a-z_]", name) or name.endswith("2"):
            raise RuleFileError(gpath, line, f"class name {name!r}: lowercase letters only")
        if not isinstance(spec, dict):
            raise RuleFileError(gpath, line, f"class {name!r} must be a mapping")
        if "regex" in spec:
            check_lowercase(spec["regex"], gpath, line, f"class {name}")
            compile_regex(spec["regex"], gpath, line, FLAGS)
            classes[name] = WordClass(name, spec.get("role", name), spec["regex"], spec.get("capture", True),
                                      spec.get("parse"), None, bool(spec.get("trigger", False)))
        else:
            classes[name] = _words_class(name, spec, spec.get("words"), gpath, line)
    cal = g.calendar
    classes["holiday"] = _words_class("holiday", {"trigger": True}, cal["holiday_names"], cpath, None)
    classes["recess"] = _words_class("recess", {"trigger": True}, cal["recess_names"], cpath, None)
    classes["recessbare"] = _words_class("recessbare", {"role": "recess", "trigger": True},
                                         {n: "*" for n in cal["bare_recess"]}, cpath, None)
    g.classes = classes

    g.patterns = []
    seen = set()
    for rule in require(grammar, "patterns", gpath, list):
        line = line_of(rule)
        rule_id = require(rule, "id", gpath)
        if rule_id in seen:
            raise RuleFileError(gpath, line, f"duplicate pattern id {rule_id!r}")
        seen.add(rule_id)
        kind = require(rule, "kind", gpath)
        if kind not in KINDS:
            raise RuleFileError(gpath, line_of(rule, "kind"), f"kind must be one of {', '.join(KINDS)}")
        source, groups = _compose(require(rule, "regex", gpath), classes, gpath, line_of(rule, "regex"), rule_id)
        extra = {}
        for key in ("left", "not_left", "not_right"):
            if rule.get(key):
                check_lowercase(rule[key], gpath, line_of(rule, key), f"{rule_id} {key}")
                extra[key] = compile_regex(rule[key], gpath, line_of(rule, key), FLAGS)
        # every DATE starts at the start of a word (or at the apostrophe of '24): the gate lets the
        # engine skip the rest fast
        gate = APOSTROPHE_GATE if rule["regex"].startswith("{apyear}") else r"(?=\w)\b"
        regex = compile_regex(gate + "(?:" + source + ")", gpath, line_of(rule, "regex"), FLAGS)
        g.patterns.append(Pattern(rule_id, kind, regex, groups, no_signal=bool(rule.get("no_signal")),
                                  source=rule["regex"], name_check=bool(rule.get("name_check")), **extra))

    g.signals = []
    for rule in grammar.get("signals") or []:
        for key in ("id", "signal", "regex"):
            require(rule, key, gpath)
        if rule["signal"] not in SIGNALS:
            raise RuleFileError(gpath, line_of(rule, "signal"), f"signal must be one of {', '.join(SIGNALS)}")
        check_lowercase(rule["regex"], gpath, line_of(rule, "regex"), rule["id"])
        only = rule.get("patterns")
        if only is not None:
            unknown = set(only) - seen
            if unknown:
                raise RuleFileError(gpath, line_of(rule, "patterns"), f"{rule['id']}: unknown pattern {sorted(unknown)}")
            only = frozenset(only)
        signal = None if rule["signal"] == "none" else rule["signal"]
        g.signals.append((signal, compile_regex(rule["regex"], gpath, line_of(rule, "regex"), FLAGS), only))

    names = grammar.get("names") or {}
    g.name_lookback = names.get("lookback", 0)
    heads = [norm(str(h)) for h in names.get("heads") or []]
    g.name_heads = re.compile("(?:" + "|".join(map(re.escape, heads)) + ")$") if heads else None
    g.name_stop = frozenset(norm(str(w)) for w in names.get("stop") or [])

    tense = grammar.get("tense") or {}
    g.tense_window = tense.get("window", 0)
    g.tense = {}
    for key in ("end", "past", "future"):
        if tense.get(key):
            check_lowercase(tense[key], gpath, line_of(tense, key), f"tense {key}")
            g.tense[key] = compile_regex(tense[key], gpath, line_of(tense, key), FLAGS)

    g.vetoes = []
    for rule in grammar.get("vetoes") or []:
        source, _ = _compose(require(rule, "regex", gpath), classes, gpath, line_of(rule), require(rule, "id", gpath))
        g.vetoes.append(compile_regex(source, gpath, line_of(rule, "regex"), FLAGS))

    g.heading = []
    for rule in grammar.get("heading") or []:
        source, groups = _compose(require(rule, "regex", gpath), classes, gpath, line_of(rule), require(rule, "id", gpath))
        g.heading.append((compile_regex(source, gpath, line_of(rule, "regex"), FLAGS), groups))

    # Triggers. A window remembers which kinds of trigger it holds ("class:month", "word:jaar",
    # "regex" for the digit scans); a pattern runs only in windows holding one of its own kinds.
    literal_words = [norm(str(w)) for w in (grammar.get("triggers") or {}).get("words") or []]
    trigger_words = set(literal_words)
    for cls in classes.values():
        if cls.trigger:
            trigger_words.update(cls.words)
    g.word_keys = {w: {"word:" + w} if w in literal_words else set() for w in trigger_words}
    for cls in classes.values():  # "november" is a month and a monthname
        for word in trigger_words.intersection(cls.words):
            g.word_keys[word].add("class:" + cls.name)
    g.triggers = [(re.compile(r"\b" + word_regex(g.word_keys) + r"(?!\w)"), None)]
    for source in (grammar.get("triggers") or {}).get("regex") or []:
        check_lowercase(source, gpath, line_of(grammar.get("triggers"), "regex"), "trigger")
        g.triggers.append((compile_regex(source, gpath, line_of(grammar.get("triggers"), "regex"), FLAGS), "regex"))
    for rule, pat in zip(grammar["patterns"], g.patterns):
        pat.keys = pattern_keys(pat.source, classes, literal_words, trigger_words)
        if not pat.keys:
            raise RuleFileError(gpath, line_of(rule, "regex"), f"{pat.id}: contains no trigger (see triggers:)")
    _compile_requirements(g, classes, grammar.get("vetoes") or [])
    return g


# Speed only (issue 8): which patterns can match in a window at all.
#
# A pattern's regex runs in every window holding one of its trigger kinds, and most runs find
# nothing. `required_parts` reads from a pattern's source the parts every match contains: the
# {classes} and lowercase words outside any group, alternation or quantifier. A match lies
# inside the window, so each such part has a match in the window too (the class regex searched
# with the same pos/endpos sees the same text around it, the word is a substring): when one
# part is missing the pattern cannot match there and is not run. Only a shortcut: the matches
# found are exactly those of running every pattern.

_REQ_TOKEN = re.compile(r"\\.|\[[^\]]*\]|\{[a-z_]+2?\}|\{[\d,]+\}|[a-z]+|.", re.S)
_QUANTIFIER = re.compile(r"[?*]|\{[\d,]+\}")
_WORD_GUARDS = (r"(?<!\w)", r"(?!\w)")  # around every word-list class regex (_words_class)


_METACHARS = frozenset(".^$*+?{}[]|()\\")


def required_parts(source: str) -> list:
    """("class", name) and ("word", text) parts every match of a pattern source contains:
    {classes}, runs of lowercase letters and literal characters outside any group, not under
    a quantifier, in a source without a top-level alternation."""
    if "(?i" in source or "(?x" in source:
        return []
    tokens = _REQ_TOKEN.findall(source)
    parts, depth = [], 0
    for i, tok in enumerate(tokens):
        if tok == "(":
            depth += 1
            continue
        if tok == ")":
            depth -= 1
            continue
        if tok == "|" and depth == 0:
            return []  # a top-level alternation: nothing is required
        if depth or _QUANTIFIER.fullmatch(tok) or _QUANTIFIER.match("".join(tokens[i + 1:i + 3])):
            continue
        if tok.startswith("{") and tok.endswith("}") and len(tok) > 2:
            parts.append(("class", tok[1:-1].rstrip("2")))
        elif tok.isascii() and tok.isalpha() and tok.islower():
            parts.append(("word", tok))
        elif len(tok) == 2 and tok[0] == "\\" and not tok[1].isalnum() and not tok[1].isspace() and tok[1].isascii():
            parts.append(("word", tok[1]))  # an escaped punctuation mark: \. \/
        elif len(tok) == 1 and tok not in _METACHARS and not tok.isspace() and not tok.isalnum():
            parts.append(("word", tok))
    return parts if depth == 0 else []


def _min_width(regex) -> int:
    try:
        from re import _parser
        return _parser.parse(regex.pattern, regex.flags).getwidth()[0]
    except Exception:  # pragma: no cover
        return 0


def _compile_requirements(g: Grammar, classes: dict, veto_rules) -> None:
    """g.requirements: [(kind, regex / first words / text, in the left context?)];
    pattern.required / g.veto_required: ids into it."""
    g.requirements = []
    index = {}

    def ids(source, left=False):
        out = []
        for kind, name in required_parts(source):
            if left and kind == "class":
                continue
            if kind == "class":
                cls = classes.get(name)
                if cls is None:
                    continue
                try:
                    rx = re.compile(cls.regex, FLAGS)
                except re.error:
                    continue
                # zero-width guards and the space class are in every window: no use
                if _min_width(rx) <= 0 or rx.search(" ") or rx.search("\n"):
                    continue
                key = ("class", cls.regex)
                value = (_REGEX, rx, False)
                firsts = _first_words(cls)
                if firsts is not None:
                    value = (_WORDLIST, firsts, False)
            else:
                key = ("left" if left else "word", name)
                value = (_TEXT, name, left)
            if key not in index:
                index[key] = len(g.requirements)
                g.requirements.append(value)
            if index[key] not in out:
                out.append(index[key])
        # cheapest first: substrings, then word lists, then regexes (the digit classes, which
        # are in almost every window)
        return tuple(sorted(out, key=lambda i: g.requirements[i][0]))

    for pat in g.patterns:
        pat.required = ids(pat.source)
        if pat.left is not None:  # `left` must match in the g.context characters before the start
            pat.required = pat.required + ids(pat.left.pattern, left=True)
    g.veto_required = [ids(str(rule.get("regex", ""))) for rule in veto_rules]
    # as bit masks: a window computes the mask of the requirements it has once
    for pat in g.patterns:
        pat.mask = _mask(pat.required)
    g.veto_masks = [_mask(r) for r in g.veto_required]
    g.veto_needed = frozenset(i for r in g.veto_required for i in r)
    g.pattern_sets = {}  # frozenset of window keys -> ([(order, pattern)] that may run there, checks)


def _mask(ids) -> int:
    mask = 0
    for i in ids:
        mask |= 1 << i
    return mask


def _patterns_for(keys, g: Grammar) -> tuple:
    """([(order, pattern)] whose trigger kinds meet keys, [(bit, kind, what, left)] of the
    requirements those patterns and the vetoes have), made once per set of keys."""
    frozen = frozenset(keys)
    found = g.pattern_sets.get(frozen)
    if found is None:
        pats = [(order, pat) for order, pat in enumerate(g.patterns) if not pat.keys.isdisjoint(frozen)]
        needed = set(g.veto_needed)
        for _, pat in pats:
            needed.update(pat.required)
        checks = [(1 << i,) + tuple(g.requirements[i]) for i in sorted(needed)]
        found = g.pattern_sets[frozen] = (pats, checks)
    return found


_TEXT, _WORDLIST, _REGEX = 0, 1, 2  # the kinds of requirement, cheapest first
_WORD_RUN = re.compile(r"\w+")


def _first_words(cls):
    """The first words (\\w+ runs) of a word list's entries, or None when the class is no plain
    guarded word list. A match of the class regex `(?<!\\w)trie(?!\\w)` in a window starts with
    a whole word of the window (up to a non-word character of the entry or the (?!\\w)), so one
    of these words is among the window's words when the class matches there."""
    if not cls.words or not (cls.regex.startswith(_WORD_GUARDS[0]) and cls.regex.endswith(_WORD_GUARDS[1])):
        return None
    firsts = set()
    for entry in cls.words:
        m = _WORD_RUN.match(entry)
        if m is None:  # an entry starting with punctuation: test with the regex instead
            return None
        firsts.add(m.group())
    return frozenset(firsts)


def _window_mask(checks, low: str, a: int, b: int, context: int) -> int:
    """The bits of the requirements that can match in low[a:b] (pos a, endpos b): a substring
    in the window (a substring of a `left` regex from `context` characters before it), a
    first word of a word list among the window's words, a regex found in the window."""
    have = 0
    words = None
    for bit, kind, what, left in checks:
        if kind == _TEXT:
            if low.find(what, max(0, a - context) if left else a, b) >= 0:
                have |= bit
        elif kind == _WORDLIST:
            if words is None:
                words = set(_WORD_RUN.findall(low, a, b))
            if not what.isdisjoint(words):
                have |= bit
        elif what.search(low, a, b) is not None:
            have |= bit
    return have


def pattern_keys(source: str, classes: dict, literal_words, trigger_words) -> frozenset:
    """The kinds of trigger a pattern's regex can contain: its trigger classes, digit classes, words."""
    keys = set()
    for m in PLACEHOLDER.finditer(source):
        cls = classes[m.group(1)]
        if cls.words and not trigger_words.isdisjoint(cls.words):
            keys.add("class:" + cls.name)
        elif not cls.words and cls.capture:
            keys.add("regex")
    plain_source = PLACEHOLDER.sub(" ", source)
    for word in literal_words:
        if re.search(r"(?<![a-z])" + re.escape(word) + r"(?![a-z])", plain_source):
            keys.add("word:" + word)
    return frozenset(keys)


def _compile_calendar(calendar: dict, path) -> dict:
    cal = {"holidays": {}, "holiday_names": {}, "recesses": {}, "recess_names": {}, "bare_recess": []}
    for rule in calendar.get("holidays") or []:
        rid = require(rule, "id", path)
        names = require(rule, "names", path, list)
        line = line_of(rule)
        if "date" in rule:
            spec = ("date", _month_day(rule["date"], path, line_of(rule, "date"), rid))
        elif "nth_weekday" in rule:
            nth = rule["nth_weekday"]
            month, n = require(nth, "month", path, int), require(nth, "n", path, int)
            weekday = WEEKDAYS.get(norm(str(require(nth, "weekday", path))))
            if weekday is None or not 1 <= month <= 12 or not 1 <= n <= 5:
                raise RuleFileError(path, line_of(rule, "nth_weekday"), f"{rid}: bad nth_weekday")
            spec = ("nth_weekday", (month, weekday, n))
        elif "easter" in rule:
            spec = ("easter", require(rule, "easter", path, int))
        else:
            raise RuleFileError(path, line, f"{rid}: needs date, nth_weekday or easter")
        cal["holidays"][rid] = spec
        for name in names:
            cal["holiday_names"][norm(str(name))] = rid
    for rule in calendar.get("recesses") or []:
        rid = require(rule, "id", path)
        typical = require(rule, "typical", path, dict)
        rec = {
            "value": require(rule, "value", path),
            "type": require(rule, "type", path),
            "typical": (_month_day(require(typical, "start", path), path, line_of(typical, "start"), rid),
                        _month_day(require(typical, "end", path), path, line_of(typical, "end"), rid)),
            "dates": {},
        }
        if "{year}" not in rec["value"]:
            raise RuleFileError(path, line_of(rule, "value"), f"{rid}: value needs {{year}}")
        for year, span in (rule.get("dates") or {}).items():
            line = line_of(rule["dates"], year)
            parts = str(span).split("/")
            if len(parts) != 2:
                raise RuleFileError(path, line, f"{rid}: dates need START/END")
            start, end = (_date(p, path, line, rid) for p in parts)
            if end < start or start.year != int(year):
                raise RuleFileError(path, line, f"{rid}: {span} does not start in {year} or ends before it starts")
            rec["dates"][int(year)] = (start, end)
        cal["recesses"][rid] = rec
        for name in require(rule, "names", path, list):
            cal["recess_names"][norm(str(name))] = rid
    cal["bare_recess"] = [norm(str(n)) for n in calendar.get("bare_recess") or []]
    return cal


# ---------------------------------------------------------------------------------------------
# Finding and resolving


def parse_iso(value):
    """A date from meta.date ("2023-09-25", also with a time part); None when absent or bad."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def windows(low: str, g: Grammar) -> list:
    """Merged [start, end, trigger kinds] stretches of the lowercased text within g.window
    characters of a trigger."""
    hits = []
    for rx, key in g.triggers:
        for m in rx.finditer(low):
            hits.append((m.start(), m.end(), key or m.group()))
    hits.sort()
    merged = []
    for start, end, key in hits:
        keys = {key} if key == "regex" else g.word_keys.get(norm(key), ())
        a, b = max(0, start - g.window), min(len(low), end + g.window)
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
            merged[-1][2].update(keys)
        else:
            merged.append([a, b, set(keys)])
    return merged


def fields_of(match, pattern) -> tuple:
    """({role: value} of the start, {role: value} of the end) from a match's groups."""
    sides = ({}, {})
    for group, (cls, side) in pattern.groups.items():
        surface = match.group(group)
        if surface is not None:
            value = cls.value(surface)
            if value is not None:
                sides[side][cls.role] = value
    return sides


def signal_before(low: str, start: int, g: Grammar, rule_id=None):
    before = low[max(0, start - g.context):start]
    for signal, rx, only in g.signals:
        if only is not None and rule_id not in only:
            continue
        if rx.search(before):
            return signal
    return None


NAME_WORD = re.compile(r"[^\W\d_][\w’'-]*|[.,;:!?()«»\"“”\[\]]")
SENTENCE_START = re.compile(r"(?:^|[.!?:]\s*|\n\s*)$")


def is_name(text: str, start: int, g: Grammar) -> bool:
    """A year at start belongs to a name ("Voorjaarsnota 2018", "Wet inburgering 2021",
    "Vernieuwing Toezicht 2008"): one of the g.name_lookback words before it, back to
    punctuation or a stop word, ends in a name head or is capitalised without starting a sentence."""
    lo = max(0, start - 12 * max(g.name_lookback, 1))
    words = list(NAME_WORD.finditer(text, lo, start))
    seen = 0
    for w in reversed(words):
        word = w.group()
        if not word[0].isalpha():
            break
        low = word.lower()
        if low in g.name_stop:
            break
        if g.name_heads is not None and g.name_heads.search(low.rstrip("-")):
            return True
        if word[0].isupper() and not SENTENCE_START.search(text, max(lo, w.start() - 3), w.start()):
            return True
        seen += 1
        if seen >= g.name_lookback:
            break
    return False


def tense_of(low: str, start: int, end: int, g: Grammar) -> int:
    """-1 (past), 1 (future) or 0: the first tense cue in the clause of a date (from the clause
    boundary before it to the one after it, each within g.tense_window characters)."""
    stop = min(len(low), end + g.tense_window)
    begin = max(0, start - g.tense_window)
    if "end" in g.tense:
        m = g.tense["end"].search(low, end, stop)
        if m:
            stop = m.start()
        for m in g.tense["end"].finditer(low, begin, start):
            begin = m.end()
    best = None
    for key, value in (("past", -1), ("future", 1)):
        if key in g.tense:
            m = g.tense[key].search(low, begin, stop)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), value)
    return best[1] if best else 0


class _Intervals:
    """Disjoint sorted intervals (overlapping input is merged) with an O(log n) overlap test."""

    def __init__(self, spans=()):
        self.starts, self.ends = [], []
        for start, end in sorted(spans):
            if self.ends and start < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def overlaps(self, start, end) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        if i >= 0 and self.ends[i] > start:
            return True
        return i + 1 < len(self.starts) and self.starts[i + 1] < end

    def add(self, start, end):
        """Add an interval that overlaps none already held."""
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def find_dates(text: str, g: Grammar, dct=None, blocked=(), low=None, wins=None) -> list:
    """DATE spans of text as dicts {start, end, attrs, rule}, sorted by start.

    dct is the document date (datetime.date or None); blocked are (start, end) stretches no
    DATE may overlap (DOSSIER_REF spans). low (the lowercased text) and wins (its windows) are
    computed when not given.
    """
    low = lower_text(text) if low is None else low
    wins = windows(low, g) if wins is None else wins
    vetoed = list(blocked)
    candidates = []
    context = g.context
    for a, b, keys in wins:
        pats, checks = _patterns_for(keys, g)
        have = _window_mask(checks, low, a, b, context)  # a pattern runs when it has all its bits
        for rx, mask in zip(g.vetoes, g.veto_masks):
            if mask & ~have:
                continue
            vetoed.extend(m.span() for m in rx.finditer(low, a, b))
        for order, pat in pats:
            if pat.mask & ~have:
                continue
            for m in pat.regex.finditer(low, a, b):
                start, end = m.span()
                if end == start or not _context_ok(low, start, end, pat, g):
                    continue
                if pat.name_check and is_name(text, start, g):
                    continue
                candidates.append((start, end, order, pat, m))
    block = _Intervals(vetoed)
    taken = _Intervals()
    chosen = []
    seen = set()
    # longest first; at equal length the pattern listed first in grammar.yml wins
    for start, end, order, pat, m in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        if (start, end) in seen or block.overlaps(start, end) or taken.overlaps(start, end):
            continue
        signal = None if pat.no_signal or pat.kind != "point" else signal_before(low, start, g, pat.id)
        first, last = fields_of(m, pat)
        if pat.kind == "point":  # a 2 only keeps group names apart here
            first, last = {**last, **first}, {}
            if dct is not None and signal is None and UNANCHORED.isdisjoint(first) and (
                    "day" in first or "month" in first):
                first["tense"] = tense_of(low, start, end, g)
        fields = dict(first)
        attrs = resolve(pat.kind, first, last, dct, g.calendar, signal)
        if attrs is INVALID:
            continue
        seen.add((start, end))
        taken.add(start, end)
        chosen.append({"start": start, "end": end, "attrs": attrs, "rule": pat.id, "_fields": fields,
                       "_kind": pat.kind})
    chosen.extend(_day_lists(low, chosen, g, dct, block, taken))
    chosen.sort(key=lambda s: s["start"])
    for span in chosen:
        span.pop("_fields", None)
        span.pop("_kind", None)
    return chosen


def _context_ok(text, start, end, pat, g) -> bool:
    if pat.left or pat.not_left:
        before = text[max(0, start - g.context):start]
        if pat.left and not pat.left.search(before):
            return False
        if pat.not_left and pat.not_left.search(before):
            return False
    if pat.not_right and pat.not_right.match(text, end, min(len(text), end + g.context)):
        return False
    return True


def _day_lists(text, chosen, g, dct, block, taken) -> list:
    """"op 17 en 18 september 2024": the bare days before a date are dates of their own."""
    extra = []
    for span in list(chosen):
        fields = span["_fields"]
        if span["_kind"] != "point" or "day" not in fields or "month" not in fields or not text[span["start"]].isdigit():
            continue
        lo = max(0, span["start"] - g.context)
        found = DAY_LIST.search(text, lo, span["start"])
        if not found or (g.not_a_list and g.not_a_list.search(text, lo, found.start())):
            continue
        for num in DAY_NUMBER.finditer(text, found.start(), found.end()):
            start, end = num.span()
            if block.overlaps(start, end) or taken.overlaps(start, end):
                continue
            attrs = resolve("point", dict(fields, day=int(num.group())), {}, dct, g.calendar,
                            signal_before(text, start, g, "date.day_list"))
            if attrs is INVALID:
                continue
            taken.add(start, end)
            extra.append({"start": start, "end": end, "attrs": attrs, "rule": "date.day_list",
                          "_fields": {}, "_kind": "point"})
    return extra


def heading_date(text: str, g: Grammar, low=None, wins=None):
    """The document's own date (ISO) from its heading, by the first heading rule that matches."""
    low = lower_text(text) if low is None else low
    wins = windows(low, g) if wins is None else wins
    head = [(a, min(b, g.heading_within)) for a, b, _ in wins if a < g.heading_within]
    for rx, groups in g.heading:
        for m in (m for a, b in head for m in rx.finditer(low, a, b)):
            fields = {}
            for group, (cls, _) in groups.items():
                if m.group(group) is not None:
                    fields[cls.role] = cls.value(m.group(group))
            y, mo, d = fields.get("year"), fields.get("month"), fields.get("day")
            if y and mo and d and _valid(y, mo, d):
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


# --- normalisation


def resolve(kind, start: dict, end: dict, dct, cal, signal=None):
    """attrs {value, type, mod, signal[, range]} of a match, or INVALID when it is no date."""
    if kind == "session":
        y1 = start.get("year")
        y2 = end.get("year")
        if y1 is None or y2 is None:
            return INVALID
        if y2 < 100:  # 2023/24
            y2 += y1 // 100 * 100 + (100 if y2 < y1 % 100 else 0)
        if y2 != y1 + 1:
            return INVALID
        return _attrs(f"{y1}-{y2}", "session_year", None, None)
    if kind == "period":
        # "14 tot en met 16 maart 2022": the start takes the month and year of the end
        if "day" in start and "month" not in start and "month" in end:
            start["month"] = end["month"]
        if "year" not in start and "yearrel" not in start:
            for role in ("year", "yearrel", "anchor"):
                if role in end:
                    start[role] = end[role]
        a = resolve_point(start, dct, cal, None)
        b = resolve_point(end, dct, cal, None)
        if a is INVALID or b is INVALID:
            return INVALID
        va, vb = a[0], b[0]
        if va is not None and vb is not None:
            if len(va) == len(vb) and va >= vb:
                return INVALID
            return _attrs(f"{va}/{vb}", "period", None, None)
        return _attrs(None, "period", None, None)
    point = resolve_point(start, dct, cal, signal)
    if point is INVALID:
        return INVALID
    value, typ, mod, extra = point
    return _attrs(value, typ, mod, signal, extra)


def _attrs(value, typ, mod, signal, extra=None) -> dict:
    attrs = {"value": value, "type": typ, "mod": mod, "signal": signal}
    if extra:
        attrs.update(extra)
    return attrs


def _valid(y, m, d) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def add_months(year: int, month: int, n: int) -> tuple:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def nth_weekday(year, month, weekday, n) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def easter(year) -> dt.date:
    """Easter Sunday (Gregorian; anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def holiday_date(spec, year) -> dt.date:
    kind, arg = spec
    if kind == "date":
        return dt.date(year, *arg)
    if kind == "nth_weekday":
        return nth_weekday(year, *arg)
    return easter(year) + dt.timedelta(days=arg)


def recess_instance(rec, year) -> tuple:
    """(first day, last day) of a recess starting in year: the known dates, else the typical."""
    if year in rec["dates"]:
        return rec["dates"][year]
    (sm, sd), (em, ed) = rec["typical"]
    end_year = year + 1 if (em, ed) < (sm, sd) else year
    return dt.date(year, sm, sd), dt.date(end_year, em, ed)


def _recess(rid, year, dct, cal, signal):
    """(recess record, year it starts) for "het zomerreces (2024)" / "het reces"."""
    if rid == "*":
        if dct is None:
            return None, None
        best = None
        for rec in cal["recesses"].values():
            for y in (dct.year - 1, dct.year, dct.year + 1):
                first, last = recess_instance(rec, y)
                if first <= dct <= last:
                    return rec, y
                if first > dct and (best is None or first < best[0]):
                    best = (first, rec, y)
        return (best[1], best[2]) if best else (None, None)
    rec = cal["recesses"][rid]
    if year is not None:
        return rec, year
    if dct is None:
        return rec, None
    y = dct.year
    first, last = recess_instance(rec, y - 1)
    if first <= dct <= last:  # the kerstreces that began last December
        return rec, y - 1
    if signal == "before" and recess_instance(rec, y)[1] < dct:
        return rec, y + 1
    return rec, y


def _direction_year(key: tuple, dct: dt.date, direction: int) -> int:
    """Year of the latest (direction -1) / next (+1) / current (0) occurrence of a month-day key."""
    now = (dct.month, dct.day)[: len(key)]
    if direction < 0:
        return dct.year if key <= now else dct.year - 1
    if direction > 0:
        return dct.year if key >= now else dct.year + 1
    return dct.year


def _nearest_year(key: tuple, dct: dt.date) -> int:
    """Year of the occurrence of a month-day (or month) nearest to dct; a tie goes to the later one."""
    best = None
    for y in (dct.year - 1, dct.year, dct.year + 1):
        if len(key) == 2:
            if not _valid(y, *key):
                continue
            distance = abs((dt.date(y, *key) - dct).days)
        else:
            distance = abs((y * 12 + key[0]) - (dct.year * 12 + dct.month))
        if best is None or distance <= best[0]:
            best = (distance, y)
    return best[1] if best else dct.year


def resolve_point(f: dict, dct, cal, signal=None):
    """(value, type, mod, extra attrs) of one point in time, or INVALID."""
    try:
        point = _resolve_point(f, dct, cal, signal)
    except (OverflowError, ValueError):  # a document date at the edge of the calendar (year 1 or 9999)
        return None, "relative", f.get("mod"), None
    if point is not INVALID and point[0] is not None and not FOUR_DIGIT_YEAR.match(point[0]):
        return (None,) + point[1:]
    return point


def _resolve_point(f: dict, dct, cal, signal=None):
    mod = f.get("mod")
    if "yy" in f:  # '24: the century that puts it at most ten years after the document date
        ref = dct.year if dct is not None else 2030
        year = 2000 + f["yy"]
        f = dict(f, year=year if year <= ref + 10 else year - 100)
    if "decade" in f:
        d = f["decade"]
        if d >= 100:  # "de jaren 1990"
            return f"{d // 10:03d}", "year", mod, None
        d = d // 10 if d >= 10 else d
        ref = dct.year if dct is not None else 1999
        return ("20" if 2000 + 10 * d <= ref else "19") + str(d), "year", mod, None
    if "weekend" in f:
        if dct is None:
            return None, "relative", mod, None
        return iso_week(dct + dt.timedelta(weeks=f["weekend"])) + "-WE", "relative", mod, None
    if "dayword" in f:
        return (None if dct is None else (dct + dt.timedelta(days=f["dayword"])).isoformat()), "relative", mod, None
    if "num" in f and "unit" in f:  # "twee jaar geleden" (dir -1), "over twee weken" (dir 1)
        if dct is None:
            return None, "relative", mod, None
        n, unit = f["num"] * -f.get("dir", -1), f["unit"]
        if unit == "day":
            return (dct - dt.timedelta(days=n)).isoformat(), "relative", mod, None
        if unit == "week":
            return iso_week(dct - dt.timedelta(weeks=n)), "relative", mod, None
        if unit == "month":
            return "%04d-%02d" % add_months(dct.year, dct.month, -n), "relative", mod, None
        return f"{dct.year - n:04d}", "relative", mod, None
    if "weekrel" in f:
        if dct is None:
            return None, "relative", mod, None
        base = dct + dt.timedelta(weeks=f["weekrel"])
        if "weekday" in f:
            return (base + dt.timedelta(days=f["weekday"] - base.weekday())).isoformat(), "relative", mod, None
        return iso_week(base), "relative", mod, None
    if "monthrel" in f:
        if dct is None:
            return None, "relative", mod, None
        return "%04d-%02d" % add_months(dct.year, dct.month, f["monthrel"]), "relative", mod, None
    if "recess" in f:
        rec, year = _recess(f["recess"], f.get("year"), dct, cal, signal)
        if rec is None:
            return None, "season", mod, None
        if year is None:
            return None, rec["type"], mod, None
        extra = None
        if year in rec["dates"]:
            first, last = rec["dates"][year]
            extra = {"range": f"{first.isoformat()}/{last.isoformat()}"}
        return rec["value"].replace("{year}", f"{year:04d}"), rec["type"], mod, extra

    direction = f.get("anchor", f.get("rel"))
    if "weekday" in f and "day" not in f and direction is not None:  # "aanstaande dinsdag"
        if dct is None:
            return None, "relative", mod, None
        wd = f["weekday"]
        if direction < 0:
            day = dct - dt.timedelta(days=(dct.weekday() - wd) % 7 or 7)
        elif direction > 0:
            day = dct + dt.timedelta(days=(wd - dct.weekday()) % 7 or 7)
        else:
            day = dct + dt.timedelta(days=wd - dct.weekday())
        return day.isoformat(), "relative", mod, None

    # a calendar point: day, week, month, season, quarter, half, holiday or year
    if "day" in f:
        key, typ = (f.get("month"), f["day"]), "date"
        if key[0] is None or not _valid(2000, *key):
            return INVALID
    elif "week" in f:
        key, typ = (1,), "date"
    elif "month" in f:
        key, typ = (f["month"],), "month"
    elif "season" in f:
        key, typ = (SEASON_START[f["season"]],), "season"
    elif "quarter" in f:
        key, typ = ((f["quarter"] - 1) * 3 + 1,), "quarter"
    elif "half" in f:
        key, typ = ((f["half"] - 1) * 6 + 1,), "quarter"
    elif "holiday" in f:
        key, typ = None, "date"
    else:
        key, typ = None, "year" if "year" in f else "relative"

    explicit = "year" in f
    if explicit:
        year = f["year"]
    elif dct is None:
        year = None
    elif "yearrel" in f:
        year = dct.year + f["yearrel"]
    elif direction is not None and key is not None:
        year = _direction_year(key, dct, direction)
        if direction > 0 and "season" in f and key[0] <= dct.month:  # "volgend voorjaar" in April
            year = dct.year + 1
    elif "weekday" in f and "day" in f:  # the nearest year where the weekday fits
        year = next((y for y in (dct.year, dct.year - 1, dct.year + 1)
                     if _valid(y, *key) and dt.date(y, *key).weekday() == f["weekday"]), dct.year)
    elif f.get("tense") and key is not None:  # past / future narration: "op 11 augustus ... heeft ingediend"
        year = _direction_year(key, dct, f["tense"])
    elif "tense" in f and key is not None:
        year = _nearest_year(key, dct)
    else:
        year = dct.year

    if year is not None and not 1 <= year <= 9999:
        raise ValueError(year)
    if "day" in f:
        if year is not None and not _valid(year, *key):
            return INVALID
        value = None if year is None else f"{year:04d}-{key[0]:02d}-{key[1]:02d}"
    elif year is None:
        value = None
    elif "week" in f:
        if not 1 <= f["week"] <= dt.date(year, 12, 28).isocalendar()[1]:
            return INVALID
        value = f"{year:04d}-W{f['week']:02d}"
    elif "month" in f:
        value = f"{year:04d}-{f['month']:02d}"
    elif "season" in f:
        value = f"{year:04d}-{f['season']}"
    elif "quarter" in f:
        value = f"{year:04d}-Q{f['quarter']}"
    elif "half" in f:
        value = f"{year:04d}-H{f['half']}"
    elif "holiday" in f:
        value = holiday_date(cal["holidays"][f["holiday"]], year).isoformat()
    else:
        value = f"{year:04d}"
    return value, typ, mod, None
