"""POLICY_THEME: mentions of the policy themes of configs/policy_theme/taxonomy.yml.

A term is a phrase of word patterns in base form; inflections come from `word_forms` (Dutch
spelling rules) and the lookup lemma, compounds from `*` marks (diaspora* matches
diasporagemeenschappen). A cheap trigger regex over the lowercased text finds candidate
tokens; only those are checked word by word, so the cost grows with the number of mentions,
not with the size of the taxonomy.

Abbreviations defined after a POLICY_THEME or MINISTRY span ("(hierna: OBI)") are handed to
pipeline/abbreviations.py: the short form inherits label and attrs for the rest of the
document and the pairs go to meta.abbreviations.
"""

import re
import unicodedata
from bisect import bisect_right
from itertools import chain, product

from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from ..abbreviations import Occupied, find_definitions, short_form_spans
from ..fastre import trie_pattern
from ..rules import RuleFileError, compile_regex, line_of, plain, read_yaml, require
from ..spans import doc_meta, doc_spans, doc_text, make_span, spans_with_label
from .base import RuleComponent

LABEL = "POLICY_THEME"
_VOWELS = "aeiouy"
_EXCLUSION_WINDOW = 120


# ---------------------------------------------------------------------------------------
# Dutch word forms


def _fold(word: str) -> str:
    """Without diacritics: "beïnvloeding" is also typed "beinvloeding"."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _verb_forms(inf: str) -> set:
    """Regular conjugation of an infinitive in -en: polariseren -> polariseer(t), polariseerde,
    gepolariseerd(e), polariserend(e). Both readings of an open syllable are produced
    (polariseer / inburger): the extra one never occurs in a text."""
    base = inf[:-2]
    if len(base) < 3:
        return set()
    stems = {base}
    if base[-1] not in _VOWELS and base[-2] in _VOWELS and base[-3] not in _VOWELS:
        stems.add(base[:-1] + base[-2] + base[-1])  # polaris-er -> polariseer
    if base[-1] == base[-2] and base[-1] not in _VOWELS:
        stems.add(base[:-1])  # zetten -> zet
    forms = {inf, inf + "d", inf + "de", inf + "den"}
    for stem in stems:
        stem = stem[:-1] + {"v": "f", "z": "s"}.get(stem[-1], stem[-1])
        dt = "t" if stem[-1] in "tkfsp" or stem.endswith("ch") else "d"  # 't kofschip
        if inf.startswith(("be", "ge", "her", "ont", "ver", "er")):
            participle = stem
        elif stem[0] in "eiu":
            participle = "ge" + {"e": "ë", "i": "ï", "u": "ü"}[stem[0]] + stem[1:]
        else:
            participle = "ge" + stem
        if not participle.endswith(dt):
            participle += dt
        forms |= {stem, stem + "t", stem + dt + "e", stem + dt + "en", participle, participle + "e"}
    return forms


def word_forms(word: str) -> frozenset:
    """The word and its regular Dutch inflections, over-generated on purpose: a form that
    does not exist never occurs in a text, a missing form loses a mention.

    weerbaar -> weerbare, weerbaarder ...; gemeenschap -> gemeenschappen; inclusief ->
    inclusieve; sociaal -> sociale; dialoog -> dialogen; polariseren -> gepolariseerd.
    """
    w = word.lower()
    # endings that open the last syllable change its spelling; -s, -st, -heid do not
    opening = ("e", "en", "er", "ere", "ers")
    forms = {w, w + "s", w + "'s", w + "’s", w + "n", w + "st", w + "ste", w + "heid"}
    forms.update(w + e for e in opening)
    if w.endswith("r"):
        forms.update({w + "der", w + "dere"})  # comparative: weerbaarder
    if len(w) >= 3 and w[-1] not in _VOWELS:
        if w[-2] in _VOWELS and w[-3] == w[-2]:
            # long vowel in an open syllable is written single: weerbaar -> weerbare
            short = w[:-2] + w[-1]
            forms.update(short + e for e in opening)
            if short.endswith("f"):
                forms.update(short[:-1] + "v" + e for e in opening)
            if short.endswith("s"):
                forms.update(short[:-1] + "z" + e for e in opening)
        elif w[-2] in _VOWELS and w[-3] not in _VOWELS and w[-1] not in "wjx":
            # short vowel: the consonant doubles, gemeenschap -> gemeenschappen
            forms.update(w + w[-1] + e for e in opening)
        if w.endswith("f"):
            forms.update(w[:-1] + "v" + e for e in opening)
        if w.endswith("s") and not w.endswith("ss"):
            forms.update(w[:-1] + "z" + e for e in opening)
    if w.endswith("en") and len(w) > 4 and w[-3] not in _VOWELS:
        forms |= _verb_forms(w)
    forms |= {_fold(f) for f in forms}
    return frozenset(forms)


def trigger_stems(forms) -> tuple:
    """Substrings of which every form contains one, for the trigger regex over lowercased
    text: the common prefix of the forms, participles counted without their ge-, and forms
    with and without diacritics apart (geïntegreerd contains "ïntegree", not "integree")."""
    groups = {}
    for f in forms:
        f = f.lower()
        groups.setdefault(f == _fold(f), set()).add(f)
    stems = set()
    for group in groups.values():
        plain = {f for f in group if not f.startswith("ge")}
        if plain:
            group = plain | {f[2:] for f in group if f.startswith("ge")}
        stems.add(_common_prefix(group))
    return tuple(sorted(stems))


def _common_prefix(words) -> str:
    words = list(words)
    first = min(words, key=len)
    for i, c in enumerate(first):
        if any(w[i] != c for w in words):
            return first[:i]
    return first


# ---------------------------------------------------------------------------------------
# Terms


class WordPattern:
    """One alternative of one word slot: forms plus compound position."""

    __slots__ = ("forms", "prefix", "suffix", "exact_case", "stem", "source")

    def __init__(self, spec: str):
        self.source = spec
        self.suffix = spec.startswith("*")   # *extremisme: last part of a compound
        self.prefix = spec.endswith("*")     # diaspora*: first part of a compound
        word = spec.strip("*")
        self.exact_case = len(word) > 1 and word.isupper()
        if self.exact_case:
            self.forms = frozenset({word, word + "'s", word + "’s", word + "s"})
        else:
            self.forms = word_forms(word)
        self.stem = trigger_stems(self.forms)

    def matches(self, text: str, lemma: str) -> bool:
        if self.exact_case:
            token = text
        else:
            token = text.lower()
        if token in self.forms or (not self.exact_case and lemma in self.forms):
            return True
        if self.prefix and self.suffix:
            return any(f in token for f in self.forms)
        if self.prefix and self.exact_case:
            # an acronym compounds with a hyphen only: OBI-meldfunctie, not OBIS
            return any(token.startswith(f + "-") for f in self.forms)
        if self.prefix:
            return any(token.startswith(f) for f in self.forms)
        if self.suffix:
            return any(token.endswith(f) for f in self.forms)
        return False


def parse_phrase(phrase: str) -> list:
    """Concrete word sequences of a phrase: each a list of slots, each slot a list of
    alternative word specs. "(ongewenst) buitenlands inmenging (en beïnvloeding)" gives four
    sequences."""
    parts = re.findall(r"\([^()]*\)|[^\s()]+", phrase)
    if any(p.count("(") != p.count(")") for p in parts) or phrase.count("(") != phrase.count(")"):
        raise ValueError(f"unbalanced parentheses in {phrase!r}")
    choices = []
    for part in parts:
        if part.startswith("("):
            group = [w.split("|") for w in part[1:-1].split()]
            if not group:
                raise ValueError(f"empty optional group in {phrase!r}")
            choices.append([[], group])
        else:
            choices.append([[part.split("|")]])
    sequences = []
    for combo in product(*choices):
        seq = [slot for piece in combo for slot in piece]
        if seq and seq not in sequences:
            sequences.append(seq)
    if not sequences:
        raise ValueError(f"no words in {phrase!r}")
    return sequences


class Term:
    __slots__ = ("rule", "theme", "slots", "anchor", "keys")

    def __init__(self, rule: str, theme: str, slots: list):
        self.rule, self.theme = rule, theme
        self.slots = [[WordPattern(alt) for alt in slot] for slot in slots]
        # what a slot accepts depends on its word specs only: the key of its checks
        self.keys = [tuple(p.source for p in slot) for slot in self.slots]
        # anchor: the most specific slot, the one the trigger looks for
        self.anchor = max(range(len(self.slots)), key=lambda i: min(len(s) for p in self.slots[i] for s in p.stem))


class ThemeMatcher:
    """The compiled taxonomy: terms, trigger regex, exclusions per theme."""

    # distinct lowercased tokens remembered with the terms anchored in them (a vocabulary)
    _MAX_CACHED_TOKENS = 200_000

    def __init__(self, data: dict):
        self.terms = []
        self.exclusions = {}
        for theme in data.get("themes", []):
            for term in theme.get("terms", []):
                for seq in parse_phrase(term["phrase"]):
                    self.terms.append(Term(term["id"], theme["id"], seq))
            self.exclusions[theme["id"]] = [
                (x["id"], re.compile(x["regex"], re.I)) for x in theme.get("exclusions", []) or []]
        stems = {s for t in self.terms for p in t.slots[t.anchor] for s in p.stem}
        self.by_stem = {}
        for term in self.terms:
            for p in term.slots[term.anchor]:
                for s in p.stem:
                    self.by_stem.setdefault(s, []).append(term)
        self.stems = sorted(stems, key=lambda s: (-len(s), s))
        # a trie of the stems: the same matches as the alternation longest first (at each
        # position the longest stem), without trying every stem at every position
        self.trigger = re.compile(trie_pattern(self.stems)) if stems else None
        self._anchored: dict = {}

    def anchored_terms(self, token_low: str) -> tuple:
        """The terms whose anchor has a stem inside the lowercased token (each once, by stem order)."""
        terms = self._anchored.get(token_low)
        if terms is None:
            found = {}
            for stem, stem_terms in self.by_stem.items():
                if stem in token_low:
                    for term in stem_terms:
                        found.setdefault(id(term), term)
            terms = tuple(found.values())
            if len(self._anchored) >= self._MAX_CACHED_TOKENS:
                self._anchored.clear()
            self._anchored[token_low] = terms
        return terms


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class _Tokens:
    """Token offsets, whitespace flags and lemmas of a doc read in one array (doc.to_array),
    text and lemma strings made only for the tokens a term is checked against: doc[i] makes
    a Token object on every access (issue 8)."""

    __slots__ = ("n", "starts", "lengths", "space", "orths", "lemmas", "strings", "_words", "checked")

    def __init__(self, doc: Doc):
        columns = doc.to_array([IDX, LENGTH, IS_SPACE, ORTH, LEMMA])
        self.n = len(doc)
        self.starts = columns[:, 0].tolist()
        self.lengths = columns[:, 1].tolist()
        self.space = columns[:, 2].tolist()
        self.orths = columns[:, 3]
        self.lemmas = columns[:, 4]
        self.strings = doc.vocab.strings
        self._words: dict = {}
        self.checked: dict = {}  # (slot key, token) -> does the token fill the slot

    def word(self, i: int):
        """(token text, lowercased lemma) of token i."""
        word = self._words.get(i)
        if word is None:
            strings = self.strings
            word = self._words[i] = (strings[int(self.orths[i])], strings[int(self.lemmas[i])].lower())
        return word

    def token_at(self, char: int) -> int:
        """The token whose text or trailing whitespace holds the character (Doc.char_span)."""
        return bisect_right(self.starts, char) - 1


def _align(tokens: _Tokens, term: Term, i: int):
    """Match term with its anchor slot at token i; (first token, last token) or None."""
    checked = tokens.checked
    slots, keys, anchor = term.slots, term.keys, term.anchor

    def ok(k, j):
        known = checked.get((keys[k], j))
        if known is None:
            text, lemma = tokens.word(j)
            known = checked[keys[k], j] = any(p.matches(text, lemma) for p in slots[k])
        return known

    if not ok(anchor, i):
        return None
    space = tokens.space
    j, first = i, i
    for k in range(anchor - 1, -1, -1):
        j -= 1
        while j >= 0 and space[j]:
            j -= 1
        if j < 0 or not ok(k, j):
            return None
        first = j
    n = tokens.n
    j, last = i, i
    for k in range(anchor + 1, len(slots)):
        j += 1
        while j < n and space[j]:
            j += 1
        if j >= n or not ok(k, j):
            return None
        last = j
    return first, last


def find_themes(doc: Doc, matcher: ThemeMatcher, text: str = None) -> list:
    """POLICY_THEME candidates of a tokenized doc as (start, end, theme, rule), in text order,
    non-overlapping (longest first), false friends removed. Reads token text and lemma only;
    text is doc.text when the caller has it already.

    The trigger runs once over the lowercased text; a document without a stem is done. Each
    token a trigger match touches (Doc.char_span "expand") is checked once against the terms
    anchored in it."""
    if matcher.trigger is None or not len(doc):
        return []
    text = doc.text if text is None else text
    low = _lower_same_length(text)
    found = matcher.trigger.finditer(low)
    first = next(found, None)
    if first is None:
        return []
    tokens = _Tokens(doc)
    starts, lengths = tokens.starts, tokens.lengths
    seen = set()
    candidates = []
    for m in chain((first,), found):
        begin, stop = m.span()
        i = tokens.token_at(begin)
        if begin == starts[i] + lengths[i]:  # in the whitespace after a token: the next one
            i += 1
        last = tokens.token_at(stop - 1)
        for i in range(i, last + 1):
            if i in seen:
                continue
            seen.add(i)
            tok_low = low[starts[i]:starts[i] + lengths[i]]
            for term in matcher.anchored_terms(tok_low):
                hit = _align(tokens, term, i)
                if hit:
                    start, end = starts[hit[0]], starts[hit[1]] + lengths[hit[1]]
                    candidates.append((start, end, term.theme, term.rule))
    chosen = []
    occupied = Occupied()
    for start, end, theme, rule in sorted(set(candidates), key=lambda c: (c[0] - c[1], c[0], c[3])):
        if occupied.overlaps(start, end) or _excluded(text, start, end, matcher.exclusions.get(theme, ())):
            continue
        occupied.add(start, end)
        chosen.append((start, end, theme, rule))
    return sorted(chosen)


def _excluded(text: str, start: int, end: int, exclusions) -> bool:
    """A candidate inside a match of one of its theme's exclusion regexes (a false friend)."""
    lo, hi = max(0, start - _EXCLUSION_WINDOW), min(len(text), end + _EXCLUSION_WINDOW)
    for _, regex in exclusions:
        for m in regex.finditer(text, lo, hi):
            if m.start() <= start and end <= m.end():
                return True
    return False


