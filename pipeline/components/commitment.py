"""COMMITMENT: sentences in which the government side commits to a course of action.

A sentence is read clause by clause (clauses.py): the subject (ik, wij, het kabinet, a
minister's title, parliament as receiver), the finite verb with its tense, the infinitive,
participle or separable particle that goes with it, and what that verb does (the verb classes
of configs/commitment/verbs.yml). Present and future actions of the government side are
commitments; past actions, opinions, hedges, negations, questions and what is answered in
this same debate are not. configs/commitment/cues.yml holds the rest: subject words, promise
phrases without a verb of their own, markers, skip patterns, debate layout.

Pure functions that tests call directly:

- `classify_sentence(sentence, grammar, ...)`: the Finding that makes a sentence a
  commitment, or None;
- `speaker_turns(text, grammar)`: debate turns and who speaks (government, member, chair);
- `question_blocks(text, grammar)`: the "Vraag N" blocks of answers to written questions;
- `find_commitments(...)`: the sentences of a document with their attrs.
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import itemgetter

import numpy
from spacy.attrs import IDX, LOWER, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .clauses import DETERMINERS, PREPOSITIONS, REFLEXIVES, SUBORDINATORS, VERB_CLASSES, VerbLexicon, build_lexicon_data, clauses, noun_reading, verb_complex, words
from ..common.rules import RuleFileError, compile_regex, line_of, plain, read_yaml, require
from ..common.spans import doc_meta, doc_spans, doc_text, make_span
from ..common.timex import deadline_range
from .base import RuleComponent
from .sentences import trim

LABEL = "COMMITMENT"
MODALITIES = ("firm", "intent", "ongoing")
ACTOR_KINDS = ("first_person", "kabinet", "minister")
DEADLINE_SIGNALS = ("before", "by")
_MACRO = re.compile(r"@([A-Z][A-Z0-9_]*)")
_APPOSITION = re.compile(r"\bals\s+$", re.I)
_FOOTNOTE_MARK = re.compile(r"(?<=[.!?»”\"')])[0-9¹²³⁴-⁹⁰]{1,3}$")
_MARKERS = ("negation", "hedge", "later", "same_debate", "refers_back", "context_reference", "undergo",
            "progressive", "other_agent", "procedure", "assurance", "monitoring", "to_government", "continuation",
            "imagine", "current", "normative", "fulfilled", "recurring", "document_order", "simultaneous")
# clauses that say what a reported past main clause said or asked; a relative clause under
# it may still promise ("afspraken gemaakt, waaraan Nederland zich zal houden")
_CONTENT_FOLLOWS = re.compile(r"(?:\W*\([^()\n]{1,20}\))?\W*(?:dat|om|te)\b", re.I)
_PRONOUN_SUBJECTS = frozenset(("ik", "wij", "we"))
_COMPLEMENTS = frozenset(("dat", "of", "hoe", "wat", "waarom", "wanneer", "wie", "welke"))
_PASSIVE_FUTURE = frozenset(("zal", "zullen"))
_PASSIVE_PERFECT = frozenset(("zijn", "worden"))
_PASSIVE_PERFECT_FORMS = frozenset(("is", "zijn"))
_MODALS = frozenset(("moeten", "kunnen", "mogen"))  # their infinitives, after "zal"
_PASSIVE_PRESENT = frozenset(("wordt", "worden"))
# the forms of a modal, past or perfect passive
_NOT_A_PROMISING_PASSIVE = frozenset("zou zouden kan moet mag werd werden is zijn was waren".split()) | _MODALS
# words after which a finite verb is not the one its subject governs ("wij als kabinet")
_SUBJECT_APPOSITION = frozenset({"als", "zelf", "allen", "samen"})


# ---------------------------------------------------------------------------------------
# Reading and compiling the rule files


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
            expanded = expand_macros(str(regex), macros)
        except KeyError as err:
            raise RuleFileError(path, line_of(node, key), f"unknown macro @{err.args[0]}") from None
        return compile_regex(expanded, path, line_of(node, key), flags)

    subjects = require(data, "subjects", path, dict)
    for kind in subjects:
        if kind not in ACTOR_KINDS:
            raise RuleFileError(path, line_of(subjects, kind), f"subject kind must be one of {', '.join(ACTOR_KINDS)}")
    require(data, "receivers", path, list)
    require(data, "not_with_u", path, list)
    require(data, "anchor_words", path, list)
    require(data, "non_committing_openers", path, list)
    require(data, "future_openers", path, list)
    check(require(data, "receive_object", path), data, "receive_object")
    ids = set()
    for phrase in require(data, "phrases", path, list):
        phrase_id = require(phrase, "id", path)
        if phrase_id in ids:
            raise RuleFileError(path, line_of(phrase, "id"), f"phrase id {phrase_id!r} used twice")
        ids.add(phrase_id)
        if require(phrase, "modality", path) not in MODALITIES:
            raise RuleFileError(path, line_of(phrase, "modality"), f"modality must be one of {', '.join(MODALITIES)}")
        if phrase.get("actor", "first_person") not in ACTOR_KINDS:
            raise RuleFileError(path, line_of(phrase, "actor"), f"actor must be one of {', '.join(ACTOR_KINDS)}")
        if not isinstance(phrase.get("words", []), list):
            raise RuleFileError(path, line_of(phrase, "words"), "words: a list of the words the phrase needs one of")
        regexes = phrase.get("regex")
        for regex in (regexes if isinstance(regexes, list) else [require(phrase, "regex", path)]):
            check(regex, phrase, "regex")
    markers = require(data, "markers", path, dict)
    for key in _MARKERS:
        check(require(markers, key, path), markers, key)
    for rule in require(data, "skip", path, list):
        require(rule, "id", path)
        check(require(rule, "regex", path), rule, "regex")
    check(require(data, "quoted", path), data, "quoted")
    agent = check(require(data, "passive_agent", path), data, "passive_agent")
    if "agent" not in agent.groupindex:
        raise RuleFileError(path, line_of(data, "passive_agent"), "passive_agent needs a group named 'agent'")
    debate = require(data, "debate", path, dict)
    for key in ("speaker_line", "unnamed_turn", "government", "chair", "government_turn", "member_turn", "welcome"):
        check(require(debate, key, path), debate, key, re.M)
    if "label" not in re.compile(expand_macros(debate["speaker_line"], macros)).groupindex:
        raise RuleFileError(path, line_of(debate, "speaker_line"), "speaker_line needs a group named 'label'")
    for key in ("question_block", "answer_block"):
        check(require(data, key, path), data, key, re.M)
    return plain(data)


def read_verbs(path, table: dict) -> dict:
    """Load and check configs/commitment/verbs.yml, with the forms the lemma table gives."""
    data = read_yaml(path)
    auxiliaries = require(data, "auxiliaries", path, dict)
    for key in ("future", "intent", "continuation", "modal", "perfect", "passive"):
        require(auxiliaries, key, path, list)
    for key in VERB_CLASSES + ("particles",):
        for lemma in require(data, key, path, list):
            if not isinstance(lemma, str) or not re.fullmatch(r"[a-zà-ÿ'-]+", lemma):
                raise RuleFileError(path, line_of(data, key), f"{key}: {lemma!r} is not a lemma (one lowercase word)")
    for lemma, needed in (data.get("needs") or {}).items():
        if not isinstance(needed, list) or not all(isinstance(w, str) for w in needed):
            raise RuleFileError(path, line_of(data["needs"], lemma), f"needs of {lemma!r}: a list of words")
    meanings = data.get("reflexive_meanings") or {}
    if not isinstance(meanings, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in meanings.items()):
        raise RuleFileError(path, line_of(data, "reflexive_meanings"), "reflexive_meanings: a mapping of verb to the verb it means")
    for key in ("causatives", "light_verbs"):
        for lemma, meanings in (data.get(key) or {}).items():
            if not isinstance(meanings, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in meanings.items()):
                raise RuleFileError(path, line_of(data[key], lemma), f"{key} of {lemma!r}: a mapping of infinitive to the verb it means")
    for lemma, forms in (data.get("forms") or {}).items():
        if not isinstance(forms, dict) or set(forms) - {"present", "past", "participle"}:
            raise RuleFileError(path, line_of(data["forms"], lemma),
                                f"forms of {lemma!r}: give present, past and participle lists")
    return build_lexicon_data(plain(data), table)


class TextRegex:
    """A regex run over a whole document, skipped when the text holds none of the literal
    strings every match needs (a text without ":" has no speaker labels)."""

    __slots__ = ("regex", "needed")

    def __init__(self, regex: re.Pattern, needed=None):
        self.regex = regex
        self.needed = needed

    def finditer(self, text: str):
        if self.needed is not None and not any(word in text for word in self.needed):
            return iter(())
        return self.regex.finditer(text)


class Grammar:
    """The compiled rule files: the verb lexicon and everything in cues.yml."""

    def __init__(self, cues: dict, verbs: dict):
        macros = {str(k): str(v) for k, v in (cues.get("macros") or {}).items()}

        def rx(regex, flags=re.I):
            return re.compile(expand_macros(regex, macros), flags)

        self.lexicon = VerbLexicon(verbs)
        self.subjects = {}  # subject words (tuple) -> actor kind; the first listed wins
        for kind, phrases in (cues.get("subjects") or {}).items():
            for phrase in phrases:
                self.subjects.setdefault(tuple(phrase.lower().split()), kind)
        self.third_person = frozenset(w.lower() for w in cues.get("third_person") or ())
        self.needs_ministry = {tuple(p.lower().split()) for p in cues.get("needs_ministry") or ()}
        self.receivers = {tuple(p.lower().split()) for p in cues.get("receivers") or ()}
        self.not_with_u = frozenset(w.lower() for w in cues.get("not_with_u") or ())
        self.receive_object = rx(cues.get("receive_object", r"(?!x)x"))
        # a phrase's regex may be a list (one @SUBJ group each); its words gate it (None: no gate)
        self.phrases = [(p["id"], p["modality"], rx(regex), p.get("actor", "first_person"),
                         frozenset(w.lower() for w in p["words"]) if p.get("words") else None)
                        for p in cues.get("phrases") or ()
                        for regex in (p["regex"] if isinstance(p["regex"], list) else [p["regex"]])]
        markers = cues.get("markers") or {}
        self.markers = {key: rx(markers.get(key, r"(?!x)x")) for key in _MARKERS}
        # (id, regex, spares_told): spares_told keeps a promise made in a "dat"-clause of what the
        # document tells ("Via deze brief laat ik U weten dat ik ... zal toesturen")
        self.skip = [(s["id"], rx(s["regex"]), bool(s.get("spares_told"))) for s in cues.get("skip") or ()]
        self.quoted = rx(cues.get("quoted", r"(?!x)x"))
        self.passive_agent = rx(cues.get("passive_agent", r"(?P<agent>(?!x)x)"))
        debate = cues.get("debate") or {}
        self.speaker_line = TextRegex(rx(debate.get("speaker_line", r"(?!x)x"), re.M), (":",))
        self.unnamed_turn = TextRegex(rx(debate.get("unnamed_turn", r"(?!x)x"), re.M), ("ParlaMint-",))
        self.government = rx(debate.get("government", r"(?!x)x"), 0)
        self.chair = rx(debate.get("chair", r"(?!x)x"), 0)
        self.government_turn = rx(debate.get("government_turn", r"(?!x)x"), re.M)
        self.member_turn = rx(debate.get("member_turn", r"(?!x)x"), re.M)
        self.welcome = rx(debate.get("welcome", r"(?!x)x"))
        self.question_block = TextRegex(rx(cues.get("question_block", r"(?!x)x"), re.M))
        self.answer_block = TextRegex(rx(cues.get("answer_block", r"(?!x)x"), re.M))
        first_person = sorted(k[0] for k, kind in self.subjects.items() if kind == "first_person" and len(k) == 1)
        self.first_person_voice = re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, first_person)), re.I)
        self.longest_subject = max((len(k) for k in self.subjects), default=1)
        # the words a commitment sentence must hold one of: a cheap filter over the Doc's tokens
        anchor = {w for k in list(self.subjects) + list(self.receivers) for w in k[-1:]}
        # a phrase is read only in a sentence holding one of its words: they are anchors too
        anchor |= {w.lower() for phrase in cues.get("phrases") or () for w in phrase.get("words") or ()}
        self.anchor_words = frozenset(anchor | {w.lower() for w in cues.get("anchor_words") or ()})
        self.non_committing_openers = frozenset(w.lower() for w in cues.get("non_committing_openers") or ())
        self.future_openers = frozenset(w.lower() for w in cues.get("future_openers") or ())


# ---------------------------------------------------------------------------------------
# Clauses


@dataclass(slots=True)
class Finding:
    rule: str
    modality: str
    kind: str  # actor kind: first_person | kabinet | minister
    subject: tuple = None  # (start, end) of the subject in the sentence, or None
    confidence: str = "high"
    refers_back: bool = False
    told: bool = False  # found in a "dat"-clause: what a main clause says or tells


@dataclass(slots=True)
class _Anchor:
    clause: object
    subject_kind: str  # an ACTOR_KIND, "receiver", or "" (no subject: coordinated or passive)
    subject: tuple  # (first, last) word indexes in the clause, or None
    finite_at: int


def _subject_at(ws: list, i: int, grammar: Grammar, ministries: list, third_person: bool):
    """(kind, last index) of a subject phrase starting at word i, or None."""
    if i >= len(ws):
        return None
    # a MINISTRY span is a subject by itself: "Defensie gaat ...", "dat het Ministerie van JenV werkt aan"
    if not grammar.subjects.get((ws[i].low,)):
        for start, end in ministries:
            if start == ws[i].start or ws[i].low in ("het", "mijn", "ons") and i + 1 < len(ws) and start == ws[i + 1].start:
                last = i
                while last + 1 < len(ws) and ws[last + 1].start < end:
                    last += 1
                return "minister", last
    for n in range(min(grammar.longest_subject, len(ws) - i), 0, -1):
        key = tuple(w.low for w in ws[i:i + n])
        kind = grammar.subjects.get(key)
        if kind is None and key in grammar.receivers:
            kind = "receiver"
        if kind is None:
            continue
        if n == 1 and key[0] in grammar.third_person and not third_person:
            return None
        last = i + n - 1
        if kind == "minister":
            # "de Minister van Sociale Zaken en Werkgelegenheid": the MINISTRY span it starts
            # a plural title is the government only with its ministry ("de Ministers van SZW en BZK")
            if key in grammar.needs_ministry and not any(ws[i].start <= start <= ws[last].end + 6 for start, _ in ministries):
                return None
            for start, end in ministries:
                if ws[last].start <= start < ws[last].end + 2 or ws[i].start <= start <= ws[last].end:
                    while last + 1 < len(ws) and ws[last + 1].start < end:
                        last += 1
            # "Minister Donner", "mijn collega van Justitie"
            while last + 1 < len(ws) and (ws[last + 1].text[:1].isupper() or ws[last + 1].low in ("van", "voor", "en")) \
                    and not grammar.lexicon.finite(ws[last + 1].low) and last - i < 12:
                last += 1
        return kind, last
    return None


def _anchors(clause, grammar: Grammar, ministries: list, third_person: bool, inherited, first: bool = True):
    """The subject-verb pairs of a clause: subject first ("ik zal"), inverted ("kom ik"),
    verb-final ("dat ik ... zal informeren"), or a coordinated clause without its own
    subject ("en stuur die naar de Kamer"). first: the clause opens the sentence."""
    ws = clause.words
    lex = grammar.lexicon
    start = 1 if clause.opener else 0
    found = []
    if clause.subordinate:
        for s in range(start, min(start + 2, len(ws))):
            subj = _subject_at(ws, s, grammar, ministries, third_person)
            if subj:
                kind, last = subj
                # (not a possessive "zijn" after a preposition: "streeft naar draagvlak voor zijn beleid")
                finite = [j for j in range(last + 1, len(ws)) if lex.finite(ws[j].low) and not noun_reading(ws, j)
                          and not (ws[j].low == "zijn" and ws[j - 1].low in PREPOSITIONS)]
                aux = [j for j in finite if lex.is_aux(lex.finite(ws[j].low).lemma)]
                # a form that is not also an infinitive is the finite one: "dat ik ... liet uitvoeren"
                plain = [j for j in finite if not any(e.kind == "infinitive" for e in lex.kinds(ws[j].low))]
                if aux or finite:
                    found.append(_Anchor(clause, kind, (s, last), (aux or plain[-1:] or finite[-1:])[0]))
                break
        return found
    # subject first
    if start < len(ws):
        subj = _subject_at(ws, start, grammar, ministries, third_person)
        if subj:
            kind, last = subj
            j = last if ws[last].low == "en" else last + 1
            if j < len(ws) and ws[j].low == "en":  # "De Minister van JenV en de Staatssecretaris van JenV nemen"
                second = _subject_at(ws, j + 1, grammar, ministries, third_person)
                if second and second[0] != "receiver":
                    j = second[1] + 1
                    while j < len(ws) and ws[j].low in _SUBJECT_APPOSITION | {"beiden", "allebei", "ook"}:
                        j += 1
            if j < len(ws) and ws[j].low in _SUBJECT_APPOSITION:  # "wij als kabinet gaan"
                j += 2 if ws[j].low == "als" else 1
            if j < len(ws) and ws[j].low in ("en", "samen"):  # "Nederland en de EU blijven"
                k = j + 1
                while k < len(ws) and k <= j + 5 and not lex.finite(ws[k].low):
                    k += 1
                j = k
            # not when a pronoun follows the verb: the phrase was fronted ("..., de Minister van
            # JenV en ik doen" aside, "Mede namens ... de Minister van JenV doe ik u ... toekomen")
            if j < len(ws) and lex.finite(ws[j].low) and not (j + 1 < len(ws) and ws[j + 1].low in _PRONOUN_SUBJECTS):
                found.append(_Anchor(clause, kind, (start, last), j))
                return found
    # inverted: the first finite verb, then the subject
    for j in range(start, len(ws) - 1):
        if lex.finite(ws[j].low) and not (j > 0 and ws[j - 1].low == "te"):  # "Om ... te kijken ben ik"
            if j == start and ws[j].low in ("laat", "laten") and (first or clause.opener):
                # "Laat ik ...", "Laten we ...": a hortative (see the phrase laten_we); after a
                # fronted clause it is inverted: "Zoals aangegeven laten wij ... uitvoeren"
                break
            subj = _subject_at(ws, j + 1, grammar, ministries, third_person)
            if not subj and j + 3 < len(ws) and ws[j + 1].text[:1].isupper() and ws[j + 2].low == "en":
                # a compound subject with the government second: "zullen Luxemburg en Nederland ..."
                second = _subject_at(ws, j + 3, grammar, ministries, third_person)
                subj = second if second and second[0] in ACTOR_KINDS else None
            if subj and subj[0] == "receiver" and ws[j + 1].low == "u" and ws[j].low in grammar.not_with_u:
                subj = None  # "en zal u ... informeren": u is the object ("zult u" has it as subject)
            if subj and subj[0] == "receiver" and clause.opener in ("en", "maar") and inherited \
                    and _PASSIVE_PRESENT.isdisjoint(w.low for w in ws):
                subj = None  # "..., en zal uw Kamer ... informeren": the Kamer is the object
            if subj:
                found.append(_Anchor(clause, subj[0], (j + 1, subj[1]), j))
            elif noun_reading(ws, j):
                continue  # "Op de vraag over de subsidie kom ik ...": a noun in the fronted phrase
            break
    # a coordinated clause that shares the subject before it: "en stuur die voor de zomer"
    # (not a noun: "over de betrokkenheid en inzet van alle leden")
    if not found and clause.opener in ("en", "maar") and inherited and len(ws) > 1 and lex.finite(ws[1].low) \
            and not (len(ws) > 2 and ws[2].low == "van"):
        found.append(_Anchor(clause, inherited, None, 1))
    return found


def _in_clause(regex, clause, sentence: str, lo_word: int = 0) -> bool:
    ws = clause.words
    if lo_word >= len(ws):
        return False
    return regex.search(sentence, ws[lo_word].start, ws[-1].end) is not None


def _judge(anchor: _Anchor, vc, grammar: Grammar, sentence: str, debate: bool = False, restating: bool = False):
    """(rule, modality, confidence) when the anchored clause (its verb complex vc) commits,
    else None. debate: spoken in a debate; restating: the clause says what the government said
    or promised before ("heb ik toegezegd dat ik ... zou rapporteren")."""
    lex = grammar.lexicon
    clause = anchor.clause
    ws = clause.words
    fin = vc.finite
    main = vc.main
    has = lex.has
    m = grammar.markers
    later = _in_clause(m["later"], clause, sentence)

    def talkish(lemma):
        return has(lemma, "cognition") or (has(lemma, "talk") and not later)

    if _reflexive_cognition(clause, anchor, vc, lex):
        return None  # "Ik realiseer me dat ...": awareness, not an action
    needed = lex.needs.get(main)
    if needed and needed.isdisjoint(re.findall(r"\w+", sentence[ws[anchor.finite_at].start:].lower())):
        return None  # "Wij werken met een stelsel van ...": not "werken aan" (nor "werken ... om te")
    if main in lex.causatives and vc.caused_at < 0:
        return None  # "Dat laat ik in het midden": letting or leaving, not having it done
    result = None
    if fin.kind == "past":
        if has(main, "promise") and vc.has_te:  # "zegde ik de Kamer toe om ... te zenden"
            result = ("commitment.restated", "firm", "medium")
        elif restating and has(fin.lemma, "aux_future") and vc.infinitive_at >= 0 and not talkish(main):
            result = ("commitment.restated", "firm", "medium")  # the future of a promise reported: "zou"
    elif has(fin.lemma, "aux_perfect") and vc.participle and (vc.infinitive_at < 0 or vc.has_te):
        # the content follows the clause, or the participle itself: "u toegezegd (T03930) dat aan ..."
        following = _CONTENT_FOLLOWS.match(sentence, ws[-1].end) or vc.participle_at >= 0 \
            and _CONTENT_FOLLOWS.match(sentence, ws[vc.participle_at].end)
        # a coordinated participle counts too: "heb ik u geïnformeerd over ... en u toegezegd u te informeren"
        promised = has(vc.participle, "promise") or vc.has_te and any(
            e.kind == "participle" and has(e.lemma, "promise") for w in ws[vc.participle_at + 1:] for e in lex.kinds(w.low))
        if promised and (vc.has_te or following or m["refers_back"].search(sentence)):
            result = ("commitment.restated", "firm", "medium")  # "Dit heb ik ook toegezegd": the content is before
        elif has(vc.participle, "decide") and (vc.has_te or following):  # "heeft besloten de regeling te verlengen"
            result = ("commitment.decision", "firm", "medium")
        elif has(vc.participle, "say") and vc.has_te and _commits(main, lex) and not talkish(main):
            result = ("commitment.restated", "firm", "medium")  # "heeft aangegeven te blijven sturen op ..."
    elif has(fin.lemma, "aux_future") and vc.infinitive_at < 0 and fin.kind == "present" \
            and _in_clause(m["progressive"], clause, sentence):
        result = ("commitment.future", "firm", "high")  # "we gaan hiermee aan de slag", "ik ga in gesprek"
    elif vc.particle and vc.infinitive_at < 0 and lex.is_aux(fin.lemma):
        # "ik ga dat na" (nagaan), "ik ga niet mee in dat beeld" (meegaan): a verb of its own
        if fin.kind == "present" and not talkish(main):
            for name, rule, modality in (("promise", "promise", "firm"), ("inform", "inform", "firm"),
                                         ("ongoing", "ongoing", "ongoing"), ("action", "action", "firm")):
                if has(main, name):
                    result = ("commitment." + rule, modality, "medium")
                    break
    elif has(fin.lemma, "aux_future") and vc.infinitive_at >= 0:
        if not talkish(main) and not lex.is_aux(main) or has(main, "aux_future") or has(main, "aux_continuation"):
            result = ("commitment.future", "firm", "high")
    elif has(fin.lemma, "aux_intent"):
        if vc.infinitive_at >= 0 and not talkish(main) and not has(main, "aux_perfect") and not has(main, "aux_passive"):
            result = ("commitment.intent", "intent", "high")
        elif vc.infinitive_at >= 0 and has(main, "aux_perfect") and vc.participle and _commits(vc.participle, lex):
            result = ("commitment.intent", "intent", "high")  # "We willen die organisatie in 2030 hebben gerealiseerd"
        elif vc.infinitive_at < 0 and _in_clause(m["progressive"], clause, sentence):  # "wil aan de slag"
            result = ("commitment.intent", "intent", "high")
    elif has(fin.lemma, "aux_continuation"):
        if vc.infinitive_at >= 0:
            if not talkish(main):
                result = ("commitment.continuation", "ongoing", "high")
        elif _in_clause(m["progressive"], clause, sentence) or _in_clause(m["continuation"], clause, sentence):
            result = ("commitment.continuation", "ongoing", "high")
    elif has(fin.lemma, "aux_modal"):
        if fin.lemma == "kunnen" and vc.infinitive_at >= 0 and (has(main, "promise") or has(main, "offer")):
            result = ("commitment.offer", "firm", "medium")
    elif has(fin.lemma, "aux_perfect"):
        if _in_clause(m["progressive"], clause, sentence, 0 if clause.subordinate else anchor.finite_at):
            result = ("commitment.progressive", "ongoing", "medium")
    elif has(fin.lemma, "aux_passive"):
        pass  # passives: _passive
    elif fin.kind == "present":
        if has(main, "say") and _te_commits(ws[anchor.finite_at:], lex):
            result = ("commitment.announce", "firm", "medium")  # "kondig ik aan ... te zullen komen met ..."
        elif has(main, "cognition"):
            pass
        elif has(main, "talk") and not has(main, "inform"):
            if later:
                result = ("commitment.inform", "firm", "medium")
        elif has(main, "promise"):
            result = ("commitment.promise", "firm", "high")
        elif has(main, "decide"):
            result = ("commitment.decision", "firm", "high")
        elif has(main, "inform"):
            result = ("commitment.inform", "firm", "high")
        elif has(main, "intent_verbs"):
            result = ("commitment.intent_verb", "intent", "high")
        elif has(main, "ongoing"):
            result = ("commitment.ongoing", "ongoing", "medium")
        elif has(main, "action"):
            result = ("commitment.action", "firm", "medium")
    if anchor.subject_kind == "receiver":
        # parliament receives: "U ontvangt voor de zomer een brief", "krijgt de Kamer antwoord"
        lemma = main if vc.infinitive_at >= 0 else fin.lemma
        if has(lemma, "receive") and fin.kind == "present" and not has(fin.lemma, "aux_perfect") \
                and _in_clause(grammar.receive_object, clause, sentence, anchor.finite_at) \
                and not m["negation"].search(sentence, ws[anchor.finite_at].start, ws[-1].end) \
                and not m["hedge"].search(sentence, ws[0].start, ws[-1].end) \
                and (debate or vc.infinitive_at >= 0 or not m["simultaneous"].search(sentence)):  # "ontvangt de Kamer vandaag een brief"
            return "commitment.receiver", "firm", "medium"
        return None
    if result is None:
        return None
    if result[0] == "commitment.restated" and m["fulfilled"].search(sentence):
        return None  # a promise already kept: "... toegezegd dit te onderzoeken; dat is inmiddels afgerond"

    if debate and anchor.subject_kind == "minister" and result[2] != "high":
        return None  # in a debate, what another minister does now is a description
    if _in_clause(m["procedure"], clause, sentence):
        return None
    if has(main, "attempt") and not vc.has_te:  # "Dat ga ik proberen"
        return None
    # where the verb complex ends: a negation or hedge after it belongs to its content
    # ("zegt toe ... niet in werking te laten treden", "en misschien zelfs ...")
    ends = [ws[anchor.finite_at].end]
    if vc.infinitive_at >= 0:
        ends.append(ws[vc.infinitive_at].end)
    if vc.particle:
        ends.append(max(w.end for w in ws if w.low == vc.particle))
    elif vc.infinitive_at < 0:
        ends.append(ws[-1].end)  # a bare present verb: the whole clause is its middle field
    hi = max(ends)
    if m["hedge"].search(sentence, ws[0].start, hi):
        return None
    # a promise not to act is still a promise ("We zullen geen universiteit uitsluiten");
    # a present-tense refusal is not ("Het kabinet neemt deze aanbeveling niet over")
    negation_counts = not (fin.lemma in lex.negated_promise or has(main, "promise")
                           or result[0] == "commitment.restated" and vc.has_te)  # "toegelicht ... geen ... meer op te roepen"
    if negation_counts and m["negation"].search(sentence, ws[0].start, ws[-1].end):
        return None
    if has(main, "promise") and m["negation"].search(sentence, ws[0].start, hi):
        return None
    return result


def _te_commits(ws: list, lex) -> bool:
    """The clause's "te"-infinitives say what will be done: a future or continuing auxiliary
    ("te zullen komen", "te blijven") or a verb of a commitment class ("te informeren")."""
    for k, w in enumerate(ws[:-1]):
        if w.low in SUBORDINATORS or w.low == "om":
            return False  # "om ... terug te brengen", "dat ... te ...": another clause's
        if w.low != "te":
            continue
        for nxt in ws[k + 1:k + 4]:
            lemma = next((e.lemma for e in lex.kinds(nxt.low) if e.kind == "infinitive"), None)
            if lemma is None:
                break
            if lex.has(lemma, "aux_future") or lex.has(lemma, "aux_continuation") or _commits(lemma, lex):
                return True
    return False


def _commits(lemma: str, lex) -> bool:
    """A verb of a commitment class: what a restated "te"-infinitive must be ("heeft aangegeven
    te blijven investeren", not "heb aangegeven het belangrijk te vinden")."""
    return any(lex.has(lemma, name) for name in ("promise", "inform", "action", "ongoing", "intent_verbs", "decide"))


def _this_document(clause, anchors, complexes, cls, grammar: Grammar, sentence: str, future_dates) -> bool:
    """In a letter or an answer, a present-tense verb of informing or setting out by the writer
    (class `this_document`), with nothing that puts it later (`_puts_later`), is what this
    document does now: "Daarnaast informeer ik u over de voortgang", "Tot slot ga ik in op
    ...", "Verder licht ik toe ...", also after "willen" ("Tevens willen wij u inlichten over")
    or after "zullen" with an order word ("Ik zal eerst aangeven ..."). Sending is left out:
    "stuur ik uw Kamer een brief" promises another document."""
    lex = grammar.lexicon
    if not anchors or anchors[0].subject_kind != "first_person":
        return False
    vc = complexes[0]
    if vc.finite.kind != "present":
        return False
    sends = lex.has(vc.main, "send") and vc.infinitive_at < 0 and _definite_object(clause, grammar)
    if not lex.has(vc.main, "this_document") and not sends:
        return False
    fin = vc.finite.lemma
    # "ik ga in op" is this letter, and so are "Tevens willen wij uw Kamer inlichten over" and
    # "Ik zal eerst aangeven wat ..." (an order within the letter); "ik zal informeren" is not
    if vc.infinitive_at < 0:
        now = not lex.is_aux(fin) or bool(vc.particle) and lex.has(fin, "aux_future")
    else:
        now = lex.has(fin, "aux_intent") or lex.has(fin, "aux_future") \
            and _in_clause(grammar.markers["document_order"], clause, sentence)
    return now and not _puts_later(sentence, cls, grammar, future_dates)


_DEFINITE = frozenset(("de", "het", "deze", "dit", "die", "mijn", "onze", "ons", "bijgaand", "bijgaande"))


def _definite_object(clause, grammar: Grammar) -> bool:
    """The clause's first determiner, past the receiver ("u", "uw Kamer", "de Kamer"), is
    definite: "zend ik de Kamer de zienswijze", "Deze brief stuur ik u", not "een brief"."""
    ws = clause.words
    k = 0
    while k < len(ws):
        receiver = next((n for n in range(min(4, len(ws) - k), 0, -1)
                         if tuple(w.low for w in ws[k:k + n]) in grammar.receivers), 0)
        if receiver:
            k += receiver
            continue
        if ws[k].low == "een":
            return False
        if ws[k].low in _DEFINITE:
            return True
        k += 1
    return False


def _puts_later(sentence: str, cls, grammar: Grammar, future_dates) -> bool:
    """The sentence puts its present tense later: a `later` marker ("voor de zomer"; "nader"
    alone is a letter's detail), a recurring time ("jaarlijks") or a DATE that has not ended
    by the document date, outside a "dat"-clause (there it is what the letter tells: "melden
    wij u dat de Raad op 11 maart a.s. ..."; but in a relative clause it may time the document:
    "In de rapportage die voor de kerst zal worden verzonden, wordt u bericht"), or a clause
    of time or condition ("Zodra het onderzoek klaar is, ...")."""
    if any(c.opener in grammar.future_openers for c in cls):
        return True
    told = [(c.words[0].start, c.words[-1].end) for c in cls if c.subordinate and c.opener in _COMPLEMENTS]

    def in_main(pos):
        return not any(a <= pos < b for a, b in told)

    m = grammar.markers
    return any(in_main(a) for a, _ in future_dates) \
        or any(in_main(found.start()) for found in m["recurring"].finditer(sentence)) \
        or any(found.group().lower() != "nader" and in_main(found.start()) for found in m["later"].finditer(sentence))


def _reflexive_cognition(clause, anchor: _Anchor, vc, lex) -> bool:
    """A verb of awareness with its reflexive pronoun right after the finite verb or the
    subject: "Ik realiseer me", "Daarom vraag ik me af", "dat wij ons realiseren"."""
    if not lex.has(vc.main, "reflexive_cognition"):
        return False
    ws = clause.words
    after = [anchor.finite_at + 1] + ([anchor.subject[1] + 1] if anchor.subject else [])
    return any(j < len(ws) and ws[j].low in REFLEXIVES for j in after)


def _passive(clause, grammar: Grammar, sentence: str, future_dates=(), puts_later=None):
    """A passive of government action in a clause: "wordt uw Kamer geïnformeerd", "zal worden
    uitgewerkt", "Daar wordt aan gewerkt". puts_later: in a letter or an answer, a function
    saying whether the sentence puts its present later; without that, "wordt nader ingegaan
    op" is what the letter does."""
    lex = grammar.lexicon
    ws = clause.words
    m = grammar.markers
    span = sentence[ws[0].start:ws[-1].end]
    lows = [w.low for w in ws]
    # the first auxiliary decides: "zal worden uitgewerkt", "wordt momenteel uitgewerkt hoe ...
    # kan worden gemaakt"; a modal, past or perfect passive ("is toegezonden") is no promise
    first = next((w for w in lows if w in _PASSIVE_FUTURE or w in _PASSIVE_PRESENT or w in _NOT_A_PROMISING_PASSIVE), None)
    future, present = first in _PASSIVE_FUTURE, first in _PASSIVE_PRESENT
    perfect = first in _PASSIVE_PERFECT_FORMS
    if not (present or future or perfect):
        return None
    participle = None  # of the first word that can be one
    for w in ws:
        readings = [e.lemma for e in lex.kinds(w.low) if e.kind == "participle"]
        if readings:
            participle, participle_start = readings[-1], w.start
            break
    if participle is None:
        return None
    if m["other_agent"].search(span) or m["to_government"].search(span):
        return None
    if puts_later is not None and m["simultaneous"].search(sentence):
        return None  # in a letter, what goes to the Kamer with it: "... die tegelijk met dit DTN wordt aangeboden"
    if m["negation"].search(span) or m["hedge"].search(span) or m["undergo"].search(span) or m["procedure"].search(span):
        return None
    has = lex.has
    if perfect:  # a standing promise restated: "In de brief is toegezegd dat uw Kamer ..."
        promised = has(participle, "promise") and not m["fulfilled"].search(sentence)
        return ("commitment.restated", "firm", "medium", "first_person") if promised else None
    if not ("worden" in lows or "wordt" in lows):
        return None  # "zullen betrokken partijen bezien": a participle used as an adjective
    if future and any(w in _MODALS for w in lows):
        return None  # "zal ... overleg moeten worden gevoerd": a duty, not a promise
    if future and puts_later is not None and has(participle, "this_document") and m["document_order"].search(span) \
            and not puts_later():
        return None  # "Allereerst zal kort worden ingegaan op ...": the order of this letter
    if future and not has(participle, "cognition"):
        return "commitment.passive", "firm", "medium", "first_person"
    if has(participle, "inform") or has(participle, "explain"):
        if puts_later is not None and present and has(participle, "this_document") \
                and not puts_later():
            return None  # "Vervolgens wordt nader ingegaan op ...": this letter does it
        return "commitment.passive", "firm", "medium", "first_person"
    if m["monitoring"].search(span):
        return "commitment.passive_monitoring", "ongoing", "medium", "kabinet"
    # a present passive describes, unless it says the work goes on now or later, or who in
    # government leads it: "Momenteel wordt besproken ...", "Onder regie van de
    # Staatssecretaris wordt ... voorbereid" (not "Zo wordt onder meer gewerkt aan ...")
    if any(has(participle, name) for name in ("action", "ongoing", "intent_verbs")):
        # later: a marker, or a later DATE before the participle ("wordt per 1 januari 2025
        # verlengd"; not "wordt ingezet op ..., zoals een conferentie op 29 januari")
        if m["later"].search(span) or any(ws[0].start <= a < participle_start for a, _ in future_dates):
            return "commitment.passive", "firm", "medium", "first_person"
        if m["current"].search(span) or grammar.passive_agent.search(span):
            return "commitment.passive_current", "ongoing", "medium", "first_person"
    return None


def _governs(clause, anchors, complexes, grammar: Grammar, sentence: str) -> tuple:
    """What a main clause means for the subordinate clauses after it: (past, cancel). Past:
    it reports the past, so a promise inside is not made now, unless the government says
    there what it promised ("ik heb al aangegeven dat we dat gaan onderzoeken"). Cancel: an
    opinion, a hope, a question or someone else's report ("ik denk dat we ...", "u vraagt of
    ik ...", "De HV gaf aan dat ...")."""
    lex = grammar.lexicon
    ws = clause.words
    if grammar.markers["assurance"].search(sentence, ws[0].start, ws[-1].end):
        return False, False  # "U mag van mij verwachten dat ik dat ook zal doen"
    if complexes:
        vc = complexes[0]
    else:
        at = next((j for j, w in enumerate(ws) if lex.finite(w.low)), None)
        if at is None:
            return False, False
        vc = verb_complex(clause, at, lex)
    # "In de Kamerbrief van 15 december is aangegeven dat het kabinet ...": a passive without
    # another agent reports what the government said
    if anchors:
        government = anchors[0].subject_kind in ACTOR_KINDS
    else:
        government = vc.finite.lemma in _PASSIVE_PERFECT and bool(vc.participle) \
            and not grammar.markers["other_agent"].search(sentence, ws[0].start, ws[-1].end)
    if vc.finite.kind == "past" or (lex.has(vc.finite.lemma, "aux_perfect") and vc.participle and vc.infinitive_at < 0):
        said = lex.has(vc.participle or vc.main, "say") and government
        return not said, not said
    main = vc.main
    reflexive = bool(anchors) and _reflexive_cognition(clause, anchors[0], vc, lex)
    cancel = lex.has(main, "cognition") or lex.has(main, "ask") or not government and lex.has(main, "say") or reflexive \
        or grammar.markers["imagine"].search(sentence, ws[0].start, ws[-1].end) is not None \
        or grammar.markers["normative"].search(sentence, ws[0].start, ws[-1].end) is not None \
        and not grammar.markers["later"].search(sentence, ws[-1].end)  # "Het is goed dat ik daar in het najaar op terugkom"
    return False, cancel


def _subject_relatives(cls: list, lex) -> set:
    """The relative clauses inside a sentence's fronted subject: a noun phrase, its "die"/"dat"
    clauses, then the main clause's finite verb ("Het actieplan dat wij uitvoeren, is samen
    met de ondernemers gemaakt"). They describe the subject; the main clause says what the
    sentence does."""
    first = cls[0].words if cls else []
    if len(cls) < 3 or cls[0].opener or first[0].low not in DETERMINERS or any(lex.finite(w.low) for w in first):
        return set()
    for k in range(1, len(cls)):
        clause = cls[k]
        if clause.subordinate and clause.opener in ("die", "dat") and len(clause.words) > 2 \
                and not lex.finite(clause.words[1].low):  # not "dat gaan we doen"
            continue
        if k > 1 and not clause.opener and lex.finite(clause.words[0].low):
            return set(range(1, k))
        break
    return set()


def _restates(clause, complexes, grammar: Grammar) -> bool:
    """A main clause in the perfect whose verb says or promises: "Ik heb toegezegd dat ...",
    "Wij hebben aangegeven dat ..." (a narrative past, "zegde hij toe dat ...", reports)."""
    if not complexes:
        return False
    vc = complexes[0]
    lex = grammar.lexicon
    return lex.has(vc.finite.lemma, "aux_perfect") and bool(vc.participle) and lex.has(vc.participle, "say")


def _skipped(sentence: str, grammar: Grammar, told: bool = False) -> bool:
    return any(regex.search(sentence) for _, regex, spares_told in grammar.skip if not (told and spares_told))


def classify_sentence(sentence: str, grammar: Grammar, *, debate: bool = False, ministries=(),
                      third_person: bool = True, future_dates=()):
    """The Finding that makes this sentence a commitment, or None.

    debate: the sentence is spoken in a debate (what is answered in this same debate is no
    promise); ministries: (start, end) of MINISTRY spans in the sentence (a minister's title as
    subject); third_person: "hij"/"zij" may be the minister (a text without a first-person
    voice: a register or summary, not a letter or a debate turn); future_dates: (start, end) of
    the DATEs in the sentence that lie after the document date.
    """
    found = _read(sentence, grammar, ministries, third_person, debate, future_dates)
    # the sentence-wide vetoes last: most sentences have failed before
    if found is None or _skipped(sentence, grammar, found.told):
        return None
    m = grammar.markers
    if debate and m["same_debate"].search(sentence) and not m["later"].search(sentence):
        return None
    return found


def _read(sentence: str, grammar: Grammar, ministries, third_person: bool, debate: bool = False, future_dates=()):
    """The Finding of the first clause or phrase that commits, before the vetoes."""
    m = grammar.markers
    quotes = [q.span() for q in grammar.quoted.finditer(sentence)] if any(c in sentence for c in "\"“„«‘'") else []
    ws = words(sentence)
    # a label at the start of a line: "Besluit: Minister BZK verzoeken ...", "Toezegging: ..."
    label = next((k for k in range(1, min(len(ws) - 1, 40)) if ws[k].text == ":" and ws[k - 1].text[:1].isupper()
                  and (k == 1 or "\n" in sentence[ws[k - 2].end:ws[k - 1].start])), None)
    if label is not None:
        ws = ws[label + 1:]
    if not ws:
        return None
    lex = grammar.lexicon
    cls = clauses(ws, lex, ministries)
    past_main = cancel_rest = this_doc = restating = False
    inherited = ""  # the government subject of the main clause, for a coordinated one
    in_subordinate = ""  # the opener of the subordinate clause a coordinated one may continue
    sub_subject = ""  # and its government subject ("dat ik ... informeer en ... stuur")
    in_subject = _subject_relatives(cls, lex)
    for n, clause in enumerate(cls):
        if quotes and any(a <= clause.words[0].start < b for a, b in quotes):
            continue
        if n in in_subject:
            continue
        continues = bool(in_subordinate) and clause.opener in ("en", "maar")
        anchors = _anchors(clause, grammar, ministries, third_person, sub_subject if continues else inherited, n == 0)
        if continues and any(a.subject is not None for a in anchors):
            continues = False  # a main clause of its own: "..., dat X, en daarna kom ik ..."
        subordinate = clause.subordinate or continues
        opener = in_subordinate if continues else clause.opener
        # a clause inside a condition, cause or question: "hoe we ervoor zorgen dat ... wordt"
        if subordinate and opener in _COMPLEMENTS and in_subordinate in grammar.non_committing_openers:
            opener = in_subordinate
        complexes = [verb_complex(clause, a.finite_at, lex) for a in anchors]
        if not subordinate:
            past_main, cancel_rest = _governs(clause, anchors, complexes, grammar, sentence)
            restating = not past_main and _restates(clause, complexes, grammar)
            # a coordinated main clause goes on with what the letter does: "Daarna zal ik ingaan
            # op ... en kijk ik vooruit naar ..."
            this_doc = not debate and (_this_document(clause, anchors, complexes, cls, grammar, sentence, future_dates)
                                       or this_doc and clause.opener == "en" and bool(anchors)
                                       and anchors[0].subject_kind == "first_person" and complexes[0].finite.kind == "present")
            if this_doc:  # "Daarnaast informeer ik u over ...": this letter does it
                continue
        in_subordinate = opener if subordinate else ""
        if subordinate and not continues:
            sub_subject = next((a.subject_kind for a in anchors if a.subject_kind in ACTOR_KINDS), "")
        if subordinate and (cancel_rest or this_doc and opener != "dat"):
            continue  # what this letter sets out is no promise, but what it says is: "bericht ik u dat het kabinet ..."
        # a condition, a cause, a question, or what a past main clause reported, promises nothing
        silenced = subordinate and (past_main and opener in _COMPLEMENTS or opener in grammar.non_committing_openers)
        for anchor, vc in zip(anchors, complexes):
            result = _judge(anchor, vc, grammar, sentence, debate, restating and subordinate)
            if not subordinate and anchor.subject_kind and anchor.subject_kind != "receiver":
                inherited = anchor.subject_kind
            if result and not silenced:
                rule, modality, confidence = result
                kind = anchor.subject_kind if anchor.subject_kind in ACTOR_KINDS else "first_person"
                subject = None
                if anchor.subject is not None and anchor.subject_kind in ACTOR_KINDS:
                    subject = (clause.words[anchor.subject[0]].start, clause.words[anchor.subject[1]].end)
                refers = bool(m["refers_back"].search(sentence))
                return Finding(rule, modality, kind, subject, "low" if refers else confidence, refers,
                               told=subordinate and opener == "dat")
        if not anchors or all(a.subject_kind == "receiver" for a in anchors):  # "wordt u bericht"
            found = _passive(clause, grammar, sentence, future_dates,
                             None if debate else lambda: _puts_later(sentence, cls, grammar, future_dates))
            if found and not silenced:
                rule, modality, confidence, kind = found
                return Finding(rule, modality, kind, None, confidence)
    lows = {w.low for w in ws}
    for phrase_id, modality, regex, actor, needs in grammar.phrases:
        if needs is not None and needs.isdisjoint(lows):
            continue
        found = regex.search(sentence)
        if not found or (quotes and any(a <= found.start() < b for a, b in quotes)):
            continue
        if m["negation"].search(sentence, found.start(), min(len(sentence), found.end() + 40)):
            continue
        groups = {k: v for k, v in found.groupdict().items() if v}
        subj = found.span("subj") if "subj" in groups else None
        kind = actor
        if subj:
            # "de Minister van Buitenlandse Zaken": the subject words it starts with
            key = tuple(sentence[subj[0]:subj[1]].lower().split())
            kind = next((grammar.subjects[key[:n]] for n in range(len(key), 0, -1) if key[:n] in grammar.subjects), actor)
        told = any(c.subordinate and c.opener == "dat" and c.words[0].start <= found.start() <= c.words[-1].end for c in cls)
        return Finding(phrase_id, modality, kind, subj, "medium", told=told)
    return None


# ---------------------------------------------------------------------------------------
# Who speaks


def speaker_turns(text: str, cues: Grammar) -> list:
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


# the title word a speaker label starts with, and the MINISTRY roles it can have
_LABEL_ROLES = (("minister-president", ("minister_president",)), ("minister", ("minister", "minister_for")),
                ("staatssecretaris", ("state_secretary",)))


def welcomed_ministries(turns: list, text: str, ministries: list, cues: Grammar) -> None:
    """A debate names its ministers where the chair welcomes them ("Ik heet de minister van
    Binnenlandse Zaken en Koninkrijksrelaties van harte welkom"): a government turn whose
    label holds no ministry ("Minister Ollongren:") gets the ministry welcomed for its title,
    when one person of that title speaks and one ministry is welcomed for it (turn["welcomed"])."""
    named = {}  # title -> set of ministry code tuples
    for turn in turns:
        if turn["role"] != "chair":
            continue
        for m in cues.welcome.finditer(text, turn["label_end"], turn["end"]):
            lo = max(text.rfind(".", turn["label_end"], m.start()), text.rfind("\n", turn["label_end"], m.start())) + 1
            hi = min(x for x in (text.find(".", m.end(), turn["end"]), turn["end"]) if x >= 0)
            for span in ministries:
                if lo <= span["start"] < hi:
                    title = next((t for t, roles in _LABEL_ROLES if span["attrs"].get("role") in roles), None)
                    if title:
                        named.setdefault(title, set()).add(tuple(span["attrs"].get("ministries") or ()))
    if not named:
        return
    titled = [(turn, next((t for t, _ in _LABEL_ROLES if turn["label"].lower().startswith(t)), None))
              for turn in turns if turn["role"] == "government" and turn["label"]]
    speakers = {}  # title -> labels
    for turn, title in titled:
        speakers.setdefault(title, set()).add(turn["label"])
    for turn, title in titled:
        if len(speakers.get(title, ())) == 1 and len(named.get(title, ())) == 1:
            turn["welcomed"] = list(next(iter(named[title])))


def question_blocks(text: str, cues: Grammar) -> list:
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
            if (turn["start"] <= s < turn["end"] or s <= turn["start"] < e) and speaker.get("ministries"):
                return list(speaker["ministries"])
        in_label = _codes(ministries_in(turn["start"], turn["label_end"])) if turn["label"] else []
        return in_label or list(turn.get("welcomed") or [])
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
    def initialize(self, get_examples=None, *, nlp=None, cues: str = "", verbs: str = ""):
        self.data = {"cues": read_cues(cues), "verbs": read_verbs(verbs, lemma_table())}
        self.compile()

    def compile(self) -> None:
        self.grammar = Grammar(self.data["cues"], self.data["verbs"])
        strings = self.nlp.vocab.strings
        self.anchor_hashes = numpy.array(sorted(strings.add(w) for w in self.grammar.anchor_words), dtype="uint64")

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        spans = doc_spans(doc)
        # a ministry may be the subject: "Defensie gaat ... invoeren"
        sents = candidate_sentences(doc, self.anchor_hashes, text, [s["start"] for s in spans if s["label"] == "MINISTRY"])
        if not sents:
            return doc
        found = find_commitments(self.grammar, sents, text, doc_meta(doc), spans)
        spans.extend(make_span(text, start, end, LABEL, attrs, rule) for start, end, attrs, rule in found)
        return doc


def lemma_table() -> dict:
    """The Dutch lemma table of spacy-lookups-data (form -> lemma), read from the package (spaCy's
    own Table is keyed by hashes, which cannot be turned back into forms)."""
    import gzip
    import json
    from importlib.resources import files

    with gzip.open(files("spacy_lookups_data") / "data" / "nl_lemma_lookup.json.gz", "rt", encoding="utf-8") as f:
        return json.load(f)


def candidate_sentences(doc: Doc, anchor_hashes, text: str, also_at=()) -> list:
    """(start, end) character ranges, whitespace trimmed, of the sentences holding at least
    one anchor word (a subject, a receiver, a passive or future auxiliary, a phrase word) or
    one of the character offsets also_at. Works on token arrays: no Token or Span objects are
    made."""
    if not len(doc) or not len(anchor_hashes):
        return []
    arr = doc.to_array([LOWER, IDX, SENT_START])
    lower = arr[:, 0]
    # membership in the sorted hashes by binary search; a hash past the last one is compared
    # with the last one (clip)
    hits = (anchor_hashes.take(anchor_hashes.searchsorted(lower), mode="clip") == lower).nonzero()[0]
    if len(also_at):
        hits = numpy.union1d(hits, arr[:, 1].searchsorted(numpy.array(also_at, dtype=arr.dtype), side="right") - 1)
    if not len(hits):
        return []
    starts = (arr[:, 2] == 1).nonzero()[0]
    if not len(starts) or starts[0] != 0:
        starts = numpy.concatenate([[0], starts])
    bounds = arr[starts, 1].tolist() + [len(text)]
    out = []
    for k in sorted(set((starts.searchsorted(hits, side="right") - 1).tolist())):
        a, b = trim(text, bounds[k], bounds[k + 1])
        if a < b:
            out.append((a, b))
    return out


_by_start = itemgetter("start")


def find_commitments(grammar: Grammar, sents: list, text: str, meta: dict, spans: list) -> list:
    """(start, end, attrs, rule) of the COMMITMENT sentences among sents (character ranges,
    see `candidate_sentences`), in text order; text, meta and spans are the document's text,
    meta and spans so far."""
    if not sents:
        return []
    turns = speaker_turns(text, grammar)
    apply_speaker_meta(turns, meta.get("speakers"))
    turn_starts = [t["start"] for t in turns]
    turn_ranges = [(t["start"], t["end"]) for t in turns]
    # "hij"/"zij" may be the minister only in a text without a first-person government voice:
    # a register or summary ("Zij zal hierop terugkomen"), not a letter where "zij" are others
    third_person = not turns and grammar.first_person_voice.search(text) is None
    blocks = question_blocks(text, grammar)
    block_starts = [b[0] for b in blocks]

    ministries, themes, dates = [], [], []
    by_label = {"MINISTRY": ministries, "POLICY_THEME": themes, "DATE": dates}
    for span in spans:
        found = by_label.get(span["label"])
        if found is not None:
            found.append(span)
    ministries.sort(key=_by_start)
    ministry_starts = [s["start"] for s in ministries]
    if turns:
        welcomed_ministries(turns, text, ministries, grammar)
    themes.sort(key=_by_start)
    theme_starts = [s["start"] for s in themes]
    dates.sort(key=_by_start)
    date_starts = [s["start"] for s in dates]
    # the DATEs that have not ended by the document date: they put a present tense later
    open_dates = [d for d in dates if _after(d, meta.get("date"), any_signal=True)]
    open_starts = [d["start"] for d in open_dates]

    def ministries_in(start, end, apposition=False):
        found = list(_within(ministries, ministry_starts, start, end))
        if apposition:  # "Als Minister van SZW zet ik in op ..."
            found = [s for s in found if _APPOSITION.search(text[max(start, s["start"] - 8):s["start"]])]
        return found

    def themes_in(start, end):
        ids = []
        for span in _within(themes, theme_starts, start, end):
            if span["attrs"].get("theme") not in ids:
                ids.append(span["attrs"].get("theme"))
        return ids

    results = []
    for start, end in sents:
        if blocks and _inside(blocks, block_starts, start):
            continue
        turn = None
        if turns:
            i = bisect_right(turn_starts, start) - 1
            turn = turns[i] if i >= 0 and turn_ranges[i][0] <= start < turn_ranges[i][1] else None
            if turn is None or turn["role"] != "government":
                continue
            if start < turn["label_end"]:  # "Minister Jansen: Ik zal ...": the label is no part
                start = turn["label_end"]
                if start >= end:
                    continue
        sentence = text[start:end]
        in_sentence = [(s["start"] - start, s["end"] - start) for s in ministries_in(start, end)]
        future = [(d["start"] - start, d["end"] - start) for d in _within(open_dates, open_starts, start, end)]
        found = classify_sentence(sentence, grammar, debate=turn is not None, ministries=in_sentence,
                                  third_person=third_person, future_dates=future)
        if not found:
            continue
        before = _sentence_before(text, start, turn)
        subject_span = (start + found.subject[0], start + found.subject[1]) if found.subject else None
        agent_span = None
        if not found.subject:
            m = grammar.passive_agent.search(sentence)
            if m:
                agent_span = (start + m.start("agent"), start + m.end("agent"))
        actor = resolve_actor(found.kind, subject_span, turn, meta, ministries_in, (start, end), agent_span)
        theme_ids, themes_from = themes_in(start, end), "sentence"
        if not theme_ids and before and (found.refers_back or grammar.markers["context_reference"].search(sentence)):
            theme_ids, themes_from = themes_in(*_paragraph_before(text, before)), "context"
        deadline, signal = _deadline(dates, date_starts, start, end, meta.get("date"))
        confidence = found.confidence
        if confidence == "high" and not actor:
            confidence = "medium"
        attrs = {"actor": actor, "modality": found.modality, "themes": theme_ids, "deadline": deadline,
                 "deadline_signal": signal, "themes_from": themes_from, "confidence": confidence}
        if found.refers_back and before:
            attrs["refers_to"] = list(before)
        mark = _FOOTNOTE_MARK.search(sentence)  # "... acties.2": the marker is no part of the sentence
        results.append((start, end - (len(mark.group()) if mark else 0), attrs, found.rule))
    return results


def _sentence_before(text: str, start: int, turn) -> tuple | None:
    """The sentence before this one, in the same turn: from the stop before the previous
    sentence stop (the candidate sentences are not every sentence)."""
    lo = turn["label_end"] if turn else 0
    end = start
    while end > lo and text[end - 1].isspace():
        end -= 1
    if end <= lo:
        return None
    m = None
    for m in re.finditer(r"[.!?…](?=\s)|\n\s*\n", text[max(lo, end - 600):end - 1]):
        pass
    begin = max(lo, end - 600) + m.end() if m else lo
    a, b = trim(text, begin, end)
    return (a, b) if a < b else None


def _paragraph_before(text: str, sentence: tuple) -> tuple:
    """The paragraph that holds this sentence, up to its end."""
    start = text.rfind("\n\n", 0, sentence[0])
    return (start + 2 if start >= 0 else 0), sentence[1]


def _deadline(dates: list, date_starts: list, start: int, end: int, doc_date) -> tuple:
    """The date of the promised action and how it was found (GUIDELINES.md): a DATE in the
    sentence with signal before/by, else one without a signal whose span starts after the
    document date ("u in het najaar nader te berichten")."""
    inside = list(_within(dates, date_starts, start, end))
    for d in inside:
        if d["attrs"].get("signal") in DEADLINE_SIGNALS and d["attrs"].get("value"):
            return d["attrs"]["value"], d["attrs"]["signal"]
    for d in inside:
        if not d["attrs"].get("signal") and _after(d, doc_date):
            return d["attrs"]["value"], "future"
    return None, None


def _after(date: dict, doc_date, any_signal: bool = False) -> bool:
    """A DATE that begins after the document date, or whose end is meant and still to come
    ("eind dit jaar", mod END, written in October); any_signal: any DATE ("per 1 januari 2025"
    too) that has not ended by the document date ("in de eerste helft van 2024" written in
    January 2024, "vanaf 2023" written in 2023: the work is still to come or going on)."""
    if not doc_date or not any_signal and date["attrs"].get("signal"):
        return False
    span = deadline_range(date["attrs"].get("value"))
    by_end = any_signal or date["attrs"].get("mod") == "END"
    return bool(span) and span[1 if by_end else 0] > str(doc_date)[:10]
