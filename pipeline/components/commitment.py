"""COMMITMENT: sentences in which the government side commits to a course of action.

The cue lexicon (configs/commitment/cues.yml) says which words make a sentence a
commitment and with which modality; this module only composes it. Pure functions that tests
call directly:

- `classify_sentence(sentence, cues)`: the cue that makes a sentence a commitment, or None;
- `speaker_turns(text, cues)`: debate turns and who speaks (government, member, chair);
- `question_blocks(text, cues)`: the "Vraag N" blocks of answers to written questions;
- `find_commitments(...)`: the sentences of a document with their attrs.

Only sentences holding a trigger word of some cue are looked at (found through the token
hashes of the Doc), so most sentences cost nothing. The case-insensitive cue regexes run
through `fastre.PrefixScanner`: `re` would try them at every character of a sentence, the
scanner only where one of their literal first letters ("ik", "zal", "wordt"...) occurs in the
lowercased sentence; the matches are the same (issue 8). And a regex runs only when the
sentence holds the literal strings every match of it needs ("toegezegd"; "wordt" or "zal"):
read from the regexes at load time, looked up per sentence in a set (`Gated`, `Cues.scan`).
"""

import itertools
import math
import re
from bisect import bisect_left, bisect_right
from operator import itemgetter

import numpy
from spacy.attrs import IDX, LOWER, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..fastre import PrefixScanner, fold, required_literals, trie_pattern
from ..rules import RuleFileError, compile_regex, line_of, plain, read_yaml, require
from ..spans import doc_meta, doc_spans, doc_text, make_span
from .base import RuleComponent
from .sentences import trim

LABEL = "COMMITMENT"
MODALITIES = ("firm", "intent", "ongoing")
ACTOR_KINDS = ("first_person", "kabinet", "minister")
DEADLINE_SIGNALS = ("before", "by")
_MACRO = re.compile(r"@([A-Z][A-Z0-9_]*)")
_WORDS = re.compile(r"\w+")
_APPOSITION = re.compile(r"\bals\s+$", re.I)
_QUOTE_CHARS = "\"“„«‘'"
_PAST_STOPS = ",;:()"


# ---------------------------------------------------------------------------------------
# Reading and compiling the cue file


def expand_macros(regex: str, macros: dict) -> str:
    """Replace @NAME by its macro text (macros may use earlier macros)."""
    for _ in range(5):
        new = _MACRO.sub(lambda m: macros.get(m.group(1), m.group(0)), regex)
        if new == regex:
            break
        regex = new
    unknown = _MACRO.search(regex)
    if unknown:
        raise KeyError(unknown.group(1))
    return regex


