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
from operator import itemgetter
from re import _constants as _sre
from re import _parser as _sre_parser

from spacy.language import Language
from spacy.tokens import Doc

from .fastre import trie_pattern
from ..common.rules import RuleFileError, compile_regex, line_of, plain, read_yaml, require
from ..common.spans import doc_meta, doc_spans, doc_text, make_span
from ..common.timex import given_date
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
DAY_LIST_ENDS = (",", "en", "of")  # what a DAY_LIST match ends with, before white space
DAY_NUMBER = re.compile(r"\d{1,2}")
NUMBER = re.compile(r"\d+")
FOUR_DIGIT_YEAR = re.compile(r"(?!0000)\d{4}(?!\d)|\d{3}$")  # 2024..., or a decade: 199
# fields that fix the year of a day or month themselves: no tense rule for those
UNANCHORED = frozenset({"year", "yy", "yearrel", "anchor", "rel", "weekday", "weekrel", "monthrel"})
APOSTROPHE_GATE = r"(?<![\w’'‘])(?=[’'‘]\d)"
WORD_GATE = r"(?=\w)\b"
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
        if meta.get("date"):  # a date given with the input is never overwritten, only read
            given, _ = given_date(meta["date"])
            if given != meta["date"]:  # "14-06-2019"; unreadable: kept aside, the heading decides
                meta["date_given"] = meta.pop("date")
                if given:
                    meta["date"] = given
        dct = parse_iso(meta.get("date"))
        if not meta.get("date"):
            found = heading_date(text, self.grammar, low, wins)
            if found:
                meta["date"] = found
                dct = parse_iso(found)
        read = text
        if meta.get("footnotes"):  # "in 20152", "6 december jl.1": read without the marker
            read = without_markers(text, meta["footnotes"])
            if read != text:
                low = lower_text(read)
                wins = windows(low, self.grammar)
        out = doc_spans(doc)
        if not wins:  # no trigger word: no DATE (find_dates would find none)
            return doc
        blocked = [(s["start"], s["end"]) for s in out if s["label"] == "DOSSIER_REF"]
        # make_span on the text in hand: add_span would rebuild doc.text (O(n)) for every span
        for span in find_dates(read, self.grammar, dct, blocked, low, wins):
            # the span's text from the text itself (a period may hold a marker: "van 20152 tot 2017")
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
            return int(surface if surface.isdecimal() else NUMBER.search(surface).group())
        found = self.words.get(surface)  # a key is its own norm()
        return found if found is not None else self.words.get(norm(surface))


class Pattern:
    def __init__(self, rule_id, kind, regex, groups, left=None, not_left=None, not_right=None, no_signal=False,
                 source="", name_check=False, order=0):
        self.id, self.kind, self.regex, self.groups = rule_id, kind, regex, groups
        self.order = order  # its place in grammar.yml
        self.left, self.not_left, self.not_right, self.no_signal = left, not_left, not_right, no_signal
        self.name_check = name_check
        self.source = source
        self.keys = frozenset()  # the kinds of trigger this pattern can contain (set by compile_grammar)
        self.required = ()  # requirement ids every match needs in its window (set by compile_grammar)
        self.mask = 0  # the same as bits
        self.starts = None  # how the first word of every match begins, when readable (see _compile_starts)


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
        gate = APOSTROPHE_GATE if rule["regex"].startswith("{apyear}") else WORD_GATE
        regex = compile_regex(gate + "(?:" + source + ")", gpath, line_of(rule, "regex"), FLAGS)
        g.patterns.append(Pattern(rule_id, kind, regex, groups, no_signal=bool(rule.get("no_signal")),
                                  source=rule["regex"], name_check=bool(rule.get("name_check")),
                                  order=len(g.patterns), **extra))

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
        rx = compile_regex(rule["regex"], gpath, line_of(rule, "regex"), FLAGS)
        g.signals.append((signal, rx, only, _leading_strings(rx)))
    g.signals_of = {}  # rule id -> its signals (signal_before)

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
    g.trigger_chars = [_first_chars(rx) for rx, _ in g.triggers]  # a scan is skipped when none is in the text
    for rule, pat in zip(grammar["patterns"], g.patterns):
        pat.keys = pattern_keys(pat.source, classes, literal_words, trigger_words)
        if not pat.keys:
            raise RuleFileError(gpath, line_of(rule, "regex"), f"{pat.id}: contains no trigger (see triggers:)")
    _compile_requirements(g, classes, grammar.get("vetoes") or [])
    _compile_starts(g)
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
                value = (_REGEX, (_first_class(rx), rx), False)
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
    g.pattern_sets = {}  # frozenset of window keys -> ([(order, pattern)] that may run there, checks)