# ---------------------------------------------------------------------------------------
# Component


@Language.factory("kst_policy_theme", assigns=["doc._.kst_spans", "doc._.kst_meta"])
def make_policy_theme(nlp: Language, name: str):
    return Tagger(nlp, name)


def read_taxonomy(path) -> dict:
    data = read_yaml(path)
    themes = require(data, "themes", path, list)
    ids = set()
    rules = set()
    for theme in themes:
        require(theme, "id", path)
        if theme["id"] in ids:
            raise RuleFileError(path, line_of(theme, "id"), f"theme {theme['id']!r} defined twice")
        ids.add(theme["id"])
        for term in require(theme, "terms", path, list):
            require(term, "id", path)
            phrase = require(term, "phrase", path)
            if term["id"] in rules:
                raise RuleFileError(path, line_of(term, "id"), f"term id {term['id']!r} used twice")
            rules.add(term["id"])
            try:
                sequences = parse_phrase(phrase)
            except ValueError as err:
                raise RuleFileError(path, line_of(term, "phrase"), str(err)) from None
            for seq in sequences:
                anchor = Term(term["id"], theme["id"], seq).slots
                if all(any(len(s) < 3 for p in slot for s in p.stem) for slot in anchor):
                    raise RuleFileError(path, line_of(term, "phrase"),
                                        f"{phrase!r} needs a word of at least three letters")
        for excl in theme.get("exclusions") or []:
            require(excl, "id", path)
            compile_regex(require(excl, "regex", path), path, line_of(excl, "regex"), re.I)
    return plain(data)