def read_cues(path) -> dict:
    """Load and check configs/commitment/cues.yml; errors name the file and line."""
    data = read_yaml(path)
    macros = {str(k): str(v) for k, v in (require(data, "macros", path, dict)).items()}

    def check(regex, node, key, flags=re.I):
        try:
            expanded = expand_macros(regex, macros)
        except KeyError as err:
            raise RuleFileError(path, line_of(node, key), f"unknown macro @{err.args[0]}") from None
        return compile_regex(expanded, path, line_of(node, key), flags)

    ids = set()
    for cue in require(data, "cues", path, list):
        cue_id = require(cue, "id", path)
        if cue_id in ids:
            raise RuleFileError(path, line_of(cue, "id"), f"cue id {cue_id!r} used twice")
        ids.add(cue_id)
        if require(cue, "modality", path) not in MODALITIES:
            raise RuleFileError(path, line_of(cue, "modality"), f"modality must be one of {', '.join(MODALITIES)}")
        if cue.get("actor", "first_person") not in ACTOR_KINDS:
            raise RuleFileError(path, line_of(cue, "actor"), f"actor must be one of {', '.join(ACTOR_KINDS)}")
        if not require(cue, "triggers", path, list):
            raise RuleFileError(path, line_of(cue, "triggers"), "at least one trigger word is needed")
        for regex in require(cue, "patterns", path, list):
            check(regex, cue, "patterns")
        for regex in cue.get("unless") or []:
            check(regex, cue, "unless")
    for rule in require(data, "skip", path, list):
        require(rule, "id", path)
        check(require(rule, "regex", path), rule, "regex")
    for key in ("negation", "past", "clause_break", "subordinate", "quoted"):
        check(require(data, key, path), data, key)
    subjects = require(data, "subjects", path, dict)
    for kind in subjects:
        if kind not in ACTOR_KINDS:
            raise RuleFileError(path, line_of(subjects, kind), f"subject kind must be one of {', '.join(ACTOR_KINDS)}")
    debate = require(data, "debate", path, dict)
    for key in ("speaker_line", "unnamed_turn", "government", "chair", "government_turn", "member_turn"):
        check(require(debate, key, path), debate, key, re.M)
    if "label" not in re.compile(expand_macros(debate["speaker_line"], macros)).groupindex:
        raise RuleFileError(path, line_of(debate, "speaker_line"), "speaker_line needs a group named 'label'")
    for key in ("question_block", "answer_block"):
        check(require(data, key, path), data, key, re.M)
    if data.get("passive_agent") is not None:
        agent = check(str(data["passive_agent"]), data, "passive_agent")
        if "agent" not in agent.groupindex:
            raise RuleFileError(path, line_of(data, "passive_agent"), "passive_agent needs a group named 'agent'")
    return plain(data)


# ---------------------------------------------------------------------------------------
# Gates: literal strings a regex needs, tested before the regex runs (issue 8)

# a literal shorter than this ("de", "in") is in nearly every sentence: no use as a gate
_SHORTEST_SENTENCE_LITERAL = 3
# pieces of text whose trigger words and literals are remembered (Cues.scan); forgotten all
# at once beyond this many
_PIECE_CACHE_SIZE = 100_000
# marks a trigger word in what Cues.scan returns (a gate literal never holds a space)
_TRIGGER_MARK = " "


class Gated:
    """A sentence regex with its PrefixScanner and a set test: the sentence must hold the
    literals the regex needs (may_match) before the scanner runs. Only literals made of word
    characters (\\w) are used: they lie within one whitespace-separated piece of the
    sentence, so that the literals of a sentence can be collected piece by piece
    (`Cues.scan`). A match in part of the sentence (search(text, low, pos, endpos)) is
    made of the sentence's characters: the test holds for it too."""

    __slots__ = ("regex", "scanner", "needs")

    def __init__(self, regex: re.Pattern):
        self.regex = regex
        self.scanner = PrefixScanner(regex)
        self.needs = [n for n in required_literals(regex, True, _SHORTEST_SENTENCE_LITERAL)
                      if all(_WORDS.fullmatch(w) for w in n)]

    def may_match(self, present) -> bool:
        """False when the sentence cannot match (present: the gate literals of the folded
        sentence, or None)."""
        if present is not None:
            for alternatives in self.needs:
                if alternatives.isdisjoint(present):
                    return False
        return True


class TextRegex:
    """A regex run over a whole document, skipped when the text lacks a literal it needs
    (a text without "ParlaMint-" has no ParlaMint utterance lines). Same matches."""

    __slots__ = ("regex", "needed")

    def __init__(self, regex: re.Pattern):
        self.regex = regex
        # even a one-character literal (":") is worth a test; but only the most telling set,
        # since each test is a pass over the whole text
        needs = required_literals(regex, False, 1)
        self.needed = needs[0] if needs else None

    def finditer(self, text: str):
        if self.needed is not None and not any(word in text for word in self.needed):
            return iter(())
        return self.regex.finditer(text)


