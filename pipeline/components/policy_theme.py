"""POLICY_THEME: mentions of the policy themes of configs/policy_theme/taxonomy.yml.

A term is a phrase of word patterns in base form; inflections come from `word_forms` (Dutch
spelling rules) and the lookup lemma, compounds from `*` marks (diaspora* matches
diasporagemeenschappen). The tokens holding a stem of some term are found by their ORTH
hash, known from earlier documents; only those are checked word by word, so the cost grows
with the number of mentions, not with the size of the taxonomy.

Abbreviations defined after a POLICY_THEME or MINISTRY span ("(hierna: OBI)") are handed to
pipeline/components/abbreviations.py: the short form inherits label and attrs for the rest of the
document and the pairs go to meta.abbreviations.
"""

import re
import unicodedata
from itertools import product
from re import _constants as _sre  # parsed regexes: the words every match of one holds
from re import _parser as _sre_parse

from spacy.attrs import IDX, LEMMA, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from .abbreviations import Occupied, find_definitions, short_form_spans
from .fastre import PrefixScanner, class_chars, fold, trie_pattern
from ..common.rules import RuleFileError, compile_regex, line_of, plain, read_yaml, require
from ..common.spans import doc_meta, doc_spans, doc_text, make_span
from .base import RuleComponent

LABEL = "POLICY_THEME"
_VOWELS = "aeiouy"
_EXCLUSION_WINDOW = 120
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT)
_MAX_STRINGS = 32
_MAX_ALTERNATIVES = 8


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
    __slots__ = ("rule", "theme", "slots", "anchor", "keys", "slot_ids", "before", "after")

    def __init__(self, rule: str, theme: str, slots: list):
        self.rule, self.theme = rule, theme
        self.slots = [[WordPattern(alt) for alt in slot] for slot in slots]
        # what a slot accepts depends on its word specs only: the key of its checks
        self.keys = [tuple(p.source for p in slot) for slot in self.slots]
        # the keys numbered by ThemeMatcher: all, those before the anchor (nearest first), after
        self.slot_ids = self.before = self.after = None
        # anchor: the most specific slot, the one whose stems find the term's tokens
        self.anchor = max(range(len(self.slots)), key=lambda i: min(len(s) for p in self.slots[i] for s in p.stem))


# ---------------------------------------------------------------------------------------
# Exclusions


def _letters(op, av):
    """The lowercase characters a parsed literal or small class matches (case-insensitive),
    or None: classes of more than 4 characters, categories and non-ASCII letters (whose
    case-insensitive matches lowercasing does not always give) are not read."""
    chars = [chr(av)] if op is _sre.LITERAL else class_chars(av) if op is _sre.IN else None
    if not chars or not all(c.isascii() for c in chars):
        return None
    return tuple({c.lower() for c in chars})


def _flat(items):
    """Parsed items with plain groups opened (their items follow each other as well)."""
    for op, av in items:
        if op is _sre.SUBPATTERN and not (av[1] or av[2]):
            yield from _flat(av[3].data)
        else:
            yield op, av


def _then(alternatives: list, more: list) -> list:
    """alternatives each followed by one of more (more left off when that makes too many)."""
    joined = [a + b for a in alternatives for b in more]
    return joined if len(joined) <= _MAX_ALTERNATIVES else alternatives