def read_abbreviation_rules(path) -> dict:
    data = read_yaml(path)
    require(data, "labels", path, list)
    for rule in require(data, "definitions", path, list):
        require(rule, "id", path)
        regex = compile_regex(require(rule, "regex", path), path, line_of(rule, "regex"))
        if "short" not in regex.groupindex:
            raise RuleFileError(path, line_of(rule, "regex"), "the regex needs a group named 'short'")
    return plain(data)


class Tagger(RuleComponent):
    def initialize(self, get_examples=None, *, nlp=None, taxonomy: str = "", abbreviations: str = ""):
        self.data = {"taxonomy": read_taxonomy(taxonomy),
                     "abbreviations": read_abbreviation_rules(abbreviations) if abbreviations else {}}
        self.compile()

    def compile(self) -> None:
        self.matcher = ThemeMatcher(self.data.get("taxonomy", {}))
        abbr = self.data.get("abbreviations") or {}
        self.abbreviation_labels = tuple(abbr.get("labels", ()))
        self.definition_rules = [(r["id"], re.compile(r["regex"]), bool(r.get("check_acronym")))
                                 for r in abbr.get("definitions", [])]

    def __call__(self, doc: Doc) -> Doc:
        # doc.text joins every token on each access: read it once, not once per span
        text, spans = doc_text(doc), doc_spans(doc)
        for start, end, theme, rule in find_themes(doc, self.matcher, text):
            spans.append(make_span(text, start, end, LABEL, {"theme": theme}, rule))
        if self.definition_rules:
            self.inherit_abbreviations(doc, text)
        return doc

    def inherit_abbreviations(self, doc: Doc, text: str) -> None:
        """Short forms inherit label and attrs of their long form for the rest of the document."""
        meta = doc_meta(doc)
        spans = doc_spans(doc)
        known = meta.setdefault("abbreviations", [])
        # pairs defined in an earlier part of a long document apply from the start of this one
        carried = [dict(p, start=0, end=0, attrs=p.get("attrs") or _attrs_of(p), rule=p.get("rule", "abbreviation"))
                   for p in known]
        long_spans = spans_with_label(doc, *self.abbreviation_labels)
        found = find_definitions(text, long_spans, self.definition_rules)
        occupied = {}
        for definition in carried + found:
            label = definition["label"]
            if label not in occupied:
                occupied[label] = Occupied(spans_with_label(doc, label))
            attrs = dict(definition["attrs"])
            if label == "MINISTRY":
                attrs["role"] = "abbreviation"
            for start, end in short_form_spans(text, definition, occupied[label], definition["start"]):
                spans.append(make_span(text, start, end, label, dict(attrs), definition["rule"]))
        for d in found:
            if not any(p["short"] == d["short"] and p["label"] == d["label"] for p in known):
                known.append({"short": d["short"], "long": d["long"], "label": d["label"],
                              "value": d["value"], "start": d["start"]})


def _attrs_of(pair: dict) -> dict:
    key = {"POLICY_THEME": "theme"}.get(pair["label"], "ministries")
    return {key: pair.get("value")}