class Cue:
    __slots__ = ("id", "modality", "triggers", "patterns", "unless", "actor", "pattern_scanners",
                 "unless_scanners")

    def __init__(self, record: dict, macros: dict):
        self.id = record["id"]
        self.modality = record["modality"]
        self.triggers = frozenset(w.lower() for w in record["triggers"])
        self.patterns = [re.compile(expand_macros(p, macros), re.I) for p in record["patterns"]]
        self.unless = [re.compile(expand_macros(p, macros), re.I) for p in record.get("unless") or []]
        self.actor = record.get("actor", "first_person")
        # the same regexes, gated and scanned from their literal prefixes (same matches)
        self.pattern_scanners = [(p, Gated(p)) for p in self.patterns]
        self.unless_scanners = [Gated(u) for u in self.unless]


class Cues:
    """The compiled cue file."""

    def __init__(self, data: dict):
        macros = {str(k): str(v) for k, v in (data.get("macros") or {}).items()}

        def rx(regex, flags=re.I):
            return re.compile(expand_macros(regex, macros), flags)

        self.cues = [Cue(c, macros) for c in data.get("cues", [])]
        self.triggers = frozenset(w for c in self.cues for w in c.triggers)
        self.skip = [(s["id"], rx(s["regex"])) for s in data.get("skip", [])]
        self.negation = rx(data.get("negation", r"(?!x)x"))
        self.past = rx(data.get("past", r"(?!x)x"))
        self.clause_break = rx(data.get("clause_break", r"[,;:]"))
        self.subordinate = rx(data.get("subordinate", r"(?!x)x"))
        self.quoted = rx(data.get("quoted", r"(?!x)x"))
        self.passive_agent = rx(data.get("passive_agent", r"(?P<agent>(?!x)x)"))
        self.negation_scanner = Gated(self.negation)
        self.past_scanner = PrefixScanner(self.past)
        self.passive_agent_scanner = PrefixScanner(self.passive_agent)
        self.skip_scanners = [Gated(regex) for _, regex in self.skip]
        gates = ([g for c in self.cues for _, g in c.pattern_scanners] + [g for c in self.cues for g in c.unless_scanners]
                 + self.skip_scanners + [self.negation_scanner])
        self.gate_literals = frozenset(w for g in gates for n in g.needs for w in n)
        # marked trigger word (see scan) -> the cues it triggers, in file order
        self.trigger_cues = {}
        for cue in self.cues:
            for word in cue.triggers:
                self.trigger_cues.setdefault(word + _TRIGGER_MARK, []).append(cue)
        self.marked_triggers = frozenset(self.trigger_cues)
        # the gate literals of a piece in one pass: at each position the longest literal that
        # starts there (a trie, longest first), which brings the literals it starts with
        literals = trie_pattern(sorted(self.gate_literals)) if self.gate_literals else "(?!x)x"
        self._literal_at = re.compile("(?=(" + literals + "))")
        self._starts_with = {w: frozenset(v for v in self.gate_literals if w.startswith(v)) for w in self.gate_literals}
        self._pieces = {}
        # subject word -> actor kind (the first listed wins)
        self.subjects = {}
        for kind, words in (data.get("subjects") or {}).items():
            for word in words:
                self.subjects.setdefault(word.lower(), kind)
        debate = data.get("debate") or {}
        self.speaker_line = TextRegex(rx(debate.get("speaker_line", r"(?!x)x"), re.M))
        self.unnamed_turn = TextRegex(rx(debate.get("unnamed_turn", r"(?!x)x"), re.M))
        self.government = rx(debate.get("government", r"(?!x)x"), 0)
        self.chair = rx(debate.get("chair", r"(?!x)x"), 0)
        self.government_turn = rx(debate.get("government_turn", r"(?!x)x"), re.M)
        self.member_turn = rx(debate.get("member_turn", r"(?!x)x"), re.M)
        self.question_block = TextRegex(rx(data.get("question_block", r"(?!x)x"), re.M))
        self.answer_block = TextRegex(rx(data.get("answer_block", r"(?!x)x"), re.M))

    def scan(self, lowered: str) -> set:
        """What the cues need to know of a lowercased sentence: the gate literals (see Gated)
        it holds, and its trigger words (its \\w+ words that are triggers), marked with
        _TRIGGER_MARK. Collected from its whitespace-separated pieces, which hold every word
        and literal whole; what a piece holds is remembered, since most pieces of a text come
        back in the next sentence."""
        pieces = lowered.split()
        try:
            return set().union(*map(self._pieces.__getitem__, pieces))
        except KeyError:  # a piece not seen before
            self._learn(pieces)
            return set().union(*map(self._pieces.__getitem__, pieces))

    def _learn(self, pieces: list) -> None:
        cache = self._pieces
        if len(cache) + len(pieces) > _PIECE_CACHE_SIZE:
            cache.clear()
        for piece in pieces:
            if piece not in cache:
                marks = [w + _TRIGGER_MARK for w in self.triggers.intersection(_WORDS.findall(piece))]
                literals = map(self._starts_with.__getitem__, self._literal_at.findall(piece))
                cache[piece] = frozenset(marks).union(*literals)

    def cues_for(self, triggers: set) -> list:
        """The cues triggered by these marked trigger words, in file order."""
        if len(triggers) == 1:  # most sentences
            return self.trigger_cues[next(iter(triggers))]
        return sorted(set().union(*map(self.trigger_cues.__getitem__, triggers)), key=self.cues.index)