def required_words(items) -> list:
    """What every match of a parsed case-insensitive regex holds, as alternatives: lists of
    sets of lowercase strings, the match holding one string of each set, in that order and
    not overlapping, for one of the alternatives. [[]]: nothing known.

    policy_theme.resilience.exclude_materials_after needs "veerkracht" or "weerba", then
    one of "materia", "gewas", ..., "veer": a window in which no material follows the
    veerkracht word cannot hold a match."""
    alternatives, run = [[]], {""}
    for op, av in _flat(items):
        chars = _letters(op, av)
        if chars is not None and len(run) * len(chars) <= _MAX_STRINGS:
            run = {s + c for s in run for c in chars}
            continue
        if op in _ZERO_WIDTH:  # takes no characters: the literal run goes on
            continue
        if run != {""}:
            alternatives, run = _then(alternatives, [[frozenset(run)]]), {""}
        if op is _sre.BRANCH:
            branches = [required_words(branch.data) for branch in av[1]]
            if all(len(b) == 1 and len(b[0]) == 1 for b in branches):  # one set each: one set
                alternatives = _then(alternatives, [[frozenset().union(*(b[0][0] for b in branches))]])
            elif all(alt for b in branches for alt in b):
                alternatives = _then(alternatives, [alt for b in branches for alt in b])
        elif op in _REPEATS and av[0] >= 1:
            alternatives = _then(alternatives, required_words(av[2].data))
    if run != {""}:
        alternatives = _then(alternatives, [[frozenset(run)]])
    return alternatives


def _may_hold(required: list, window: str) -> bool:
    """False when the (lowercased) window cannot hold a match with these required words:
    required as made by Exclusion, each set of strings a trie regex with its shortest length."""
    for finders in required:
        pos = 0
        for finder, shortest in finders:
            found = finder.search(window, pos)
            if found is None:
                break
            pos = found.start() + shortest  # the next set's string starts after one of these
        else:
            return True
    return False


class Exclusion:
    r"""A false-friend regex of a theme (case-insensitive), whose matches around a candidate
    are found with a PrefixScanner. A regex that opens with no literal the scanner can look
    for ("\b\w*(?:veerkracht|weerba)\w*\s+...") `re` tries at every character of the
    window; it is not tried at all where the lowercased window lacks the words every match
    holds (required_words): most candidates have no false friend."""

    __slots__ = ("id", "scanner", "required")

    def __init__(self, exclusion_id: str, regex: str):
        compiled = re.compile(regex, re.I)
        self.id, self.scanner = exclusion_id, PrefixScanner(compiled)
        self.required = None
        if self.scanner.starts is None and self.scanner.bare is None:
            words = required_words(_sre_parse.parse(compiled.pattern, compiled.flags).data)
            self.required = [[(re.compile(trie_pattern(sorted(strings))), min(map(len, strings))) for strings in sets]
                             for sets in words]

    def covers(self, text: str, low, start: int, end: int) -> bool:
        """Does a match in the window around start:end (finditer from its start) hold it?
        low: fold(text) or None."""
        lo, hi = max(0, start - _EXCLUSION_WINDOW), min(len(text), end + _EXCLUSION_WINDOW)
        if self.required is not None and low is not None and not _may_hold(self.required, low[lo:hi]):
            return False
        for m in self.scanner.finditer(text, low, lo, hi):
            if m.start() > start:
                return False
            if end <= m.end():
                return True
        return False


# ---------------------------------------------------------------------------------------
# Matching


