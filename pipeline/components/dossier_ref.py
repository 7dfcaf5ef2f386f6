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

from spacy.language import Language
from spacy.tokens import Doc

from ..rules import RuleFileError, compile_regex, line_of, plain, read_yaml, require
from ..spans import doc_meta, doc_spans, doc_text, make_span
from .base import RuleComponent

LABEL = "DOSSIER_REF"
REF_KEYS = ("kind", "dossier", "sub", "number", "chamber", "session", "year", "item", "id")
FLAG_LETTERS = {"I": re.I, "M": re.M, "S": re.S}
PIECE_REF = re.compile(r"\{([A-Z_]+)\}")
# A regex that starts with a one-character negative lookbehind ("(?<![\w])Handelingen") cannot
# use the fast literal-prefix scan of `re` (30x slower); the guard is taken off and checked
# on each match instead, which means the same.
LEADING_GUARD = re.compile(r"^((?:\(\?P<\w+>|\(\?:)*)\(\?<!(\[(?:\\.|[^\]\\])*\])\)")

# Parsing helpers for the text a pattern captured (not surface patterns: those are in configs/).
_DOSSIER_TOKEN = re.compile(
    r"(?<![\w.,])(?P<base>[1-3]\d)[ .]?(?P<rest>\d{3})(?!\d|[.,]\d)(?:[ \t]*-[ \t]*(?P<hsub>[IVXL]{1,7}[AB]?|[A-Z]|\d{2})(?![\w])"
    r"|[ \t]+(?P<ssub>[IVXL]{1,7}[AB]?)(?![\w]))?")
_NUMBER_TOKEN = re.compile(r"(?<![\w])(\d{1,4}[a-z]?|[A-Z]{1,3})(?![\w])")
_RANGE_WORD = re.compile(r"^\s*(?:t/m|tot\s+en\s+met|[-–])\s*$")
_SESSION = re.compile(r"(\d{4})\s*[/–-]\s*(\d{4}|\d{2})(?!\d)")
_ROMAN = re.compile(r"^[IVXL]{1,7}[AB]?$")
_YEAR_NUMBER = re.compile(r"(\d{4})\s*,\s*(\d{1,6})")
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


def _finditer(rule, text: str):
    return guarded_finditer(rule.regex, rule.guard, text)


class Rule:
    """One compiled pattern record."""

    __slots__ = ("id", "kind", "regex", "guard", "chain", "priority", "within", "self", "debate", "inherit", "order")

    def __init__(self, record: dict, pieces: dict, order: int):
        flags = _flags(record.get("flags"))
        self.id = record["id"]
        self.kind = record["kind"]
        self.regex, self.guard = compile_guarded(expand_pieces(record["regex"], pieces), flags)
        self.chain = re.compile(expand_pieces(record["chain"], pieces), flags) if record.get("chain") else None
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
        header = data.get("session_header") or {}
        self.session_header = re.compile(header["regex"]) if header.get("regex") else None
        self.session_within = header.get("within", 1500)
        notes = data.get("footnotes") or {}
        self.max_note_chars = notes.get("max_note_chars", 800)
        self.footnote_styles = [(s["id"], compile_guarded(s["marker"]), re.compile(s["note"]))
                                for s in notes.get("styles") or ()]


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


def add_url(ref: dict, rules: Rules) -> dict:
    template = rules.urls.get(ref["kind"])
    url = None
    if ref["id"] and template:
        url = template.format(**{k: v or "" for k, v in ref.items() if isinstance(v, (str, type(None)))})
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
    item = normalise_number(groups["item"]) if groups.get("item") else None
    page = "".join(groups["page"].split()).replace("–", "-") if groups.get("page") else None
    ref.update(chamber=chamber, session=session, number=number, item=item,
               id=handelingen_id(chamber, session, number, item, page))
    if page:
        ref["page"] = page
    return [add_url(ref, rules)]


def aanhangsel_refs(groups: dict, rules: Rules, doc_session=None) -> list:
    ref = empty_ref("aanhangsel")
    chamber = normalise_chamber(groups.get("chamber")) or rules.default_chamber
    session = normalise_session(groups.get("session")) or doc_session
    number = normalise_number(groups["number"])
    house = {"II": "tk", "I": "ek"}.get(chamber)
    ref.update(chamber=chamber, session=session, number=number,
               id=f"ah-{house}-{session_code(session)}-{number}" if session and house else None)
    return [add_url(ref, rules)]


def publication_refs(groups: dict, rules: Rules) -> list:
    kind = rules.publications.get(groups.get("pub"), "publication")
    prefix = rules.id_prefixes.get(kind)
    text = groups.get("number") or ""
    pairs = _YEAR_NUMBER.findall(text) or [(None, text.strip())]
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
    """(start, end, rule, groups) for every match of every pattern, chains included."""
    for rule in rules.rules:
        scope = text if rule.within is None else text[: rule.within]
        for m in _finditer(rule, scope):
            start, end = m.span("span") if "span" in rule.regex.groupindex and m.group("span") is not None else m.span()
            if start == end:
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            yield start, end, rule, groups
            pos = m.end()
            while rule.chain is not None:
                c = rule.chain.match(scope, pos)
                if not c or c.end() == pos:
                    break
                cstart, cend = c.span("span") if "span" in rule.chain.groupindex else c.span()
                yield cstart, cend, rule, {k: v for k, v in c.groupdict().items() if v is not None}
                pos = c.end()


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
    for start, end, rule, groups in chosen:
        refs = build_refs(rule, groups, rules, doc_session)
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
    for _, (marker_re, marker_guard), note_re in rules.footnote_styles:
        notes = [(m.start(), m.end(), _number(m)) for m in note_re.finditer(text)]
        if not notes:
            continue
        note_starts = {start for start, _, _ in notes}
        ends = {}
        for i, (start, body, _) in enumerate(notes):
            limit = min(body + rules.max_note_chars, notes[i + 1][0] if i + 1 < len(notes) else len(text))
            blank = text.find("\n\n", body, limit)
            ends[start] = blank if blank != -1 else limit
        by_number = {}
        for start, body, n in notes:
            by_number.setdefault(n, []).append((start, body))
        for m in guarded_finditer(marker_re, marker_guard, text, notes[-1][0]):
            pos = m.start("n")
            line_start = text.rfind("\n", 0, pos) + 1
            if line_start in note_starts and not text[line_start:pos].strip(" \t[¹²³⁴⁵⁶⁷⁸⁹⁰0123456789"):
                continue  # the number that starts a note is not a marker
            if str(pos) in links:
                continue
            for start, body in by_number.get(_number(m), ()):
                if start <= pos:
                    continue
                i = bisect.bisect_left(span_starts, body)
                held = []
                while i < len(spans) and spans[i]["end"] <= ends[start]:
                    if not spans[i]["attrs"].get("self"):
                        held.append({"start": spans[i]["start"], "end": spans[i]["end"]})
                    i += 1
                if held:
                    links[str(pos)] = held
                break
    return dict(sorted(links.items(), key=lambda kv: int(kv[0])))


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