# ---------------------------------------------------------------------------------------
# Sentences


def subject_kind(subject: str, cues: Cues) -> str:
    """The kind of the longest subject word that the subject is or starts with ("de
    ministers" before "de minister")."""
    words = subject.lower().split()
    for n in range(len(words), 0, -1):
        kind = cues.subjects.get(" ".join(words[:n]))
        if kind is not None:
            return kind
    return "first_person"


def _clause(sentence: str, start: int, end: int, cues: Cues) -> tuple:
    """The clause around sentence[start:end]: from the last clause break before it to the
    first one after it."""
    lo = 0
    for m in cues.clause_break.finditer(sentence, 0, start):
        lo = m.end()
    m = cues.clause_break.search(sentence, end)
    return lo, (m.start() if m else len(sentence))


def _negated(sentence: str, start: int, end: int, cues: Cues, low) -> bool:
    """A negation in the clause around sentence[start:end]."""
    lo, hi = _clause(sentence, start, end, cues)
    return cues.negation_scanner.scanner.search(sentence, low, lo, hi) is not None


def _past_before(sentence: str, start: int, cues: Cues, low=None) -> bool:
    """A past-tense marker before the cue with no punctuation in between; anywhere before
    it when the cue opens a subordinate clause. low: fold(sentence) when the caller has it."""
    lo = 0
    if not cues.subordinate.match(sentence, start):
        # just after the last of , ; : ( ) before the cue (0 when there is none)
        lo = max(sentence.rfind(c, 0, start) for c in _PAST_STOPS) + 1
    return cues.past_scanner.search(sentence, low, lo, start) is not None