class ThemeMatcher:
    """The compiled taxonomy: terms and exclusions per theme, and what is known of the tokens
    of earlier documents (a vocabulary): which terms are anchored in a token, which slots a
    token fills."""

    # distinct tokens and (slot, token, lemma) checks remembered; cleared when full
    _MAX_CACHED = 200_000

    def __init__(self, data: dict):
        self.terms = []
        self.exclusions = {}
        self.coordination = frozenset(w.lower() for w in data.get("coordination") or ())
        for theme in data.get("themes", []):
            for term in theme.get("terms", []):
                for seq in parse_phrase(term["phrase"]):
                    self.terms.append(Term(term["id"], theme["id"], seq))
            self.exclusions[theme["id"]] = [Exclusion(x["id"], x["regex"]) for x in theme.get("exclusions", []) or []]
        self.by_stem = {}
        for term in self.terms:
            for p in term.slots[term.anchor]:
                for s in p.stem:
                    self.by_stem.setdefault(s, []).append(term)
        # slots with the same word specs accept the same tokens: one number, one cache entry
        numbers, self.slot_patterns = {}, []
        for term in self.terms:
            for key, slot in zip(term.keys, term.slots):
                if key not in numbers:
                    numbers[key] = len(self.slot_patterns)
                    self.slot_patterns.append(slot)
            term.slot_ids = [numbers[key] for key in term.keys]
            term.before = tuple(reversed(term.slot_ids[:term.anchor]))
            term.after = tuple(term.slot_ids[term.anchor + 1:])
        self.anchored: dict = {}  # ORTH -> ((anchor slot, terms), ...) anchored in the token
        self._anchor_orths: set = set()  # the ORTHs of tokens with anchored terms
        self.space_orths: set = set()  # the ORTHs of whitespace tokens (a lexeme flag)
        self._fills: dict = {}  # (slot, ORTH, LEMMA) -> does the token fill the slot

    def anchored_terms(self, token_low: str) -> tuple:
        """The terms whose anchor has a stem inside the lowercased token (each once, by stem order)."""
        found = {}
        for stem, stem_terms in self.by_stem.items():
            if stem in token_low:
                for term in stem_terms:
                    found.setdefault(id(term), term)
        return tuple(found.values())

    def anchors(self, orths: set, vocab) -> set:
        """The ORTHs among orths of tokens that hold a stem of some term's anchor. A token's
        stems are those of its lowercased text: lowering is per character (but for the Greek
        final sigma, which no Dutch stem holds), so the same as in the lowercased document."""
        new = orths.difference(self.anchored)
        if new and len(self.anchored) + len(new) > self._MAX_CACHED:
            self.anchored.clear()
            self._anchor_orths.clear()
            self.space_orths.clear()
            new = orths
        for orth in new:
            lexeme = vocab[orth]
            by_slot = {}  # terms that share an anchor slot are dropped together when it fails
            for term in self.anchored_terms(_lower_same_length(lexeme.orth_)):
                by_slot.setdefault(term.slot_ids[term.anchor], []).append(term)
            self.anchored[orth] = tuple((slot, tuple(terms)) for slot, terms in by_slot.items())
            if by_slot:
                self._anchor_orths.add(orth)
            if lexeme.is_space:
                self.space_orths.add(orth)
        return orths & self._anchor_orths

    def align(self, term: Term, i: int, tokens) -> tuple:
        """Match the slots of term before and after its anchor, which token i fills, on the
        tokens around i; (first token, last token) or None. Space tokens are skipped."""
        orths, lemmas, space, known = tokens.orths, tokens.lemmas, self.space_orths, self._fills
        n = len(orths)
        ends = []
        for slots, step in ((term.before, -1), (term.after, 1)):
            j = i
            for slot in slots:
                j += step
                while 0 <= j < n and orths[j] in space:
                    j += step
                if not 0 <= j < n:
                    return None
                lemma = lemmas.item(j)
                filled = known.get((slot, orths[j], lemma))  # the cache, without a call
                if not (filled if filled is not None else self.fills(slot, orths[j], lemma, tokens.strings)):
                    return None
            ends.append(j)
        return ends[0], ends[1]

    def coordinated(self, term: Term, first: int, tokens) -> int:
        """The token a term starting at `first` starts at with an elided first conjunct:
        "statelijke en niet-statelijke dreigingen" starts at "statelijke", the word before a
        coordinating word that fills the term's first slot too. Else first."""
        orths, lemmas, strings, space = tokens.orths, tokens.lemmas, tokens.strings, self.space_orths
        j = first - 1
        while j >= 0 and orths[j] in space:
            j -= 1
        if j < 1 or strings[orths[j]].lower() not in self.coordination:
            return first
        k = j - 1
        while k >= 0 and orths[k] in space:
            k -= 1
        if k >= 0 and self.fills(term.slot_ids[0], orths[k], lemmas.item(k), strings):
            return k
        return first

    def fills(self, slot: int, orth: int, lemma: int, strings) -> bool:
        """Does a token (ORTH and LEMMA hashes) fill the slot? Known across documents."""
        known = self._fills.get((slot, orth, lemma))
        if known is None:
            if len(self._fills) >= self._MAX_CACHED:
                self._fills.clear()
            text, lemma_low = strings[orth], strings[lemma].lower()
            known = self._fills[slot, orth, lemma] = any(p.matches(text, lemma_low) for p in self.slot_patterns[slot])
        return known


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class _Tokens:
    """The ORTH hashes of a doc's tokens as a list, then their LEMMA hashes and offsets as
    arrays, of which only the tokens near a stem are read. All come from doc.to_array: doc[i]
    makes a Token object on every access (issue 8). A doc without a stem needs the ORTHs only."""

    __slots__ = ("doc", "orths", "strings", "lemmas", "starts")

    def __init__(self, doc: Doc):
        self.doc = doc
        self.orths = doc.to_array(ORTH).tolist()
        self.strings = doc.vocab.strings
        self.lemmas = self.starts = None

    def read_rest(self) -> None:
        self.lemmas, self.starts = self.doc.to_array([LEMMA, IDX]).T

    def end(self, i: int) -> int:
        """The offset just after token i."""
        return self.starts.item(i) + len(self.strings[self.orths[i]])