def _mask(ids) -> int:
    mask = 0
    for i in ids:
        mask |= 1 << i
    return mask


def _patterns_for(keys, g: Grammar) -> list:
    """[[(order, pattern)] whose trigger kinds meet keys, [(bit, kind, what, left)] of the
    requirements in their masks and the vetoes' masks, {requirement bits: plan}], made once per
    set of keys."""
    frozen = frozenset(keys)
    found = g.pattern_sets.get(frozen)
    if found is None:
        pats = [(order, pat) for order, pat in enumerate(g.patterns) if not pat.keys.isdisjoint(frozen)]
        needed = 0
        for mask in g.veto_masks + [pat.mask for _, pat in pats]:
            needed |= mask
        checks = [(1 << i,) + tuple(req) for i, req in enumerate(g.requirements)
                  if needed >> i & 1 and req[0] != _WORDLIST]  # the word lists: _window_words
        found = g.pattern_sets[frozen] = [pats, checks, {}]
    return found


_MAX_PLANS = 4096


def _plan(entry: list, have: int, g: Grammar) -> tuple:
    """The vetoes and patterns whose masks a window with the requirement bits have completes:
    ([(regex, pattern or None for a veto)] that run with finditer, {start ids: ((id, regex,
    pattern or None), ...) of those with start words among them}, filled by _started_matches)."""
    plans = entry[2]
    plan = plans.get(have)
    if plan is None:
        if len(plans) >= _MAX_PLANS:
            plans.clear()
        runs = [(len(g.patterns) + j, rx, None, starts)
                for j, (rx, mask, starts) in enumerate(zip(g.vetoes, g.veto_masks, g.veto_starts)) if not mask & ~have]
        runs += [(order, pat.regex, pat, pat.starts) for order, pat in entry[0] if not pat.mask & ~have]
        started = {sid: (sid, rx, pat) for sid, rx, pat, starts in runs if starts is not None}
        plan = plans[have] = ([(rx, pat) for _, rx, pat, starts in runs if starts is None], started, {})
    return plan


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
    in the window (a substring of a `left` regex from `context` characters before it), a regex
    found in the window. (The word lists: _window_words.)"""
    have = 0
    for bit, kind, what, left in checks:
        if kind == _TEXT:
            if low.find(what, max(0, a - context) if left else a, b) >= 0:
                have |= bit
        else:
            skip, regex = what
            if skip is not None:
                first = skip.search(low, a, b)
                if first is None:
                    continue
                if regex.search(low, first.start(), b) is not None:
                    have |= bit
            elif regex.search(low, a, b) is not None:
                have |= bit
    return have


# Speed only: what the matches of a regex start with, read from its parse tree (re._parser).
# Each reader answers with a superset ("cannot tell" included), so a test built on it never
# leaves out a match.

_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
_WORD_CHAR = re.compile(r"\w")
_NOT_A_WORD_CHAR = (_sre.IN, [(_sre.CATEGORY, _sre.CATEGORY_WORD)])  # the body of (?!\w) / (?<!\w)
# (longest prefix read, largest class read character by character after the first character):
# the first that gives at most _MAX_STARTS words and prefixes within _MAX_STEPS steps
_START_LIMITS = ((8, 10), (8, 3), (4, 3), (2, 3))
_MAX_STARTS = 300
_MAX_STEPS = 3000
_FIRST_CLASS = 12  # a class of at most this many characters is read character by character at the start
_STOP = [("stop", None)]


class _Unreadable(Exception):
    pass


def _class_chars(items):
    """(the characters of a class when listed and few, "decimal" for \\d, else None; True when the
    class matches no word character)."""
    if items and items[0][0] is _sre.NEGATE:
        categories = {av for op, av in items[1:] if op is _sre.CATEGORY}
        # [^\S...] is within \s and [^\w...] within \W: no word character either way
        return None, bool(categories & {_sre.CATEGORY_NOT_SPACE, _sre.CATEGORY_WORD})
    if items == [(_sre.CATEGORY, _sre.CATEGORY_DIGIT)]:
        return "decimal", False
    chars, listed = set(), True
    for op, av in items:
        if op is _sre.LITERAL:
            chars.add(chr(av))
        elif op is _sre.RANGE and av[1] - av[0] < _FIRST_CLASS:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        elif op is _sre.CATEGORY and av in (_sre.CATEGORY_SPACE, _sre.CATEGORY_NOT_WORD):
            listed = False
        else:
            return None, False
    wordless = not any(_WORD_CHAR.match(ch) for ch in chars)
    return (chars if listed and len(chars) <= _FIRST_CLASS else None), wordless


def start_words(parsed, gated: bool, anywhere: bool = False):
    """(words, prefixes, decimal) such that the first word of every match of a parsed regex (the
    \\w run at its start) is one of words, or starts with one of prefixes, or (decimal) starts
    with a digit; None when that cannot be read. gated: every match starts at a word start;
    otherwise a \\b or (?<!\\w) before the first character must say so (anywhere: the match may
    start inside a word, the strings then only say what it starts with)."""
    if parsed.state.flags & re.IGNORECASE:
        return None
    for length, next_class in _START_LIMITS:
        found = _read_starts(parsed, gated, anywhere, length, next_class)
        if found is not None and len(found[0]) + len(found[1]) <= _MAX_STARTS:
            return found
    return None


def _read_starts(parsed, gated, anywhere, length, next_class):
    words, prefixes, decimal = set(), set(), []
    steps = [0]

    def walk(frames, acc, at_start):
        steps[0] += 1
        if steps[0] > _MAX_STEPS or len(words) + len(prefixes) > _MAX_STARTS:
            raise _Unreadable
        if len(acc) >= length:
            prefixes.add(acc)
            return
        if not frames:
            if not acc:
                raise _Unreadable  # a way through that consumes nothing
            prefixes.add(acc)
            return
        items, i = frames[0]
        if i >= len(items):
            walk(frames[1:], acc, at_start)
            return
        op, av = items[i]
        nxt = ((items, i + 1),) + frames[1:]
        if op == "stop":  # after the first of a repetition: the word goes on in ways not read
            if not acc:
                raise _Unreadable
            prefixes.add(acc)
        elif op is _sre.LITERAL or op is _sre.IN:
            if op is _sre.LITERAL:
                chars, wordless = {chr(av)}, not _WORD_CHAR.match(chr(av))
            else:
                chars, wordless = _class_chars(av)
            if acc:
                if wordless:
                    words.add(acc)
                elif isinstance(chars, set) and len(chars) <= next_class:
                    for ch in sorted(chars):
                        if _WORD_CHAR.match(ch):
                            walk(nxt, acc + ch, True)
                        else:
                            words.add(acc)
                else:
                    prefixes.add(acc)
            elif not at_start:
                raise _Unreadable
            elif chars == "decimal":
                decimal.append(True)
            elif isinstance(chars, set):
                for ch in sorted(chars):
                    if _WORD_CHAR.match(ch):
                        walk(nxt, ch, True)
                    elif not gated:  # a gated match starts with a word character
                        raise _Unreadable
            elif not (wordless and gated):
                raise _Unreadable
        elif op is _sre.AT:
            if acc:
                if av is _sre.AT_BOUNDARY:
                    words.add(acc)
                else:
                    prefixes.add(acc)
            else:
                walk(nxt, acc, at_start or av is _sre.AT_BOUNDARY)
        elif op is _sre.ASSERT or op is _sre.ASSERT_NOT:
            direction, body = av
            no_word = op is _sre.ASSERT_NOT and len(body.data) == 1 and body.data[0] == _NOT_A_WORD_CHAR
            if acc and no_word and direction == 1:
                words.add(acc)
            else:
                walk(nxt, acc, at_start or (not acc and no_word and direction == -1))
        elif op is _sre.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                raise _Unreadable
            walk(((av[-1].data, 0),) + nxt, acc, at_start)
        elif op is _sre.ATOMIC_GROUP:
            walk(((av.data, 0),) + nxt, acc, at_start)
        elif op is _sre.BRANCH:
            for alternative in av[1]:
                walk(((alternative.data, 0),) + nxt, acc, at_start)
        elif op in _REPEATS:
            least, most, body = av
            if least == 0:
                walk(nxt, acc, at_start)
            if most == 1:
                walk(((body.data, 0),) + nxt, acc, at_start)
            elif most != 0:
                walk(((body.data, 0), (_STOP, 0)), acc, at_start)
        elif acc:  # any character, a group reference...: the word goes on in ways not read
            prefixes.add(acc)
        else:
            raise _Unreadable

    try:
        walk(((parsed.data, 0),), "", gated or anywhere)
    except (_Unreadable, RecursionError):
        return None
    if not (words or prefixes or decimal):
        return None
    shortest = []  # a prefix that starts with a kept one adds nothing (sorted: that one comes just before)
    for prefix in sorted(prefixes):
        if not shortest or not prefix.startswith(shortest[-1]):
            shortest.append(prefix)
    prefixes = tuple(shortest)
    return frozenset(w for w in words if not w.startswith(prefixes)), prefixes, bool(decimal)


def _word_class(items) -> bool:
    """True when a class matches word characters only."""
    for op, av in items:
        if op is _sre.LITERAL:
            chars = (chr(av),)
        elif op is _sre.RANGE and av[1] - av[0] < 256:
            chars = map(chr, range(av[0], av[1] + 1))
        elif op is _sre.CATEGORY and av in (_sre.CATEGORY_DIGIT, _sre.CATEGORY_WORD):
            continue
        else:
            return False
        if not all(_WORD_CHAR.match(ch) for ch in chars):
            return False
    return True


def _first_run_bound(seq, counted: int = 0) -> tuple:
    """(a lower bound of the word characters a match of seq consumes before its first word
    ends, True when the word may go on after seq). Counting stops where it cannot tell."""
    total = 0
    for op, av in seq:
        if op is _sre.LITERAL:
            if not _WORD_CHAR.match(chr(av)):
                return total, False
            total += 1
        elif op is _sre.IN:
            if not _word_class(av):
                return total, False
            total += 1
        elif op is _sre.AT or op is _sre.ASSERT or op is _sre.ASSERT_NOT:
            ends_word = av is _sre.AT_BOUNDARY if op is _sre.AT else (
                op is _sre.ASSERT_NOT and av[0] == 1 and len(av[1].data) == 1 and av[1].data[0] == _NOT_A_WORD_CHAR)
            if ends_word and counted + total:
                return total, False
        elif op is _sre.SUBPATTERN or op is _sre.ATOMIC_GROUP:
            inner, going = _first_run_bound((av[-1] if op is _sre.SUBPATTERN else av).data, counted + total)
            total += inner
            if not going:
                return total, False
        elif op is _sre.BRANCH:
            bounds = [_first_run_bound(alternative.data, counted + total) for alternative in av[1]]
            total += min(n for n, _ in bounds)
            if not all(going for _, going in bounds):
                return total, False
        elif op in _REPEATS and av[0] > 0:
            # counted as if past the start: a \b in a later round ends the word
            inner, going = _first_run_bound(av[2].data, counted + total + 1)
            total += inner * (av[0] if going else 1)
            if not going:
                return total, False
        else:  # optional, a group reference, any character...
            return total, False
    return total, True


_CATEGORY_ESCAPES = {_sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_SPACE: r"\s",
                     _sre.CATEGORY_NOT_SPACE: r"\S", _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W"}


def _first_class(regex):
    """A one-class regex for the first character of every match of regex, or None when that
    cannot be read. `re` skips to such a character fast, and the regex (which has no such
    scan) is then searched from there: the same first match."""
    items = []
    try:
        parsed = _sre_parser.parse(regex.pattern, regex.flags)
        if parsed.state.flags & re.IGNORECASE or _first_items(parsed.data, items):
            return None
    except _Unreadable:
        return None
    return re.compile("[" + "".join(dict.fromkeys(items)) + "]")


def _first_items(seq, out: list) -> bool:
    """Add to out the class items of the characters seq can start with; True when it can match
    the empty string."""
    for op, av in seq:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue
        if op is _sre.LITERAL:
            out.append(re.escape(chr(av)))
            return False
        if op is _sre.IN:
            for item, value in av:
                if item is _sre.LITERAL:
                    out.append(re.escape(chr(value)))
                elif item is _sre.RANGE:
                    out.append(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
                elif item is _sre.CATEGORY and value in _CATEGORY_ESCAPES:
                    out.append(_CATEGORY_ESCAPES[value])
                else:
                    raise _Unreadable
            return False
        if op is _sre.SUBPATTERN or op is _sre.ATOMIC_GROUP:
            if op is _sre.SUBPATTERN and av[1] & re.IGNORECASE:
                raise _Unreadable
            if not _first_items((av[-1] if op is _sre.SUBPATTERN else av).data, out):
                return False
        elif op is _sre.BRANCH:
            empty = [_first_items(alternative.data, out) for alternative in av[1]]
            if not any(empty):
                return False
        elif op in _REPEATS:
            least, _, body = av
            if not _first_items(body.data, out) and least > 0:
                return False
        else:
            raise _Unreadable
    return True


def _first_chars(regex):
    """The characters every match of regex starts with one of, when its first item lists them."""
    parsed = _sre_parser.parse(regex.pattern, regex.flags)
    if parsed.state.flags & re.IGNORECASE:
        return None
    for op, av in parsed.data:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue
        if op is _sre.LITERAL:
            return (chr(av),)
        if op is _sre.IN and all(item is _sre.LITERAL for item, _ in av):
            return tuple(chr(c) for _, c in av)
        return None
    return None


def _leading_strings(regex):
    """Strings of which every match of regex starts with one (a signal's words), or None."""
    found = start_words(_sre_parser.parse(regex.pattern, regex.flags), False, anywhere=True)
    if found is None or found[2]:
        return None
    strings = set(found[0]) | set(found[1])
    return tuple(sorted(s for s in strings if not any(t != s and t in s for t in strings)))


# Speed only: where in a window a pattern can start.
#
# Every pattern starts at a word start (its gate), and the first word of a match is mostly one
# of a few words: "april", "het", a weekday, a number that starts with 18-21... `start_words`
# reads these from the parsed regex: whole first words (the word ends there: a space, \b or
# (?!\w) follows), prefixes of the first word, or "starts with a digit". A window's words are
# found with one scan, and a pattern is tried with `match` only at the words that can start it,
# in order, each from the end of the previous match: the matches of `finditer` (a match starts
# at one of those words; `match` at a position is what `finditer` tries there). A regex whose
# first words cannot be read runs with finditer as before.


def _compile_starts(g: Grammar) -> None:
    """The start words of the gated patterns and of the vetoes, indexed by word (pattern i has
    id i, veto j id len(g.patterns) + j), and the first words of the word-list requirements:
    g.start_scan finds the window's words that are either, once per window."""
    exact, by_prefix, decimal = {}, {}, []
    entries = []
    ids = [(i, pat.regex, pat.regex.pattern.startswith(WORD_GATE)) for i, pat in enumerate(g.patterns)]
    ids += [(len(g.patterns) + j, rx, False) for j, rx in enumerate(g.vetoes)]
    lists = _mask(i for i, req in enumerate(g.requirements) if req[0] == _WORDLIST)
    g.veto_starts = []
    g.start_shortest = {}  # id -> the fewest characters of the first word of a match, when more than one
    for sid, rx, gated in ids:
        parsed = _sre_parser.parse(rx.pattern, rx.flags)
        found = start_words(parsed, gated)
        veto = sid - len(g.patterns)
        mask = g.veto_masks[veto] if veto >= 0 else g.patterns[sid].mask
        if found is not None:
            # Of its requirements only the word lists are still worth checking: the window's
            # words decide them with the same scan. A match attempt at a start word costs about
            # what a str.find or a class regex search costs.
            mask &= lists
        if veto >= 0:
            g.veto_starts.append(found)
            g.veto_masks[veto] = mask
        else:
            g.patterns[sid].starts, g.patterns[sid].mask = found, mask
        if found is None:
            continue
        shortest = _first_run_bound(parsed.data)[0]
        if shortest > 1:
            g.start_shortest[sid] = shortest
        words, prefixes, digit = found
        for word in words:
            exact.setdefault(word, []).append(sid)
        for prefix in prefixes:
            by_prefix.setdefault(prefix, []).append(sid)
        if digit:
            decimal.append(sid)
        entries.extend(words)
        entries.extend(prefixes)
    g.start_exact = {w: frozenset(v) for w, v in exact.items()}
    g.start_prefixes = {p: frozenset(v) for p, v in by_prefix.items()}
    g.start_lengths = tuple(sorted({len(p) for p in by_prefix}))
    g.start_decimal = frozenset(decimal)
    g.list_bits = {}  # a first word of a word-list requirement -> the bits of the requirements it meets
    for i, (kind, firsts, _) in enumerate(g.requirements):
        if kind == _WORDLIST:
            for word in firsts:
                g.list_bits[word] = g.list_bits.get(word, 0) | 1 << i
            entries.extend(firsts)
    g.start_cache = {}
    heads = trie_pattern(sorted({entry[:4] for entry in entries})) if entries else "(?!)"
    g.start_scan = re.compile(r"(?<!\w)(?=" + heads + (r"|\d" if decimal else "") + r")\w+")


_START_CACHE_SIZE = 50000


def _window_words(low: str, a: int, b: int, g: Grammar) -> tuple:
    """([(position, ids)] of the window's words that can start a pattern or veto, the bits of
    the word-list requirements its words meet). A word list is met when one of its entries'
    first words is a word of the window (see _first_words), and every such word is found."""
    starts = []
    bits = 0
    cache = g.start_cache
    for m in g.start_scan.finditer(low, a, b):
        found = cache.get(m.group())
        if found is None:
            found = _start_ids(m.group(), g)
        ids, more = found
        bits |= more
        if ids:
            starts.append((m.start(), ids))
    return starts, bits


def _start_ids(word: str, g: Grammar) -> tuple:
    """(ids of the patterns and vetoes word can start, bits of the word lists it is a first
    word of), kept in g.start_cache (the same words recur)."""
    ids = g.start_exact.get(word, frozenset())
    for n in g.start_lengths:
        if n > len(word):
            break
        more = g.start_prefixes.get(word[:n])
        if more:
            ids = ids | more
    if word[0].isdecimal():
        ids = ids | g.start_decimal
    if any(g.start_shortest.get(sid, 1) > len(word) for sid in ids):
        ids = frozenset(sid for sid in ids if g.start_shortest.get(sid, 1) <= len(word))
    if len(g.start_cache) >= _START_CACHE_SIZE:
        g.start_cache.clear()
    found = g.start_cache[word] = (ids, g.list_bits.get(word, 0))
    return found


def _started_matches(low: str, b: int, starts: list, plan: tuple, found: list) -> None:
    """Add to found (match, pattern or None) of the plan's regexes with start words: each tried
    with `match` at the window's words that can start it, in order, from the end of its
    previous match (see _compile_starts)."""
    started, by_ids = plan[1], plan[2]
    ends = {}  # id -> the end of its last match
    for at, ids in starts:
        runs = by_ids.get(ids)
        if runs is None:
            if len(by_ids) >= _MAX_PLANS:
                by_ids.clear()
            runs = by_ids[ids] = tuple(started[sid] for sid in sorted(ids) if sid in started)
        for sid, regex, pat in runs:
            if sid in ends and ends[sid] > at:
                continue
            m = regex.match(low, at, b)
            if m is not None:
                ends[sid] = m.end()
                found.append((m, pat))


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


_MARKER_DIGITS = re.compile(r"[0-9¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}")


def without_markers(text: str, footnotes: dict) -> str:
    """text with the footnote markers linked in meta.footnotes (offset -> spans) blanked, so
    that no DATE holds one: "in 20152" reads "in 2015 ". Same length, same offsets."""
    chars = None
    for key in footnotes:
        m = _MARKER_DIGITS.match(text, int(key)) if str(key).isdigit() else None
        if m:
            chars = chars if chars is not None else list(text)
            chars[m.start():m.end()] = " " * (m.end() - m.start())
    return text if chars is None else "".join(chars)


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
    for (rx, key), chars in zip(g.triggers, g.trigger_chars):
        if chars is not None and not _contains_any(low, chars):  # no '24 without an apostrophe
            continue
        if key:
            hits.extend((*m.span(), key) for m in rx.finditer(low))
        else:
            hits.extend((*m.span(), m.group()) for m in rx.finditer(low))
    hits.sort()
    merged = []
    last = None
    word_keys, window, size = g.word_keys, g.window, len(low)
    for start, end, key in hits:
        keys = (key,) if key == "regex" else word_keys.get(key) or word_keys.get(norm(key), ())
        a = start - window if start > window else 0
        b = end + window if end + window < size else size
        if last is not None and a <= last[1]:
            if b > last[1]:
                last[1] = b
            last[2].update(keys)
        else:
            last = [a, b, set(keys)]
            merged.append(last)
    return merged


def _contains_any(text: str, strings) -> bool:
    for string in strings:
        if string in text:
            return True
    return False


def fields_of(match, pattern) -> tuple:
    """({role: value} of the start, {role: value} of the end) from a match's groups."""
    sides = ({}, {})
    surfaces = match.groupdict()
    for group, (cls, side) in pattern.groups.items():
        surface = surfaces[group]
        if surface is not None:
            value = cls.value(surface)
            if value is not None:
                sides[side][cls.role] = value
    return sides


def signal_before(low: str, start: int, g: Grammar, rule_id=None):
    rules = g.signals_of.get(rule_id)
    if rules is None:  # the signals that apply to the rule, and the words each starts with
        rules = g.signals_of[rule_id] = [(signal, rx, leading) for signal, rx, only, leading in g.signals
                                         if only is None or rule_id in only]
    before = low[max(0, start - g.context):start]
    for signal, rx, leading in rules:
        if leading is not None and not _contains_any(before, leading):  # its words are not there
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
    found = []  # (match, pattern or None for a veto)
    candidates = []  # (start - end, order, start, end, pattern, match)
    context = g.context
    for a, b, keys in wins:
        entry = _patterns_for(keys, g)
        starts, have = _window_words(low, a, b, g)
        if entry[1]:
            have |= _window_mask(entry[1], low, a, b, context)
        plan = _plan(entry, have, g)
        for regex, pat in plan[0]:
            found.extend((m, pat) for m in regex.finditer(low, a, b))
        if plan[1]:
            _started_matches(low, b, starts, plan, found)
    for m, pat in found:
        start, end = m.span()
        if pat is None:
            vetoed.append((start, end))
        elif end > start:
            candidates.append((start - end, pat.order, start, end, pat, m))
    block = _Intervals(vetoed)
    blocking = bool(vetoed)
    taken = _Intervals()
    chosen = []
    days = []  # (start, fields) of the chosen days with a month, in the order chosen: see _day_lists
    # longest first; at equal length the pattern listed first in grammar.yml wins
    candidates.sort(key=_RANK)
    for _, order, start, end, pat, m in candidates:
        if (blocking and block.overlaps(start, end)) or taken.overlaps(start, end):
            continue
        # the context and name checks depend on the text only: made for the candidates still free
        if (pat.left or pat.not_left or pat.not_right) and not _context_ok(low, start, end, pat, g):
            continue
        if pat.name_check and is_name(text, start, g):
            continue
        signal = None if pat.no_signal or pat.kind != "point" else signal_before(low, start, g, pat.id)
        first, last = fields_of(m, pat)
        if pat.kind == "point":
            if last:  # a 2 only keeps group names apart here
                first, last = {**last, **first}, {}
            if dct is not None and signal is None and UNANCHORED.isdisjoint(first) and (
                    "day" in first or "month" in first):
                first["tense"] = tense_of(low, start, end, g)
        day = dict(first) if pat.kind == "point" and "day" in first and "month" in first else None
        attrs = resolve(pat.kind, first, last, dct, g.calendar, signal)
        if attrs is INVALID:
            continue
        taken.add(start, end)
        chosen.append({"start": start, "end": end, "attrs": attrs, "rule": pat.id})
        if day is not None:
            days.append((start, day))
    if days:
        chosen.extend(_day_lists(low, days, g, dct, block, taken))
    chosen.sort(key=_START)
    return chosen


_START = itemgetter("start")


_RANK = itemgetter(0, 1, 2)  # (start - end, order, start): unique, so the match objects are never compared


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


def _day_lists(text, days, g, dct, block, taken) -> list:
    """"op 17 en 18 september 2024": the bare days before a date are dates of their own. days:
    (start, fields) of the chosen days with a month."""
    extra = []
    for begin, fields in days:
        if not text[begin].isdigit():
            continue
        lo = max(0, begin - g.context)
        if not text[lo:begin].rstrip().endswith(DAY_LIST_ENDS):  # no DAY_LIST match can end here
            continue
        found = DAY_LIST.search(text, lo, begin)
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
            extra.append({"start": start, "end": end, "attrs": attrs, "rule": "date.day_list"})
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