def classify_sentence(sentence: str, cues: Cues):
    """The cue that makes this sentence a commitment, or None.

    Returns (cue, subject, subject_start, subject_end): subject is the matched subject text
    ("ik", "het kabinet", "de Minister van SZW") or None when the cue names none.
    """
    lowered = sentence.lower()
    known = cues.scan(lowered)
    triggers = known & cues.marked_triggers
    if not triggers:
        return None
    # for the scanners (None: they fall back to the plain regexes); an ASCII text folds to
    # its lowercase
    low = lowered if sentence.isascii() else fold(sentence)
    # the gate literals, looked up in the folded text (None: every regex runs)
    if low is None:
        present = None
    elif low == lowered:
        present = known
    else:
        present = cues.scan(low)
    # a sentence without a negation word needs no clause bounds (the costly part of the checks)
    may_negate = cues.negation_scanner.may_match(present)
    quotes = None
    for cue in cues.cues_for(triggers):
        # The first match of the cue's patterns that counts. The cue's `unless` regexes are
        # checked after it (the same answer as checking them first: a cue with an `unless`
        # match is passed over either way), since most sentences have no match at all.
        found = None
        for pattern, gated in cue.pattern_scanners:
            if not gated.may_match(present):
                continue
            for m in gated.scanner.finditer(sentence, low):
                if quotes is None:
                    quotes = ([q.span() for q in cues.quoted.finditer(sentence)]
                              if any(q in sentence for q in _QUOTE_CHARS) else [])
                if quotes and any(a < m.end() and m.start() < b for a, b in quotes):
                    continue
                if ((may_negate and _negated(sentence, m.start(), m.end(), cues, low))
                        or _past_before(sentence, m.start(), cues, low)):
                    continue
                found = pattern, m
                break
            if found is not None:
                break
        if found is None:
            continue
        if any(u.may_match(present) and u.scanner.search(sentence, low) is not None for u in cue.unless_scanners):
            continue
        # the skip patterns last: most sentences have failed before
        if any(g.may_match(present) and g.scanner.search(sentence, low) is not None for g in cues.skip_scanners):
            return None
        pattern, m = found
        if "subj" in pattern.groupindex and m.group("subj"):
            return cue, m.group("subj"), m.start("subj"), m.end("subj")
        return cue, None, None, None
    return None


# ---------------------------------------------------------------------------------------
# Who speaks


def speaker_turns(text: str, cues: Cues) -> list:
    """Debate turns as dicts {start, end, label, label_end, role}; role is government,
    member, chair, or unknown for text before the first speaker line and unnamed turns
    (which become government when they read like a minister's answer). [] for a text
    without speaker lines: a letter or an answer."""
    marks = [(m.start(), m.end(), m.group("label").strip()) for m in cues.speaker_line.finditer(text)]
    marks += [(m.start(), m.end(), "") for m in cues.unnamed_turn.finditer(text)]
    if not marks:
        return []
    marks.sort()
    turns = []
    if marks[0][0] > 0 and text[:marks[0][0]].strip():
        turns.append({"start": 0, "end": marks[0][0], "label": "", "label_end": 0, "role": "unknown"})
    for (start, label_end, label), nxt in zip(marks, marks[1:] + [(len(text), 0, "")]):
        if not label:
            role = "unknown"
        elif cues.chair.match(label):
            role = "chair"
        elif cues.government.match(label):
            role = "government"
        else:
            role = "member"
        turns.append({"start": start, "end": nxt[0], "label": label, "label_end": label_end, "role": role})
    for turn in turns:
        if turn["role"] == "unknown":
            body = text[turn["label_end"]:turn["end"]]
            gov = len(cues.government_turn.findall(body))
            member = len(cues.member_turn.findall(body))
            turn["role"] = "government" if gov > member else "unnamed"
    return turns


GOVERNMENT_ROLES = frozenset({"government", "minister", "minister_president", "state_secretary"})


def apply_speaker_meta(turns: list, speakers: list) -> None:
    """Where a reader knows who speaks (meta.speakers entries with a `role`, as the ParlaMint
    and official XML readers give), that role wins over the speaker line and the guess."""
    with_role = sorted((s for s in speakers or () if s.get("role")), key=lambda s: s.get("start", 0))
    if not with_role:
        return
    starts = [s.get("start", 0) for s in with_role]
    for turn in turns:
        i = bisect_right(starts, turn["end"] - 1) - 1
        while i >= 0 and with_role[i].get("turn_end", with_role[i].get("end", 0)) > turn["start"]:
            role = with_role[i]["role"]
            turn["role"] = ("government" if role in GOVERNMENT_ROLES else "chair" if role == "chair" else "member")
            break


