"""DOSSIER_REF: references to parliamentary dossiers, documents and official publications.

The surface forms live in configs/dossier_ref/patterns.yml; this module expands and compiles
them, picks non-overlapping matches, normalises each match into `attrs.refs`, recognises the
document's own header (attrs.self, meta.dossier/number/session) and links footnote markers to
the references their notes hold (meta.footnotes).

Pure functions (`compile_rules`, `find_refs`, `normalise_session`, `parse_official_id`,
`link_footnotes`, ...) do the work and are tested directly; the component only wires them.
"""

import bisect
import re
import string
from re import _constants as _sre  # parsed regexes: what a pattern starts with
from re import _parser as _sre_parse

from spacy.language import Language
from spacy.tokens import Doc

from .fastre import class_chars
from ..common.rules import RuleFileError, compile_regex, line_of, plain, read_yaml, require
from ..common.spans import doc_meta, doc_spans, doc_text, make_span
from .base import RuleComponent

LABEL = "DOSSIER_REF"
REF_KEYS = ("kind", "dossier", "sub", "number", "chamber", "session", "year", "item", "id")
FLAG_LETTERS = {"I": re.I, "M": re.M, "S": re.S}
PIECE_REF = re.compile(r"\{([A-Z_]+)\}")
# A regex that starts with a one-character negative lookbehind ("(?<![\w])Handelingen") cannot
# use the fast literal-prefix scan of `re` (30x slower); the guard is taken off and checked
# on each match instead, which means the same.
LEADING_GUARD = re.compile(r"^((?:\(\?P<\w+>|\(\?:)*)\(\?<!(\[(?:\\.|[^\]\\])*\])\)")
# Leading inline flags ("(?m)"), which a twin regex of Scanner must keep in front.
LEADING_FLAGS = re.compile(r"\(\?[a-zA-Z]+\)")
_MAX_START_STRINGS = 32
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT)
_CATEGORIES = {_sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_SPACE: r"\s",
               _sre.CATEGORY_NOT_SPACE: r"\S", _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W"}

# Parsing helpers for the text a pattern captured (not surface patterns: those are in configs/).
# a blank may be a no-break or thin space (HTML, PDF): "35\u00a0165"
_DOSSIER_TOKEN = re.compile(
    r"(?<![\w.,])(?P<base>[1-3]\d)[ .\u00a0\u202f\u2009]?(?P<rest>\d{3})(?!\d|[.,]\d)"
    r"(?:[ \t\u00a0\u202f\u2009]*-[ \t\u00a0\u202f\u2009]*(?P<hsub>[IVXL]{1,7}[AB]?|[A-Z]|\d{2})(?![\w])"
    r"|[ \t\u00a0\u202f\u2009]+(?P<ssub>[IVXL]{1,7}[AB]?)(?![\w]))?")
_NUMBER_TOKEN = re.compile(r"(?<![\w])(\d{1,5}[a-z]?|[A-Z]{1,3})(?![\w])")
# the words of a list that are no number: "NR." is no Eerste Kamer letter, nor the "EN" of "NRS. 4 EN 6"
_NUMBER_WORD = re.compile(r"^\s*(?:nrs?|nummers?)\b\.?|(?<=\s)EN(?=\s)", re.I)
_RANGE_WORD = re.compile(r"^\s*(?:t/m|tot\s+en\s+met|[-–])\s*$")
_SESSION = re.compile(r"(\d{4})\s*[/–-]\s*(\d{4}|\d{2})(?!\d)")
_ROMAN = re.compile(r"^[IVXL]{1,7}[AB]?$")
_YEAR_OR_NUMBER = re.compile(r"(?:(\d{4})\s*,\s*)?(?<!\d)(\d{1,6})(?!\d)")
_SUFFIX = re.compile(r"^(?P<body>.*?)(?P<suffix>-[hbn]\d+)?$")
_SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_MAX_RANGE = 25


@Language.factory("kst_dossier_ref", assigns=["doc._.kst_spans", "doc._.kst_meta"])
def make_dossier_ref(nlp: Language, name: str):
    return DossierRefTagger(nlp, name)


# ---------------------------------------------------------------------------------------------
# Loading and compiling the rule file


def expand_pieces(regex: str, pieces: dict, path=None, line=None, _depth=0) -> str:
    """Replace {NAME} by its piece (recursively); unknown names are errors naming the line."""
    if _depth > 10:
        raise RuleFileError(path, line, "pieces refer to each other in a circle")

    def sub(match):
        name = match.group(1)
        if name not in pieces:
            raise RuleFileError(path, line, f"unknown piece {{{name}}}")
        return expand_pieces(pieces[name], pieces, path, line, _depth + 1)

    return PIECE_REF.sub(sub, regex)


def _flags(names) -> int:
    value = 0
    for name in names or ():
        value |= FLAG_LETTERS[name]
    return value


def validate_rules(data, path) -> None:
    """Check the YAML of patterns.yml, raising RuleFileError with file and line."""
    pieces = data.get("pieces") or {}
    if not isinstance(pieces, dict):
        raise RuleFileError(path, line_of(data, "pieces"), "'pieces' must be a mapping")
    seen = set()
    for rule in require(data, "patterns", path, list):
        for key in ("id", "kind", "regex"):
            require(rule, key, path)
        if rule["id"] in seen:
            raise RuleFileError(path, line_of(rule, "id"), f"duplicate pattern id {rule['id']!r}")
        seen.add(rule["id"])
        for flag in rule.get("flags") or ():
            if flag not in FLAG_LETTERS:
                raise RuleFileError(path, line_of(rule, "flags"), f"unknown flag {flag!r} (use I, M, S)")
        for key in ("priority", "within"):
            if key in rule and not isinstance(rule[key], int):
                raise RuleFileError(path, line_of(rule, key), f"{key!r} must be a whole number")
        for key in ("regex", "chain"):
            if key in rule:
                line = line_of(rule, key)
                compile_regex(expand_pieces(rule[key], pieces, path, line), path, line, _flags(rule.get("flags")))
    for style in (data.get("footnotes") or {}).get("styles") or ():
        for key in ("id", "marker", "note"):
            require(style, key, path)
            if key != "id":
                compile_regex(style[key], path, line_of(style, key))
    header = data.get("session_header")
    if header:
        compile_regex(require(header, "regex", path), path, line_of(header, "regex"))


def compile_guarded(regex: str, flags: int = 0):
    """(compiled regex, compiled guard class or None): see LEADING_GUARD."""
    found = LEADING_GUARD.match(regex)
    if not found:
        return re.compile(regex, flags), None
    return re.compile(found.group(1) + regex[found.end():], flags), re.compile(found.group(2), flags)


def guarded_finditer(regex, guard, text: str, endpos=None):
    """regex.finditer(text) honouring a leading guard taken off by compile_guarded."""
    endpos = len(text) if endpos is None else endpos
    if guard is None:
        yield from regex.finditer(text, 0, endpos)
        return
    pos, search = 0, regex.search
    while True:
        m = search(text, pos, endpos)
        if m is None:
            return
        start = m.start()
        if start and guard.match(text, start - 1):
            pos = start + 1
            continue
        yield m
        pos = m.end() if m.end() > start else start + 1


def _prefix_strings(items, strings: set) -> tuple:
    """(strings, whole): `strings` followed by the literal text the parsed items start with
    (small classes and alternations of literals expanded), and whether that is all of them."""
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is _sre.SUBPATTERN:
            if av[1] or av[2]:  # flags switched inside, (?i:...): not literal
                return strings, False
            strings, whole = _prefix_strings(av[3].data, strings)
            if not whole:
                return strings, False
            continue
        if op is _sre.BRANCH:
            ends = [_prefix_strings(alt.data, strings) for alt in av[1]]
            grown = set().union(*(alt for alt, _ in ends))
            if len(grown) > _MAX_START_STRINGS:
                return strings, False
            strings = grown
            if not all(whole for _, whole in ends):
                return strings, False
            continue
        chars = (chr(av),) if op is _sre.LITERAL else class_chars(av) if op is _sre.IN else None
        if chars is None or len(strings) * len(chars) > _MAX_START_STRINGS:
            return strings, False
        strings = {s + c for s in strings for c in chars}
    return strings, True


def start_strings(regex: re.Pattern):
    """The strings one of which every match of regex starts with ("Kamer"/"kamer", "19"/"20"),
    none the start of another; None when `re` scans for the start as fast itself (one
    string, a shared first character) or the strings are too short to be worth looking for."""
    if regex.flags & re.I:
        return None
    strings, _ = _prefix_strings(_sre_parse.parse(regex.pattern, regex.flags).data, {""})
    if len({s[:1] for s in strings}) < 2 or min(map(len, strings)) < 2:
        return None
    return tuple(sorted(s for s in strings if not any(s != t and s.startswith(t) for t in strings)))


def _fewest_prefixes(strings) -> tuple:
    """The longest prefixes of the strings that are as few as their 2-character ones (one
    str.find each): "St" and "Tr" for Stb, Stcrt, Staatsblad, ..., Trb."""
    fewest = len({s[:2] for s in strings})
    length = max(n for n in range(2, min(map(len, strings)) + 1) if len({s[:n] for s in strings}) == fewest)
    return tuple(sorted({s[:length] for s in strings}))


def _anchor(strings):
    """(mark, ((offset, strings), ...)): a character all strings hold that is neither letter,
    digit nor blank ("-" of kst-, ah-tk-), so rare in text, with the strings grouped by where
    they hold it first; None when there is none."""
    common = set(strings[0]).intersection(*strings[1:])
    marks = sorted(c for c in common if not (c.isalnum() or c.isspace()))
    if not marks:
        return None
    by_offset = {}
    for string in strings:
        by_offset.setdefault(string.index(marks[0]), []).append(string)
    return marks[0], tuple((offset, tuple(group)) for offset, group in sorted(by_offset.items()))


def _string_positions(text: str, strings, anchor) -> list:
    """Where any of the strings (none the start of another) occurs, in order: found one by
    one, or by their anchor (one str.find for many strings)."""
    found = []
    if anchor is None:
        for string in strings:
            at = text.find(string)
            while at != -1:
                found.append(at)
                at = text.find(string, at + 1)
    else:
        mark, groups = anchor
        at = text.find(mark)
        while at != -1:
            for offset, group in groups:
                if at >= offset and text.startswith(group, at - offset):
                    found.append(at - offset)
            at = text.find(mark, at + 1)
    found.sort()
    return found


def _line_twin(regex: re.Pattern):
    r"""A multi-line regex that opens with ^, with "\n" for the ^ (None for others): it
    matches at a "\n" exactly where regex matches at the start of the next line, and `re`
    scans fast for its literal "\n" where it tries the ^ at every character."""
    flags = LEADING_FLAGS.match(regex.pattern)
    at = flags.end() if flags else 0
    parsed = _sre_parse.parse(regex.pattern, regex.flags).data
    if not (regex.flags & re.M and regex.pattern[at:at + 1] == "^" and parsed
            and parsed[0] == (_sre.AT, _sre.AT_BEGINNING)):
        return None
    return re.compile(regex.pattern[:at] + r"\n" + regex.pattern[at + 1:], regex.flags)


def _class_text(op, av):
    """The text of a parsed character class (or literal) as a class, or None."""
    parts = []
    for item, value in [(op, av)] if op is _sre.LITERAL else av:
        if item is _sre.NEGATE:
            parts.append("^")
        elif item is _sre.LITERAL:
            parts.append("\\U%08x" % value)
        elif item is _sre.RANGE:
            parts.append("\\U%08x-\\U%08x" % value)
        elif item is _sre.CATEGORY and value in _CATEGORIES:
            parts.append(_CATEGORIES[value])
        else:
            return None
    return "[" + "".join(parts) + "]"


def _first_class(regex: re.Pattern) -> list:
    r"""The openings of twins for a regex that opens (after its guard, in a group or not)
    with a class, which `re` scans character by character ([1-3]\d{4}, 8x slower than a
    literal) or, when the class is repeated (\d{1,2}), tries at every character: each
    character of a small class, or a larger class when it is repeated. [] for others."""
    items = _sre_parse.parse(regex.pattern, regex.flags).data
    while items and (items[0][0] in _ZERO_WIDTH or items[0][0] is _sre.SUBPATTERN):
        op, av = items[0]
        if op is _sre.SUBPATTERN and (av[1] or av[2]):  # flags switched inside: not this class
            return []
        items = av[3].data if op is _sre.SUBPATTERN else items[1:]
    if not items or regex.flags & re.I:
        return []
    op, av = items[0]
    repeated = op in _REPEATS and av[0] >= 1 and len(av[2]) == 1
    if repeated:
        (op, av), = av[2].data
    chars = class_chars(av) if op is _sre.IN else None
    if chars:
        return [re.escape(c) for c in chars]
    if repeated and op in (_sre.LITERAL, _sre.IN) and _class_text(op, av):
        return [_class_text(op, av)]
    return []


def _twins(pattern: str, flags: int, openings, width: int = 1) -> tuple:
    r"""Regexes that open with one of openings (texts of width characters) and check the
    whole pattern, guard included, at their start: "1(?<=(?=pattern).)" matches exactly
    where pattern does with a "1", and `re` scans it for its first literal. () when the
    pattern opens with inline flags, which cannot move inside."""
    if not openings or LEADING_FLAGS.match(pattern):
        return ()
    behind = r"[\s\S]" if width == 1 else r"[\s\S]{%d}" % width
    return tuple(re.compile(f"{opening}(?<=(?={pattern}){behind})", flags) for opening in openings)


class Scanner:
    r"""The matches of one pattern (those of guarded_finditer), looked for only where one can
    start. `re` scans a regex fast for its literal prefix, but character by character or at
    every character one that opens with several strings ([Kk]amer, (?:19|20)\d{2}Z), with a
    class ([1-3]\d{4}, \d{1,2}) or with a multi-line ^: most of the cost of this component
    (issue 8). Such strings are found with str.find and the regex is matched there; the
    others, and strings too short to be rare (19, 20), are looked for with twin regexes
    that `re` scans for a literal and that match where the pattern does (a line twin one
    character before it, at the "\n")."""

    __slots__ = ("regex", "guard", "empty", "strings", "anchor", "twins", "shift")

    def __init__(self, pattern: str, flags: int = 0):
        self.regex, self.guard = compile_guarded(pattern, flags)
        self.strings = self.anchor = None
        self.twins, self.shift = (), 0
        self.empty = _sre_parse.parse(self.regex.pattern, self.regex.flags).getwidth()[0] == 0
        if self.empty:
            return  # an empty match has its own finditer rules: left to re
        full = re.compile(pattern, flags)  # with its guard, for the twins
        strings = start_strings(self.regex)
        if strings is not None:
            self.anchor = _anchor(strings)
            strings = strings if self.anchor is not None else _fewest_prefixes(strings)
            # a Python step at each occurrence of a short string costs more than its twin
            if self.anchor is None and len(strings[0]) < 3:
                self.twins = _twins(pattern, full.flags, [re.escape(s) for s in strings], len(strings[0]))
            if not self.twins:
                self.strings = strings
            return
        line_twin = _line_twin(self.regex) if self.guard is None else None
        if line_twin is not None:
            self.twins, self.shift = (line_twin,), 1
        else:
            self.twins = _twins(pattern, full.flags, _first_class(full))

    def finditer(self, text: str, endpos=None, found=None):
        """The matches in text[:endpos]. found: start positions by string tuple, shared by
        the scanners of one text. Most patterns find nothing in a text: the first match is
        looked for before a generator is made."""
        endpos = len(text) if endpos is None else endpos
        if self.strings is not None:
            found = {} if found is None else found
            starts = found.get(self.strings)
            if starts is None:
                starts = found[self.strings] = _string_positions(text, self.strings, self.anchor)
            return self._at_starts(text, starts, endpos) if starts else ()
        if self.empty:
            return guarded_finditer(self.regex, self.guard, text, endpos)
        if self.twins:
            ahead = [twin.search(text, 0, endpos) for twin in self.twins]  # each twin's next match
            # a line twin finds the "\n" before a line: the first line is tried by itself
            m = self.regex.match(text, 0, endpos) if self.shift else None
            m = m or self._next_by_twins(text, ahead, 0, endpos)
            return () if m is None else self._by_twins(text, m, ahead, endpos)
        m = self.regex.search(text, 0, endpos)
        return () if m is None else self._guarded(text, m, endpos)

    def _guarded(self, text, m, endpos):
        search, guard = self.regex.search, self.guard
        while m is not None:
            at = m.start()
            if at and guard is not None and guard.match(text, at - 1):
                pos = at + 1
            else:
                yield m
                pos = m.end()
            m = search(text, pos, endpos)

    def _at_starts(self, text, starts, endpos):
        match, guard, pos = self.regex.match, self.guard, 0
        for at in starts:
            if at >= endpos:
                return
            if at < pos or (at and guard is not None and guard.match(text, at - 1)):
                continue  # the guard first: "stuk" inside "Kamerstuk" fails it, a match costs more
            m = match(text, at, endpos)
            if m is not None:
                yield m
                pos = m.end()

    def _by_twins(self, text, m, ahead, endpos):
        while m is not None:
            yield m
            m = self._next_by_twins(text, ahead, m.end(), endpos)

    def _next_by_twins(self, text, ahead, pos, endpos):
        """The first match from pos on: at the first of the twins' next matches, each
        searched again once it lies before pos."""
        shift, first = self.shift, None
        for k, found in enumerate(ahead):
            if found is not None and found.start() + shift < pos:
                found = ahead[k] = self.twins[k].search(text, max(pos - shift, 0), endpos)
            if found is not None and (first is None or found.start() < first.start()):
                first = found
        return None if first is None else self.regex.match(text, first.start() + shift, endpos)


class Rule:
    """One compiled pattern record."""

    __slots__ = ("id", "kind", "scanner", "has_span", "chain", "chain_has_span", "priority", "within", "self",
                 "debate", "inherit", "order")

    def __init__(self, record: dict, pieces: dict, order: int):
        flags = _flags(record.get("flags"))
        self.id = record["id"]
        self.kind = record["kind"]
        self.scanner = Scanner(expand_pieces(record["regex"], pieces), flags)
        self.has_span = "span" in self.scanner.regex.groupindex
        self.chain = re.compile(expand_pieces(record["chain"], pieces), flags) if record.get("chain") else None
        self.chain_has_span = self.chain is not None and "span" in self.chain.groupindex
        self.priority = int(record.get("priority", 0))
        self.within = record.get("within")
        self.self = bool(record.get("self"))
        self.debate = bool(record.get("debate_dossier"))
        self.inherit = bool(record.get("inherit_dossier"))
        self.order = order


class Rules:
    """Everything compiled from patterns.yml (built once, reused for every document)."""

    def __init__(self, data: dict):
        pieces = data.get("pieces") or {}
        self.rules = [Rule(r, pieces, i) for i, r in enumerate(data.get("patterns") or [])]
        self.publications = data.get("publications") or {}
        self.official_ids = data.get("official_ids") or {}
        # longest prefix first: "nds-tk" before "nds"
        self.official_prefixes = sorted(self.official_ids, key=len, reverse=True)
        self.id_prefixes = data.get("id_prefixes") or {}
        self.numeric_subdossiers = set(data.get("numeric_subdossiers") or ())
        self.default_chamber = data.get("default_chamber")
        self.urls = data.get("urls") or {}
        self.url_fields = {kind: _template_fields(template) for kind, template in self.urls.items()}
        header = data.get("session_header") or {}
        self.session_header = re.compile(header["regex"]) if header.get("regex") else None
        self.session_within = header.get("within", 1500)
        notes = data.get("footnotes") or {}
        self.max_note_chars = notes.get("max_note_chars", 800)
        self.footnote_styles = [(s["id"], Scanner(s["marker"]), Scanner(s["note"])) for s in notes.get("styles") or ()]


def compile_rules(data: dict) -> Rules:
    return Rules(data)


def load_rules(path) -> dict:
    """Read and check patterns.yml; returns JSON-native data (what the component stores)."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise RuleFileError(path, None, "expected a mapping with 'pieces' and 'patterns'")
    validate_rules(data, path)
    return plain(data)


# ---------------------------------------------------------------------------------------------
# Normalisation


def normalise_session(text):
    """'2022/23' -> '2022-2023', '2023–2024' -> '2023-2024', '1999/00' -> '1999-2000'."""
    if not text:
        return None
    found = _SESSION.search(text)
    if not found:
        return None
    first, second = found.group(1), found.group(2)
    if len(second) == 2:
        second_year = int(first[:2] + second)
        if second_year < int(first):
            second_year += 100
        second = str(second_year)
    return f"{first}-{second}"


def normalise_chamber(text):
    if not text:
        return None
    text = " ".join(text.split()).upper()
    if text in ("II", "TK", "TWEEDE KAMER", "2"):
        return "II"
    if text in ("I", "EK", "EERSTE KAMER", "1"):
        return "I"
    return None


def normalise_number(text):
    """'180' -> '180', '09' -> '9', 'AB' -> 'AB', '188b' -> '188b'."""
    text = text.strip()
    return str(int(text)) if text.isdigit() else text


def session_code(session):
    return session.replace("-", "") if session else None


def empty_ref(kind: str) -> dict:
    ref = dict.fromkeys(REF_KEYS)
    ref["kind"] = kind
    return ref


def parse_dossiers(text: str) -> list:
    """Dossier tokens of a captured list: '30 821 en 26 643' -> [('30821', None), ('26643', None)];
    '36 200 XV' -> [('36200', 'XV')]; '21 501-02' -> [('21501', '02')]."""
    found = []
    for m in _DOSSIER_TOKEN.finditer(text):
        found.append((m.group("base") + m.group("rest"), m.group("hsub") or m.group("ssub")))
    return found


def parse_numbers(text: str) -> list:
    """Document numbers of a captured list: 'nrs. 32, 33 en 35' -> ['32', '33', '35'];
    ranges ('nrs. 5 t/m 8') are expanded when short."""
    numbers = []
    text = _NUMBER_WORD.sub(lambda m: " " * len(m.group()), text)
    tokens = list(_NUMBER_TOKEN.finditer(text))
    for i, tok in enumerate(tokens):
        value = normalise_number(tok.group(1))
        if i and numbers and value.isdigit() and numbers[-1].isdigit():
            between = text[tokens[i - 1].end():tok.start()]
            low, high = int(numbers[-1]), int(value)
            if _RANGE_WORD.match(between) and low < high <= low + _MAX_RANGE:
                numbers.extend(str(n) for n in range(low + 1, high + 1))
                continue
        numbers.append(value)
    return numbers


def split_hyphen(text: str, numeric_subdossiers=frozenset()):
    """'30821-180' -> ('30821', None, '180'); '36740-XVII-1' -> ('36740', 'XVII', '1');
    '21501-32-1740' -> ('21501', '32', '1740'); '33400-IXB' -> ('33400', 'IXB', None);
    '21501-08' -> ('21501', '08', None); '35261-B' -> ('35261', None, 'B')."""
    parts = text.split("-")
    dossier, rest = parts[0], parts[1:]
    if len(rest) >= 2:
        return dossier, rest[0], normalise_number(rest[1])
    if not rest:
        return dossier, None, None
    tail = rest[0]
    if _ROMAN.match(tail) or (len(tail) == 1 and tail.isalpha() and dossier.endswith("00")):
        return dossier, tail, None
    if tail.isdigit() and (tail.startswith("0") or dossier in numeric_subdossiers):
        return dossier, tail, None
    return dossier, None, normalise_number(tail)


def header_dossiers(text: str) -> str:
    """The dossier numbers that start the lines of a header block, without the titles:
    '32 824 Integratiebeleid\n\n29 279\nRechtsstaat' -> '32 824 en 29 279'."""
    found = []
    for line in text.splitlines():
        m = _DOSSIER_TOKEN.match(line.strip(" \t#*"))
        if m:
            found.append(m.group(0).strip())
    return " en ".join(found)


def kamerstuk_id(dossier, sub, number):
    if not dossier or not number:
        return None
    return f"kst-{dossier}-{sub}-{number}" if sub else f"kst-{dossier}-{number}"


def _template_fields(template: str):
    """The names a url template fills in ({id}, {session}), or None when that is not plain
    (a field inside a format spec, a broken template): then format is given every field."""
    names = set()
    try:
        for _, name, spec, _ in string.Formatter().parse(template):
            if spec and "{" in spec:
                return None
            if name is not None:
                names.add(re.match(r"[^.\[]*", name).group())
    except ValueError:
        return None
    return names


def add_url(ref: dict, rules: Rules) -> dict:
    template = rules.urls.get(ref["kind"])
    url = None
    if ref["id"] and template:
        names = rules.url_fields.get(ref["kind"]) or ref
        url = template.format(**{k: ref[k] or "" for k in names if isinstance(ref.get(k, 0), (str, type(None)))})
    elif ref["kind"] == "handelingen" and ref["chamber"] == "II" and ref["session"] and ref["number"]:
        template = rules.urls.get("handelingen_sitting")
        url = template.format(session=ref["session"], number=ref["number"]) if template else None
    ref["url"] = url
    return ref


def kamerstuk_refs(groups: dict, rules: Rules) -> list:
    chamber = normalise_chamber(groups.get("chamber"))
    session = normalise_session(groups.get("session"))
    numbers = []
    if groups.get("hyphen"):
        dossier, sub, number = split_hyphen(groups["hyphen"], rules.numeric_subdossiers)
        dossiers = [(dossier, sub)]
        numbers = [number] if number else []
    else:
        dossiers = parse_dossiers(groups.get("dossiers") or "")
        if groups.get("number"):
            numbers = parse_numbers(groups["number"])
        elif groups.get("letter"):
            numbers = [groups["letter"]]
    if groups.get("was"):
        numbers.append(normalise_number(groups["was"]))
    dossier, sub = dossiers[0] if dossiers else (None, None)
    refs = []
    for number in numbers or [None]:
        ref = empty_ref("kamerstuk")
        ref.update(dossier=dossier, sub=sub, number=number, chamber=chamber, session=session,
                   id=kamerstuk_id(dossier, sub, number))
        if len(dossiers) > 1:
            ref["dossiers"] = [f"{d}-{s}" if s else d for d, s in dossiers]
        if groups.get("page"):
            ref["page"] = "".join(groups["page"].split()).replace("–", "-")
        if groups.get("bijlage"):
            ref["bijlage"] = True
        refs.append(add_url(ref, rules))
    return refs


def handelingen_id(chamber, session, number, item, page):
    """h-tk-20222023-45-12 (items, since 2011) or h-tk-20072008-7909-7943 (pages, before)."""
    code = session_code(session)
    house = {"II": "tk", "I": "ek"}.get(chamber)
    if not (code and house):
        return None
    if number and item:
        return f"h-{house}-{code}-{number}-{item}"
    if page and int(session[:4]) < 2011:
        first, _, last = page.partition("-")
        return f"h-{house}-{code}-{first}-{last or first}"
    return None


def handelingen_refs(groups: dict, rules: Rules) -> list:
    ref = empty_ref("handelingen")
    chamber = normalise_chamber(groups.get("chamber")) or rules.default_chamber
    session = normalise_session(groups.get("session"))
    number = normalise_number(groups["number"]) if groups.get("number") else None
    items = parse_numbers(groups["item"]) if groups.get("item") else [None]
    page = "".join(groups["page"].split()).replace("–", "-") if groups.get("page") else None
    refs = []
    for item in items:  # "items 12 en 13": a reference each
        ref = empty_ref("handelingen")
        ref.update(chamber=chamber, session=session, number=number, item=item,
                   id=handelingen_id(chamber, session, number, item, page))
        if page:
            ref["page"] = page
        refs.append(add_url(ref, rules))
    return refs


def aanhangsel_refs(groups: dict, rules: Rules, doc_session=None) -> list:
    chamber = normalise_chamber(groups.get("chamber")) or rules.default_chamber
    session = normalise_session(groups.get("session")) or doc_session
    house = {"II": "tk", "I": "ek"}.get(chamber)
    refs = []
    for number in parse_numbers(groups["number"]):  # "nrs. 1016 en 1044": a reference each
        ref = empty_ref("aanhangsel")
        ref.update(chamber=chamber, session=session, number=number,
                   id=f"ah-{house}-{session_code(session)}-{number}" if session and house else None)
        refs.append(add_url(ref, rules))
    return refs


def publication_refs(groups: dict, rules: Rules) -> list:
    kind = rules.publications.get(groups.get("pub"), "publication")
    prefix = rules.id_prefixes.get(kind)
    text = groups.get("number") or ""
    pairs, year = [], None
    for m in _YEAR_OR_NUMBER.finditer(text):  # "2023, 123 en 124": the year goes on
        year = m.group(1) or year
        pairs.append((year, m.group(2)))
    pairs = pairs or [(None, text.strip())]
    refs = []
    for year, number in pairs:
        ref = empty_ref(kind)
        ref.update(year=year, number=normalise_number(number),
                   id=f"{prefix}-{year}-{normalise_number(number)}" if (year and prefix) else None)
        refs.append(add_url(ref, rules))
    return refs


def publicatieblad_refs(groups: dict, rules: Rules) -> list:
    ref = empty_ref("publicatieblad")
    year = groups.get("year") or (groups["date"][-4:] if groups.get("date") else None)
    ref.update(year=year, number=f"{groups['series']} {groups['number']}")
    if groups.get("page"):
        ref["page"] = groups["page"]
    return [add_url(ref, rules)]


def parse_official_id(text: str, rules: Rules) -> dict:
    """An official publication id as a ref: 'kst-36200-XV-97', 'ah-tk-20232024-1433',
    'h-tk-20232024-79-8', 'stb-2023-123'. PDF furniture with blanks ('h tk 20232024 387') is
    read with hyphens; a Handelingen id with a single number is an Aanhangsel id that lost its
    'a' (Handelingen ids always carry two numbers: sitting and item, or two pages)."""
    text = "-".join(text.split())
    prefix = next((p for p in rules.official_prefixes if text.lower().startswith(p + "-")), None)
    kind = rules.official_ids.get(prefix, "official") if prefix else "official"
    ref = empty_ref(kind)
    ref["id"] = text
    body = _SUFFIX.match(text[len(prefix) + 1:] if prefix else text).group("body")
    parts = body.split("-")
    if kind == "kamerstuk":
        if parts and len(parts[0]) == 8 and parts[0].isdigit():  # older ids carry the session
            ref["session"] = normalise_session(parts[0][:4] + "-" + parts[0][4:])
            parts = parts[1:]
        if parts:
            parts[0] = parts[0].lstrip("0") or parts[0]
            dossier, sub, number = split_hyphen("-".join(parts), rules.numeric_subdossiers)
            ref.update(dossier=dossier, sub=sub, number=number)
    elif kind in ("aanhangsel", "handelingen") and parts and len(parts[0]) == 8 and parts[0].isdigit():
        ref["chamber"] = "I" if prefix.endswith("ek") else "II"
        ref["session"] = normalise_session(parts[0][:4] + "-" + parts[0][4:])
        numbers = parts[1:]
        if kind == "handelingen" and len(numbers) == 1:
            kind = ref["kind"] = "aanhangsel"
            ref["id"] = "a" + text if text.startswith("h") else text
        if kind == "aanhangsel" and numbers:
            ref["number"] = normalise_number(numbers[0])
        elif len(numbers) >= 2 and numbers[0].isdigit() and numbers[1].isdigit():
            if int(parts[0][:4]) >= 2011 or int(numbers[0]) < int(numbers[1]) < 200:
                ref.update(number=normalise_number(numbers[0]), item=normalise_number(numbers[1]))
            else:
                ref["page"] = f"{numbers[0]}-{numbers[1]}"
    elif kind in rules.id_prefixes and len(parts) >= 2 and parts[0].isdigit():
        ref.update(year=parts[0], number=normalise_number(parts[1]))
    return add_url(ref, rules)


def identifier_refs(kind: str, groups: dict, rules: Rules) -> list:
    ref = empty_ref(kind)
    ref["id"] = " ".join((groups.get("id") or "").split())
    if kind == "eu_document":
        ref["id"] = f"{groups['series']}({groups['year']}) {normalise_number(groups['number'])}"
        ref.update(year=groups["year"], number=normalise_number(groups["number"]))
    return [add_url(ref, rules)]


def build_refs(rule: Rule, groups: dict, rules: Rules, doc_session=None) -> list:
    kind = rule.kind
    if kind == "kamerstuk":
        if rule.self and groups.get("dossiers"):
            groups = dict(groups, dossiers=header_dossiers(groups["dossiers"]))
        refs = kamerstuk_refs(groups, rules)
        if rule.self and doc_session:
            for ref in refs:
                ref["session"] = ref["session"] or doc_session
        return refs
    if kind == "handelingen":
        return handelingen_refs(groups, rules)
    if kind == "aanhangsel":
        return aanhangsel_refs(groups, rules, doc_session if rule.self else None)
    if kind == "publication":
        return publication_refs(groups, rules)
    if kind == "publicatieblad":
        return publicatieblad_refs(groups, rules)
    if kind == "official_id":
        return [parse_official_id(groups["id"], rules)]
    return identifier_refs(kind, groups, rules)


# ---------------------------------------------------------------------------------------------
# Finding


def _candidates(text: str, rules: Rules):
    """(start, end, rule, match) for every match of every pattern, chains included."""
    found = {}  # start positions of the scanners' strings in this text
    for rule in rules.rules:
        scope = len(text) if rule.within is None else min(rule.within, len(text))
        for m in rule.scanner.finditer(text, scope, found):
            start, end = m.span("span") if rule.has_span and m.group("span") is not None else m.span()
            if start == end:
                continue
            yield start, end, rule, m
            pos = m.end()
            while rule.chain is not None:
                c = rule.chain.match(text, pos, scope)
                if not c or c.end() == pos:
                    break
                cstart, cend = c.span("span") if rule.chain_has_span else c.span()
                yield cstart, cend, rule, c
                pos = c.end()


def _groups(match) -> dict:
    return {k: v for k, v in match.groupdict().items() if v is not None}


def select(candidates) -> list:
    """Non-overlapping candidates: higher priority, then longer, then earlier pattern, then
    earlier position wins. Deterministic."""
    ranked = sorted(candidates, key=lambda c: (-c[2].priority, -(c[1] - c[0]), c[2].order, c[0]))
    starts, ends, chosen = [], [], []
    for cand in ranked:
        start, end = cand[0], cand[1]
        i = bisect.bisect_right(starts, start)
        if i and ends[i - 1] > start:
            continue
        if i < len(starts) and starts[i] < end:
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        chosen.insert(i, cand)
    return chosen


def find_session(text: str, rules: Rules):
    """The document's own session from its header ('Vergaderjaar 2023–2024'), or None."""
    if rules.session_header is None:
        return None
    found = rules.session_header.search(text[: rules.session_within])
    return normalise_session(found.group("session")) if found else None


def find_refs(text: str, rules: Rules, own_ids=()) -> tuple:
    """All DOSSIER_REF spans of a text as (spans, header) where spans are dicts
    {start, end, rule, attrs} in text order and header is {session, refs} of the document
    itself (refs empty when the text has no header)."""
    doc_session = find_session(text, rules)
    chosen = [c for c in select(_candidates(text, rules)) if c[2].kind != "ignore"]
    spans = []
    debate = []  # (position, dossier, sub) announced by motion numbering
    for start, end, rule, match in chosen:
        refs = build_refs(rule, _groups(match), rules, doc_session)
        if rule.debate and refs and refs[0]["dossier"]:
            debate.append((start, refs[0]["dossier"], refs[0]["sub"]))
        spans.append({"start": start, "end": end, "rule": rule.id, "self": rule.self,
                      "inherit": rule.inherit, "refs": refs})
    if debate:
        positions = [d[0] for d in debate]
        for span in spans:
            if not span["inherit"]:
                continue
            i = bisect.bisect_left(positions, span["start"])
            _, dossier, sub = debate[i - 1] if i else debate[0]
            for ref in span["refs"]:
                ref.update(dossier=dossier, sub=sub, id=kamerstuk_id(dossier, sub, ref["number"]))
                add_url(ref, rules)
    header_refs = [r for s in spans if s["self"] for r in s["refs"]]
    own = {r["id"] for r in header_refs if r["id"]} | {i for i in own_ids if i}
    out = []
    for span in spans:
        ids = [r["id"] for r in span["refs"]]
        is_self = span["self"] or (bool(ids) and all(i in own for i in ids))
        out.append({"start": span["start"], "end": span["end"], "rule": span["rule"],
                    "attrs": {"refs": span["refs"], "self": is_self}})
    return out, {"session": doc_session, "refs": header_refs}


# ---------------------------------------------------------------------------------------------
# Footnotes


def _number(match) -> str:
    n = match.group("n")
    if n is None and "m" in match.re.groupindex:
        n = match.group("m")
    return (n or "").translate(_SUPERSCRIPTS).lstrip("0")


def link_footnotes(text: str, spans: list, rules: Rules) -> dict:
    """{marker offset (str): [{start, end}, ...]} for markers whose note holds reference spans.

    A note starts a line with the marker's number (in the marker's style) after the marker
    and runs to the next note, a blank line, or max_note_chars."""
    if not spans:
        return {}
    span_starts = [s["start"] for s in spans]
    links = {}
    for _, marker_scanner, note_scanner in rules.footnote_styles:
        notes = [(m.start(), m.end(), _number(m)) for m in note_scanner.finditer(text)]
        if not notes:
            continue
        note_starts = {start for start, _, _ in notes}
        ends = {}
        for i, (start, body, _) in enumerate(notes):
            limit = min(body + rules.max_note_chars, notes[i + 1][0] if i + 1 < len(notes) else len(text))
            blank = text.find("\n\n", body, limit)
            ends[start] = blank if blank != -1 else limit
        if not any(_held(spans, span_starts, body, ends[start]) for start, body, _ in notes):
            continue  # no marker could be linked: the markers are not looked for
        by_number = {}
        for start, body, n in notes:
            by_number.setdefault(n, []).append((start, body))
        for m in marker_scanner.finditer(text, notes[-1][0]):
            pos = m.start("n")
            line_start = text.rfind("\n", 0, pos) + 1
            if line_start in note_starts and not text[line_start:pos].strip(" \t[¹²³⁴⁵⁶⁷⁸⁹⁰0123456789"):
                continue  # the number that starts a note is not a marker
            if str(pos) in links:
                continue
            for start, body in by_number.get(_number(m), ()):
                if start <= pos:
                    continue
                held = _held(spans, span_starts, body, ends[start])
                if held:
                    links[str(pos)] = held
                break
    return dict(sorted(links.items(), key=lambda kv: int(kv[0])))


def _held(spans: list, span_starts: list, start: int, end: int) -> list:
    """{start, end} of the spans (not the document's own) inside start:end."""
    i = bisect.bisect_left(span_starts, start)
    held = []
    while i < len(spans) and spans[i]["end"] <= end:
        if not spans[i]["attrs"].get("self"):
            held.append({"start": spans[i]["start"], "end": spans[i]["end"]})
        i += 1
    return held


# ---------------------------------------------------------------------------------------------
# The component


class DossierRefTagger(RuleComponent):
    def initialize(self, get_examples=None, *, nlp=None, patterns: str = ""):
        self.data = load_rules(patterns)
        self.compile()

    def compile(self) -> None:
        self.rules = compile_rules(self.data) if self.data else None

    def __call__(self, doc: Doc) -> Doc:
        if self.rules is None:
            return doc
        meta = doc_meta(doc)
        own = [meta.get("document")] if isinstance(meta.get("document"), str) else []
        text = doc_text(doc)
        spans, header = find_refs(text, self.rules, own)
        out = doc_spans(doc)
        for span in spans:
            out.append(make_span(text, span["start"], span["end"], LABEL, span["attrs"], span["rule"]))
        set_header_meta(meta, header)
        links = link_footnotes(text, spans, self.rules)
        if links:
            meta.setdefault("footnotes", {}).update(links)
        return doc


def set_header_meta(meta: dict, header: dict) -> None:
    """meta.session / meta.dossier / meta.number from the document's own header; input meta
    that already holds them is kept."""
    if header["session"]:
        meta.setdefault("session", header["session"])
    refs = header["refs"]
    if not refs:
        return
    first = refs[0]
    if first["kind"] == "kamerstuk" and first["dossier"]:
        dossiers = first.get("dossiers") or [f"{first['dossier']}-{first['sub']}" if first["sub"] else first["dossier"]]
        meta.setdefault("dossier", dossiers)
    if first["number"]:
        meta.setdefault("number", first["number"])
    if first["session"]:
        meta.setdefault("session", first["session"])