def find_themes(doc: Doc, matcher: ThemeMatcher, text: str = None) -> list:
    """POLICY_THEME candidates of a tokenized doc as (start, end, theme, rule), in text order,
    non-overlapping (longest first), false friends removed. Reads token text and lemma only;
    text is doc.text when the caller has it already.

    The tokens holding a stem of some anchor are found by their ORTH hash (ThemeMatcher.anchors);
    a document without one is done. Each such token is checked once against the terms anchored
    in it."""
    if not matcher.terms or not len(doc):
        return []
    tokens = _Tokens(doc)
    orths, strings = tokens.orths, tokens.strings
    anchors = matcher.anchors(set(orths), doc.vocab)
    if not anchors:
        return []
    tokens.read_rest()
    text = doc.text if text is None else text
    # (start - end, start, rule, end, theme): in sorted order longest first, then by start and rule
    candidates = set()
    for i in [i for i, orth in enumerate(orths) if orth in anchors]:
        for slot, terms in matcher.anchored[orths[i]]:
            if matcher.fills(slot, orths[i], tokens.lemmas.item(i), strings):
                for term in terms:
                    hit = matcher.align(term, i, tokens) if term.before or term.after else (i, i)
                    if hit and len(term.slot_ids) > 1:
                        hit = (matcher.coordinated(term, hit[0], tokens), hit[1])
                    if hit:
                        start, end = tokens.starts.item(hit[0]), tokens.end(hit[1])
                        candidates.add((start - end, start, term.rule, end, term.theme))
    chosen = []
    taken = bytearray(len(text))  # 1 for the characters of the chosen candidates
    low = False  # fold(text), made for the first exclusion checked
    for _, start, rule, end, theme in sorted(candidates):
        if taken.find(1, start, end) != -1:
            continue
        exclusions = matcher.exclusions.get(theme)
        if exclusions:
            if low is False:
                low = fold(text)
            if any(x.covers(text, low, start, end) for x in exclusions):
                continue
        taken[start:end] = b"\1" * (end - start)
        chosen.append((start, end, theme, rule))
    return sorted(chosen)


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


def read_verb_rules(data: dict, path) -> list:
    """The `verbs.derive` records of the taxonomy: (noun ending, verb ending) pairs."""
    rules = []
    for rule in (data.get("verbs") or {}).get("derive") or []:
        noun, verb = require(rule, "noun", path), require(rule, "verb", path)
        if not (isinstance(noun, str) and isinstance(verb, str) and noun.isalpha() and verb.endswith("en")):
            raise RuleFileError(path, line_of(rule, "noun"), "a derive rule needs a noun ending and a verb ending in -en")
        rules.append((noun, verb))
    return rules