def question_blocks(text: str, cues: Cues) -> list:
    """(start, end) of the members' questions in answers to written questions: from a
    "Vraag N" line to the next "Antwoord" line."""
    heads = [(m.start(), "q") for m in cues.question_block.finditer(text)]
    if not heads:
        return []
    heads += [(m.start(), "a") for m in cues.answer_block.finditer(text)]
    heads.sort()
    blocks = []
    for (start, kind), nxt in zip(heads, heads[1:] + [(len(text), "a")]):
        if kind == "q":
            blocks.append((start, nxt[0]))
    return blocks


def _within(spans: list, starts: list, start: int, end: int):
    """The spans (sorted by start) lying inside start..end."""
    for i in range(bisect_left(starts, start), bisect_left(starts, end)):
        if spans[i]["end"] <= end:
            yield spans[i]


def _inside(ranges: list, starts: list, pos: int):
    i = bisect_right(starts, pos) - 1
    if i >= 0 and ranges[i][0] <= pos < ranges[i][1]:
        return ranges[i]
    return None


# ---------------------------------------------------------------------------------------
# Attributes


def resolve_actor(kind: str, subject_span, turn, meta: dict, ministries_in, sentence_range,
                  agent_span=None) -> list:
    """The actor list of a commitment (GUIDELINES.md COMMITMENT attrs).

    kind: first_person, kabinet or minister; ministries_in(start, end) lists the MINISTRY
    spans of the document in a range. first_person is the speaking minister in a debate
    turn, else the document's authors, else a "Als Minister van X" apposition in the sentence.
    agent_span: the "door het ministerie van ..." agent of a passive cue without a subject;
    the ministries named there win when there are any.
    """
    if agent_span:
        codes = _codes(ministries_in(*agent_span))
        if codes:
            return codes
    if kind == "kabinet":
        return ["kabinet"]
    if kind == "minister":
        return _codes(ministries_in(*subject_span)) if subject_span else []
    if turn is not None:
        for speaker in meta.get("speakers") or []:
            s, e = speaker.get("start", -1), speaker.get("end", -1)
            if turn["start"] <= s < turn["end"] or s <= turn["start"] < e:
                return list(speaker.get("ministries") or [])
        return _codes(ministries_in(turn["start"], turn["label_end"])) if turn["label"] else []
    authors = meta.get("authors")
    if authors:
        return list(authors)
    return _codes(ministries_in(*sentence_range, apposition=True))


def _codes(spans: list) -> list:
    codes = []
    for span in spans:
        for code in span["attrs"].get("ministries") or []:
            if code not in codes:
                codes.append(code)
    return codes


# ---------------------------------------------------------------------------------------
# Component


@Language.factory("kst_commitment", assigns=["doc._.kst_spans"])
def make_commitment(nlp: Language, name: str):
    return Tagger(nlp, name)


class Tagger(RuleComponent):
    def initialize(self, get_examples=None, *, nlp=None, cues: str = ""):
        self.data = read_cues(cues)
        self.compile()

    def compile(self) -> None:
        self.cues = Cues(self.data)
        strings = self.nlp.vocab.strings
        self.trigger_hashes = numpy.array(sorted(strings.add(w) for w in self.cues.triggers), dtype="uint64")

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        sents = candidate_sentences(doc, self.trigger_hashes, text)
        if not sents:
            return doc
        spans = doc_spans(doc)
        found = find_commitments(self.cues, sents, text, doc_meta(doc), spans)
        spans.extend(make_span(text, start, end, LABEL, attrs, rule) for start, end, attrs, rule in found)
        return doc


