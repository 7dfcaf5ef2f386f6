"""DATE, step 1: compiling configs/date/grammar.yml and calendar.yml into a `Grammar`.

Word classes and patterns become regular expressions over the lowercased text (re.IGNORECASE
costs a factor 4); every error names the file and the line. For speed, each pattern also gets
the parts every match contains (`required_parts`) and the words its matches start with
(starts.py), so matching.py runs it only in windows where it can match.
"""

import datetime as dt
import re
from re import _parser as _sre_parser

from ...common.rules import RuleFileError, compile_regex, line_of, require
from ..fastre import trie_pattern
from .resolution import valid_day
from .starts import first_chars, first_class, first_run_bound, leading_strings, start_words


KINDS = ("point", "period", "session")
SIGNALS = ("before", "after", "by", "since", "none")  # "none": the words mean no deadline ("begroting voor")
PLACEHOLDER = re.compile(r"\{([a-z_]+?)(2?)\}")
FLAGS = 0  # the text is lowercased once instead
UPPERCASE = re.compile(r"[A-Z]")
ESCAPES = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)")
WEEKDAYS = {"maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5, "zondag": 6}
NUMBER = re.compile(r"\d+")
APOSTROPHE_GATE = r"(?<![\w’'‘])(?=[’'‘]\d)"
WORD_GATE = r"(?=\w)\b"


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
    if not m or not valid_day(2000, int(m.group(1)), int(m.group(2))):
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
        g.signals.append((signal, rx, only, leading_strings(rx)))
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
    g.trigger_chars = [first_chars(rx) for rx, _ in g.triggers]  # a scan is skipped when none is in the text
    for rule, pat in zip(grammar["patterns"], g.patterns):
        pat.keys = pattern_keys(pat.source, classes, literal_words, trigger_words)
        if not pat.keys:
            raise RuleFileError(gpath, line_of(rule, "regex"), f"{pat.id}: contains no trigger (see triggers:)")
    _compile_requirements(g, classes, grammar.get("vetoes") or [])
    _compile_starts(g)
    return g


# Speed only: which patterns can match in a window at all (matching.py runs the plan).
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
                value = (REQ_REGEX, (first_class(rx), rx), False)
                firsts = _first_words(cls)
                if firsts is not None:
                    value = (REQ_WORDLIST, firsts, False)
            else:
                key = ("left" if left else "word", name)
                value = (REQ_TEXT, name, left)
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


REQ_TEXT, REQ_WORDLIST, REQ_REGEX = 0, 1, 2  # the kinds of requirement, cheapest first
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


# Speed only: where in a window a pattern can start (matching.py looks the words up).
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
    lists = _mask(i for i, req in enumerate(g.requirements) if req[0] == REQ_WORDLIST)
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
        shortest = first_run_bound(parsed.data)[0]
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
        if kind == REQ_WORDLIST:
            for word in firsts:
                g.list_bits[word] = g.list_bits.get(word, 0) | 1 << i
            entries.extend(firsts)
    g.start_cache = {}
    heads = trie_pattern(sorted({entry[:4] for entry in entries})) if entries else "(?!)"
    g.start_scan = re.compile(r"(?<!\w)(?=" + heads + (r"|\d" if decimal else "") + r")\w+")


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