def derived_verb(word: str, rules, lemmas) -> str:
    """The verb a theme noun names, when the lemma table knows it as a lemma: polarisatie ->
    polariseren, integratie -> integreren, inmenging -> inmengen; else ''. The first rule
    whose noun ending fits and whose verb is a lemma wins."""
    for noun, verb in rules:
        if word.endswith(noun) and len(word) > len(noun) + 2:
            candidate = word[:-len(noun)] + verb
            if candidate in lemmas:
                return candidate
    return ""


def add_verb_terms(taxonomy: dict, rules, lemmas) -> None:
    """Give every term whose words name a verb a twin term with the verb in their place (its
    conjugations and participles follow from word_forms and the lemma table): "(ongewenst)
    buitenlands inmenging" gets "(ongewenst) buitenlands inmengen" (id ...inmenging.verb).
    A twin whose verb the theme already lists is left out; a noun's compound marks are not
    carried to the verb but for a leading '*' (rechts-radicaliseren)."""
    for theme in taxonomy.get("themes", []):
        listed = {w.strip("*").lower() for t in theme["terms"] for w in re.findall(r"[^\s()|]+", t["phrase"])}
        twins = []
        for term in theme["terms"]:
            if term.get("derived_from"):
                continue

            def verb_of(match):
                spec = match.group()
                verb = derived_verb(spec.strip("*").lower(), rules, lemmas)
                return ("*" if spec.startswith("*") else "") + verb if verb else spec

            phrase = re.sub(r"[^\s()|]+", verb_of, term["phrase"])
            verbs = {w.strip("*") for w in re.findall(r"[^\s()|]+", phrase)} - {
                w.strip("*") for w in re.findall(r"[^\s()|]+", term["phrase"])}
            if phrase != term["phrase"] and not verbs & listed:
                twins.append({"id": term["id"] + ".verb", "phrase": phrase, "derived_from": term["id"]})
        theme["terms"] = theme["terms"] + twins


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
        data = read_taxonomy(taxonomy)
        verb_rules = read_verb_rules(data, taxonomy)
        if verb_rules:  # the verbs are found now and stored: a saved pipeline needs no table
            add_verb_terms(data, verb_rules, lemma_values(nlp))
        self.data = {"taxonomy": data,
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
            self.inherit_abbreviations(doc, text, spans)
        return doc

    def inherit_abbreviations(self, doc: Doc, text: str, spans: list) -> None:
        """Short forms inherit label and attrs of their long form for the rest of the document.
        spans: doc_spans(doc) (each doc._ access makes an object: fetched once)."""
        known = doc_meta(doc).setdefault("abbreviations", [])
        # pairs defined in an earlier part of a long document apply from the start of this one
        carried = [dict(p, start=0, end=0, attrs=p.get("attrs") or _attrs_of(p), rule=p.get("rule", "abbreviation"))
                   for p in known]
        long_spans = [s for s in spans if s["label"] in self.abbreviation_labels]
        found = find_definitions(text, long_spans, self.definition_rules)
        occupied = {}
        for definition in carried + found:
            label = definition["label"]
            if label not in occupied:
                occupied[label] = Occupied([s for s in spans if s["label"] == label])
            attrs = dict(definition["attrs"])
            if label == "MINISTRY":
                attrs["role"] = "abbreviation"
            for start, end in short_form_spans(text, definition, occupied[label], definition["start"]):
                spans.append(make_span(text, start, end, label, dict(attrs), definition["rule"]))
        for d in found:
            if not any(p["short"] == d["short"] and p["label"] == d["label"] for p in known):
                known.append({"short": d["short"], "long": d["long"], "label": d["label"],
                              "value": d["value"], "start": d["start"]})


def lemma_values(nlp) -> frozenset:
    """Every lemma of the pipeline's lookup table (none without a lemmatizer)."""
    if nlp is None or "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    table = getattr(nlp.get_pipe("lemmatizer"), "table", None)
    return frozenset(v if isinstance(v, str) else v[0] for v in table.values()) if table is not None else frozenset()


def _attrs_of(pair: dict) -> dict:
    key = {"POLICY_THEME": "theme"}.get(pair["label"], "ministries")
    return {key: pair.get("value")}