def candidate_sentences(doc: Doc, trigger_hashes, text: str) -> list:
    """(start, end) character ranges, whitespace trimmed, of the sentences holding at least
    one trigger word. Works on token arrays: no Token or Span objects are made.
    trigger_hashes: the sorted LOWER hashes of the trigger words."""
    if not len(doc) or not len(trigger_hashes):
        return []
    arr = doc.to_array([LOWER, IDX, SENT_START])
    lower = arr[:, 0]
    # membership in the sorted hashes by binary search (numpy.isin sorts both arrays: slower);
    # a hash past the last one is compared with the last one (clip)
    hits = (trigger_hashes.take(trigger_hashes.searchsorted(lower), mode="clip") == lower).nonzero()[0]
    if not len(hits):
        return []
    starts = (arr[:, 2] == 1).nonzero()[0]
    if not len(starts) or starts[0] != 0:
        starts = numpy.concatenate([[0], starts])
    # where each sentence starts in the text, then the end of the text (plain ints: indexing
    # numpy arrays one element at a time is slow)
    bounds = arr[starts, 1].tolist() + [len(text)]
    out = []
    for k in sorted(set((starts.searchsorted(hits, side="right") - 1).tolist())):
        a, b = trim(text, bounds[k], bounds[k + 1])
        if a < b:
            out.append((a, b))
    return out


_by_start = itemgetter("start")


def find_commitments(cues: Cues, sents: list, text: str, meta: dict, spans: list) -> list:
    """(start, end, attrs, rule) of the COMMITMENT sentences among sents (character ranges,
    see `candidate_sentences`), in text order; text, meta and spans are the document's text,
    meta and spans so far."""
    if not sents:
        return []
    turns = speaker_turns(text, cues)
    apply_speaker_meta(turns, meta.get("speakers"))
    turn_starts = [t["start"] for t in turns]
    turn_ranges = [(t["start"], t["end"]) for t in turns]
    blocks = question_blocks(text, cues)
    block_starts = [b[0] for b in blocks]
    classified = []
    for start, end in sents:
        if blocks and _inside(blocks, block_starts, start):
            continue
        turn = None
        if turns:
            i = bisect_right(turn_starts, start) - 1
            turn = turns[i] if i >= 0 and turn_ranges[i][0] <= start < turn_ranges[i][1] else None
            if turn is None or turn["role"] != "government" or start < turn["label_end"]:
                continue
        sentence = text[start:end]
        found = classify_sentence(sentence, cues)
        if found:
            classified.append((start, end, sentence, turn, found))
    if not classified:
        return []

    # the spans the attrs come from: one pass, in document order (then a stable sort by start)
    ministries, themes, dates = [], [], []
    by_label = {"MINISTRY": ministries, "POLICY_THEME": themes, "DATE": dates}
    for span in spans:
        found = by_label.get(span["label"])
        if found is not None:
            found.append(span)
    ministries.sort(key=_by_start)
    ministry_starts = [s["start"] for s in ministries]
    themes.sort(key=_by_start)
    theme_starts = [s["start"] for s in themes]
    dates.sort(key=_by_start)
    date_starts = [s["start"] for s in dates]

    def ministries_in(start, end, apposition=False):
        found = list(_within(ministries, ministry_starts, start, end))
        if apposition:  # "Als Minister van SZW zet ik in op ..."
            found = [s for s in found if _APPOSITION.search(text[max(start, s["start"] - 8):s["start"]])]
        return found

    results = []
    for start, end, sentence, turn, (cue, subject, s_start, s_end) in classified:
        kind = subject_kind(subject, cues) if subject else cue.actor
        subject_span = (start + s_start, start + s_end) if subject else None
        agent_span = None
        if not subject:
            m = cues.passive_agent_scanner.search(sentence)
            if m:
                agent_span = (start + m.start("agent"), start + m.end("agent"))
        actor = resolve_actor(kind, subject_span, turn, meta, ministries_in, (start, end), agent_span)
        theme_ids = []
        for span in _within(themes, theme_starts, start, end):
            if span["attrs"].get("theme") not in theme_ids:
                theme_ids.append(span["attrs"].get("theme"))
        deadline = next((d["attrs"].get("value") for d in _within(dates, date_starts, start, end)
                         if d["attrs"].get("signal") in DEADLINE_SIGNALS), None)
        attrs = {"actor": actor, "modality": cue.modality, "themes": theme_ids, "deadline": deadline}
        results.append((start, end, attrs, cue.id))
    return results
