"""Dutch clauses for the COMMITMENT component: words, clauses, finite verbs and their forms.

No trained parser exists for these machines, so this is a small rule grammar of the Dutch
clause, enough to tell who does what and when:

- `VerbLexicon`: verb lemmas by class (configs/commitment/verbs.yml) with every inflected
  form, from the lemma table of spacy-lookups-data, the regular Dutch present forms, and the
  irregular forms listed in the file. Each form knows its lemma and whether it is a present,
  past, participle or infinitive. Separable verbs are known by their particle
  (terugkomen = terug + komen).
- `words(sentence)`: the words of a sentence with their character offsets.
- `clauses(words, lexicon)`: the sentence cut into clauses at punctuation, conjunctions and
  subordinators; a piece without a finite verb stays with the clause before it.
- `verb_complex(clause, finite, lexicon)`: what the clause says around its finite verb: the
  infinitive that an auxiliary governs, a separable particle, participles; from which the main
  lemma ("kom ... terug" -> terugkomen; "zal ... informeren" -> informeren).

The word lists here (subordinators, determiners) are grammar, not rules a user tunes; the
lexicon of verbs and every decision about commitments live in configs/commitment/.
"""

import re
from dataclasses import dataclass

# the verb classes of configs/commitment/verbs.yml besides the auxiliaries
VERB_CLASSES = ("promise", "inform", "action", "ongoing", "intent_verbs", "talk", "cognition", "say", "receive",
                "explain", "attempt", "offer", "ask", "decide", "reflexive_cognition", "this_document", "send")
# a reflexive pronoun: "ik realiseer me", "dat wij ons afvragen"
REFLEXIVES = frozenset(("me", "mij", "ons", "zich"))
# a word may be broken at a line end with a hyphen (PDF text: "geïnfor-\nmeerd")
_WORD = re.compile(r"\w+(?:[-'’]\w+|-[ \t]*\n[ \t]*\w+)*|[^\w\s]")
_LINE_BREAK_HYPHEN = re.compile(r"-[ \t]*\n[ \t]*")
# marks that end a clause; a hyphen only between spaces (a dash)
_BREAK_MARKS = frozenset(",;:()[]–—?!\"“”„«»")
SUBORDINATORS = frozenset(
    "dat omdat zodat doordat als wanneer zodra indien hoe waar waarin waarop waarmee waarover "
    "waarbij waardoor waarvoor waaraan waarna waarvan waaruit waartoe waarheen welke terwijl hoewel voordat nadat totdat of "
    "opdat mits tenzij aangezien zoals wat die wie".split())
# subordinators that are also demonstratives: a clause break only when they do not open the
# sentence ("Dat zeg ik toe") and are not followed by a noun ("dat onderzoek")
_DEMONSTRATIVE = frozenset("dat die wat".split())
COORDINATORS = frozenset("en maar want of".split())
DETERMINERS = frozenset(
    "de het een deze dit die dat onze ons mijn uw hun zijn haar hun alle elke ieder geen veel "
    "enkele sommige andere beide welke wat zo'n".split())
PREPOSITIONS = frozenset(
    "van aan in op met voor naar uit bij door over onder tegen tot om na via per sinds tijdens "
    "zonder binnen buiten tussen vanuit vanaf richting rond omtrent inzake".split())


@dataclass(slots=True)
class Word:
    text: str
    low: str
    start: int
    end: int


def words(sentence: str) -> list:
    out = []
    for m in _WORD.finditer(sentence):
        text = m.group()
        low = _LINE_BREAK_HYPHEN.sub("", text).lower() if "\n" in text else text.lower()
        out.append(Word(text, low, *m.span()))
    return out


_UNSTRESSED = ("be", "ge", "ver", "ont", "her", "er")
_R_WORDS = frozenset("er daar hier waar".split())


@dataclass(slots=True)
class Form:
    lemma: str
    kind: str  # present | past | participle | infinitive


def _present_stems(infinitive: str) -> set:
    """Candidate stems of a regular verb: sturen -> stuur, zetten -> zet, geven -> geef,
    komen -> kom/koom (spelling cannot tell which; a form that does not exist does no harm)."""
    if not infinitive.endswith("en") or len(infinitive) < 4:
        return set()
    stem = infinitive[:-2]
    out = {stem}
    if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
        out.add(stem[:-1])  # zetten -> zet
    if len(stem) >= 2 and stem[-1] not in "aeiouy" and stem[-2] in "aeiou" and (len(stem) < 3 or stem[-3] not in "aeiou"):
        out.add(stem[:-1] + stem[-2] + stem[-1])  # sturen -> stuur, maken -> maak
    final = {"v": "f", "z": "s"}
    return out | {s[:-1] + final[s[-1]] for s in out if s and s[-1] in final}


def _ge(stem: str) -> str:
    """The ge- of a participle, with the diaeresis Dutch writes before e, i or u:
    geïnformeerd, geëvalueerd."""
    return "ge" + ({"e": "ë", "i": "ï", "u": "ü"}.get(stem[0], stem[0]) + stem[1:] if stem else stem)


def _split_particle(lemma: str, particles, verbs=None, table_forms=None) -> tuple:
    """("terug", "komen") for a separable lemma, ("", lemma) otherwise. The rest must be a
    verb of its own (verbs: known infinitives), so "openen" is not "op" + "enen"; and when the
    lemma table knows the verb's participle, it must have ge- after the particle ("uitgevoerd"),
    so "informeren" (geïnformeerd) is not "in" + "formeren"."""
    forms = (table_forms or {}).get(lemma, ())
    for p in sorted(particles, key=len, reverse=True):
        rest = lemma[len(p):]
        if lemma.startswith(p) and len(rest) >= 4 and rest.endswith("n") and (verbs is None or rest in verbs):
            if any(f.startswith("ge") for f in forms) and not any(f.startswith(p + "ge") for f in forms):
                return "", lemma
            return p, rest
    return "", lemma


class VerbLexicon:
    """Every form of the verbs of configs/commitment/verbs.yml, with lemma and kind."""

    def __init__(self, data: dict):
        self.particles = frozenset(data.get("particles") or ())
        # verbs that commit only with one of these words in their clause ("werken aan")
        self.needs = {lemma: frozenset(words) for lemma, words in (data.get("needs") or {}).items()}
        self.negated_promise = frozenset(data.get("negated_promise") or ())
        # verbs that commit only with a bare infinitive, and what they mean with some ("laten" +
        # "weten" is "informeren")
        self.causatives = {lemma: dict(meanings) for lemma, meanings in (data.get("causatives") or {}).items()}
        # verbs that mean another with one of these bare infinitives, and themselves without
        # ("doe ik u ... toekomen" is "aanbieden"; "Dat doe ik" stays "doen")
        self.light_verbs = {lemma: dict(meanings) for lemma, meanings in (data.get("light_verbs") or {}).items()}
        # verbs that mean another with a reflexive pronoun ("ik richt mij op" is "inzetten")
        self.reflexive_meanings = dict(data.get("reflexive_meanings") or {})
        self.classes = {}  # lemma -> set of class names
        for name, lemmas in (data.get("auxiliaries") or {}).items():
            for lemma in lemmas:
                self.classes.setdefault(lemma, set()).add("aux_" + name)
        for name in VERB_CLASSES:
            for lemma in data.get(name) or ():
                self.classes.setdefault(lemma, set()).add(name)
        self.forms = {}  # form -> [Form]
        table_forms = data.get("table_forms") or {}
        irregular = data.get("forms") or {}
        known = frozenset(data.get("infinitives") or ()) | frozenset(irregular)
        lemmas = set(self.classes)
        for lemma, meanings in (self.causatives | self.light_verbs).items():  # their forms are needed too
            lemmas.add(lemma)
            lemmas.update(meanings)
            lemmas.update(meanings.values())
        for lemma in list(lemmas):
            particle, base = _split_particle(lemma, self.particles, known, table_forms)
            if particle:
                lemmas.add(base)
        for lemma in sorted(lemmas):
            particle, base = _split_particle(lemma, self.particles, known, table_forms)
            for form, kind in self._forms_of(base if particle else lemma, table_forms, irregular):
                if particle:
                    # verb-final order: "dat ik erop terugkom", "teruggekomen"
                    self._add(particle + form, lemma, kind)
                else:
                    self._add(form, lemma, kind)
        # infinitives of any verb (from the lemma table): what follows "zal" or "ga"
        self.infinitives = frozenset(data.get("infinitives") or ()) | frozenset(lemmas)
        self.auxiliaries = frozenset(lemma for lemma, names in self.classes.items()
                                     if any(n.startswith("aux_") for n in names))
        # the finite reading of every form, chosen once: asked for each word of each sentence
        self._finite = {form: self._choose_finite(entries) for form, entries in self.forms.items()}

    def _forms_of(self, lemma: str, table_forms: dict, irregular: dict):
        yield lemma, "infinitive"
        listed = irregular.get(lemma)
        if listed:
            for kind in ("present", "past", "participle"):
                for form in listed.get(kind) or ():
                    yield form, kind
            return
        stems = _present_stems(lemma)
        present = set()
        for stem in stems:
            present.add(stem)
            if not stem.endswith("t"):
                present.add(stem + "t")
        for form in sorted(present):
            yield form, "present"
        # regular participles: gestuurd, geïnformeerd; bericht, verkend (prefixed verbs take no ge-);
        # -t after a voiceless consonant of the infinitive's stem ('t kofschip: gewerkt, gereisd),
        # so "beoogt" stays the present tense of beogen (participle beoogd)
        voiceless = lemma[:-2].endswith(("t", "k", "f", "s", "ch", "p", "x"))
        for stem in stems:
            ends = (stem,) if stem[-1:] in "td" else (stem + ("t" if voiceless else "d"),)
            for end in ends:
                yield (end if lemma.startswith(_UNSTRESSED) else _ge(end)), "participle"
        listed = table_forms.get(lemma, ())
        for form in listed:
            if form in present or form == lemma or form.endswith(("end", "ende", "ens")):
                continue
            if form.endswith("t") and form[:-1] in listed and not lemma.startswith(form[:-1] + "t"):
                yield form, "present"  # "beoogt" beside the stem "beoog" the spelling rule missed
                continue
            if form.startswith("ge") or (form[-1:] in "dt" and form not in {s + e for s in stems for e in ("de", "te")}) \
                    or (lemma.startswith(_UNSTRESSED) and form.endswith("en")):  # besproken, verkregen
                yield form, "participle"
            else:
                yield form, "past"

    def _add(self, form: str, lemma: str, kind: str) -> None:
        entries = self.forms.setdefault(form, [])
        if not any(e.lemma == lemma and e.kind == kind for e in entries):
            entries.append(Form(lemma, kind))

    def _choose_finite(self, entries: list):
        finite = [e for e in entries if e.kind in ("present", "past")]
        if not finite:
            # a plural present is the infinitive: "wij sturen", "zij zullen"
            finite = [Form(e.lemma, "present") for e in entries if e.kind == "infinitive"]
        if not finite:
            return None
        finite.sort(key=lambda e: (not self.is_aux(e.lemma), e.kind != "present"))
        return finite[0]

    def finite(self, low: str):
        """The Form of a finite verb (present or past) for this word, or None; auxiliaries first."""
        return self._finite.get(low)

    def kinds(self, low: str) -> list:
        return self.forms.get(low) or []

    def is_aux(self, lemma: str) -> bool:
        return lemma in self.auxiliaries

    def has(self, lemma: str, name: str) -> bool:
        return name in self.classes.get(lemma, ())

    def join(self, particle: str, lemma: str) -> str | None:
        """terug + komen -> terugkomen when that verb is in the lexicon."""
        joined = particle + lemma
        return joined if joined in self.classes else None


def build_lexicon_data(data: dict, table: dict) -> dict:
    """The lexicon data with what it needs of the lemma table (form -> lemma): the table's
    forms of each lexicon lemma, and the infinitives of all verbs the table knows. Done once at
    initialize, so a saved pipeline needs no table."""
    wanted = set()
    particles = frozenset(data.get("particles") or ())
    for key in VERB_CLASSES:
        wanted.update(data.get(key) or ())
    for lemmas in (data.get("auxiliaries") or {}).values():
        wanted.update(lemmas)
    for lemma, meanings in ((data.get("causatives") or {}) | (data.get("light_verbs") or {})).items():
        wanted.add(lemma)
        wanted.update(meanings)
        wanted.update(meanings.values())
    verbs = {lemma for lemma in table.values() if lemma.endswith("en") and len(lemma) > 3 and lemma.isalpha()}
    verbs |= set(data.get("forms") or ())  # gaan, doen, zien ...: infinitives not in -en
    for lemma in list(wanted):
        particle, base = _split_particle(lemma, particles, verbs)
        if particle:
            wanted.add(base)
    table_forms = {}
    for form, lemma in table.items():
        if lemma in wanted:
            table_forms.setdefault(lemma, []).append(form)
    out = dict(data)
    out["table_forms"] = {k: sorted(v) for k, v in sorted(table_forms.items())}
    # infinitives of any verb (or a noun in -en: one counts only after an auxiliary)
    out["infinitives"] = sorted(verbs)
    return out


@dataclass(slots=True)
class Clause:
    words: list
    subordinate: bool = False  # opened by a subordinator: verb-final order
    opener: str = ""  # the conjunction or subordinator that opened it


def _conditional_inversion(ws: list, i: int) -> bool:
    """"mocht het ... komen": a condition opened by the verb itself."""
    return ws[i].low in ("mocht", "mochten") and i + 1 < len(ws) and ws[i + 1].low in _SUBJECT_WORDS | DETERMINERS


def _opens_clause(ws: list, i: int, lexicon: VerbLexicon) -> bool:
    """Whether the subordinator ws[i] opens a clause. "die"/"wat" after a verb or a
    preposition are demonstratives ("we gaan die ... uitwerken"); "dat" is one too unless a
    subject or a determiner follows ("ik zal dat doen", but "aangegeven dat we", "dat de")."""
    low = ws[i].low
    if low in ("waar", "als") and i + 1 < len(ws) and ws[i + 1].low in ("mogelijk", "nodig", "wenselijk", "passend"):
        return False  # "waar mogelijk", "waar nodig", "zo snel als mogelijk": an adverb, not a clause
    if low == "wat" and i + 2 < len(ws) and ws[i + 2].low == "betreft":
        return False  # "wat mij betreft", "wat het kabinet betreft"
    if low not in _DEMONSTRATIVE:
        return True
    nxt = ws[i + 1].low if i + 1 < len(ws) else ""
    prev = ws[i - 1].low if i > 0 else ""
    if low == "dat" and prev and _ends_verb_cluster(prev, lexicon):
        return True  # "onderstrepen dat ...", "aangegeven dat ...": the verb's complement
    # (a preposition after an article is a noun: "over de richting die het kabinet wil inslaan")
    after_verb = bool(lexicon.kinds(prev)) and not noun_reading(ws, i - 1) or prev in COORDINATORS \
        or prev in PREPOSITIONS and not (i > 1 and ws[i - 2].low in _ARTICLES)
    if low == "dat" and prev == "u" and (nxt in _SUBJECT_WORDS or nxt in DETERMINERS or ws[i + 1].text[:1].isupper()):
        return True  # "bericht ik u dat het kabinet ...", "meld ik u dat Defensie ...": u is the object
    if low == "die" and nxt in _PERSONAL_SUBJECTS and prev not in _SUBJECT_WORDS:
        return True  # a relative clause with its subject: "de maatregelen schetsen die we hebben te nemen"
    if prev in _SUBJECT_WORDS or prev == "al":  # "dat ik dat doe", "dat we die uitvoeren", "al die ...": an object
        return False
    if low == "dat" and (nxt in _SUBJECT_WORDS or nxt in DETERMINERS):
        return True
    if nxt in PREPOSITIONS and not after_verb and low == "die" and _finite_ahead(ws, i + 2, lexicon):
        return True  # after a noun, a relative clause: "de conferentie die van 31 oktober ... zal worden gehouden"
    if nxt in PREPOSITIONS or not nxt or not nxt[0].isalnum():
        return False
    return not after_verb


def _finite_ahead(ws: list, i: int, lexicon) -> bool:
    """A finite verb (not read as a noun) from ws[i] to the next punctuation mark."""
    for j in range(i, len(ws)):
        if not ws[j].text[:1].isalnum():
            return False
        if lexicon.finite(ws[j].low) and not noun_reading(ws, j):
            return True
    return False


def _ends_verb_cluster(low: str, lexicon: VerbLexicon) -> bool:
    """An infinitive or participle of a full verb: what "dat" after it complements."""
    kinds = lexicon.kinds(low)
    return any(e.kind in ("infinitive", "participle") for e in kinds) and not any(lexicon.is_aux(e.lemma) for e in kinds)


_SUBJECT_WORDS = frozenset("ik wij we jij je u hij zij ze het er men dit deze".split())
_FREE_RELATIVES = frozenset("wat wie".split())
_PERSONAL_SUBJECTS = frozenset("ik wij we jij hij zij ze".split())
# "u" is left out: after a finite verb it is mostly the object ("zal u informeren")
_INVERTED_SUBJECTS = frozenset("ik wij we jij je hij zij ze men mijn ons onze".split())
# what a noun-phrase subject starts with after the verbs that end a fronted clause
_SUBJECT_DETERMINERS = frozenset("het de dit deze er".split())
_ALS_PHRASES = frozenset("gevolg onderdeel bijlage volgt zodanig uitvloeisel vervolg".split())
_TITLES = frozenset("minister staatssecretaris minister-president bewindspersoon lid voorzitter coördinerend".split())


def clauses(ws: list, lexicon: VerbLexicon, names=()) -> list:
    """The clauses of a sentence (see the module doc). names: (start, end) ranges of names
    whose commas join no clauses ("de Ministeries van Volksgezondheid, Welzijn en Sport")."""
    pieces = []
    current = []
    opener = ""
    after_break = True
    in_dashes = False  # between the dashes of a parenthetical: "zal het kabinet – zodra ... – sturen"
    parenthetical = []  # per piece
    for i, w in enumerate(ws):
        dash = w.text in "–—" or (w.text == "-" and 0 < i < len(ws) - 1 and ws[i - 1].end < w.start and w.end < ws[i + 1].start)
        # a comma between adjectives is no break: "dat Defensie een nieuw, hedendaags veteranenpak gaat invoeren"
        adjectives = w.text == "," and len(current) > 1 and current[-2].low in DETERMINERS and current[-1].text.islower() \
            and not lexicon.finite(current[-1].low) and i + 1 < len(ws) and ws[i + 1].text.islower()
        if (w.text in _BREAK_MARKS and not adjectives and not any(a <= w.start < b for a, b in names)) or dash or _full_stop(ws, i):
            if current:
                pieces.append((opener, current))
                parenthetical.append(in_dashes)
            if dash:
                in_dashes = not in_dashes
            current, opener, after_break = [], "", True
            continue
        low = w.low
        nxt = ws[i + 1] if i + 1 < len(ws) else None
        if low == "als" and nxt is not None and (nxt.low in _TITLES or nxt.low in _ALS_PHRASES):
            pass  # "Als Minister van SZW zet ik in op", "Als gevolg van ...": an apposition, not a condition
        elif after_break and not current:
            # a clause opened after a stop or at the start: "Als ...", ", dat ...", "Maar ik ...",
            # "Wat we landelijk doen, is ..."
            if low in COORDINATORS or _conditional_inversion(ws, i) or (low in SUBORDINATORS and _opens_clause(ws, i, lexicon)
                                       and not (i == 0 and low in _DEMONSTRATIVE
                                                and not (low == "wat" and nxt is not None and nxt.low in _SUBJECT_WORDS))):
                opener = low
        elif current and (low in COORDINATORS and not _joins_names(ws, i) and not _compound_subject(ws, i, lexicon)
                          or (low in SUBORDINATORS and _opens_clause(ws, i, lexicon))
                          or _conditional_inversion(ws, i)):
            pieces.append((opener, current))
            parenthetical.append(in_dashes)
            current, opener = [], low
            if low == "of" and _asks(ws, i, lexicon):
                opener = _EMBEDDED_QUESTION
        elif opener in SUBORDINATORS and opener not in COORDINATORS and _main_clause_after(ws, i, lexicon, opener, current):
            # "Zoals aangegeven zal mijn departement ...": the fronted clause ends at its verbs
            pieces.append((opener, current))
            parenthetical.append(in_dashes)
            current, opener = [], ""
        after_break = False
        current.append(w)
    if current:
        pieces.append((opener, current))
        parenthetical.append(in_dashes)
    out = []
    outside = -1  # the last clause outside dashes: what a verbless piece after them continues
    waiting = None  # a first piece without a verb: the subject of the next ("Nederland en de EU blijven")
    for (opener, piece), inside in zip(pieces, parenthetical):
        # "want"/"maar" open a clause, even when its plural verb is not recognised ("want die
        # belangen zijn er"); "en" may join two nouns ("Nederland en de EU"), and "maar" with
        # no verb form is an adverb ("zo leg ik dat maar uit")
        plural_clause = opener in ("want", "maar") and any(
            e.kind == "infinitive" for w in piece[1:] for e in lexicon.kinds(w.low))
        if not plural_clause and not _has_finite(piece, lexicon):
            if out:
                out[outside if not inside and outside >= 0 else -1].words.extend(piece)
            elif waiting:
                waiting[1].extend(piece)
            else:
                waiting = (opener, list(piece))
            continue
        # a list of names continued after a comma: "De Minister van Onderwijs, Cultuur en Wetenschap zegt"
        names = not opener and piece[0].text[:1].isupper() and waiting and waiting[1][-1].text[:1].isupper()
        if waiting and not out and (opener in COORDINATORS or names) and not _inverted(piece, lexicon):
            opener, piece = waiting[0], waiting[1] + piece
            waiting = None
        elif waiting:
            out.append(_clause(*waiting))
            waiting = None
        out.append(_clause(opener, piece))
        if not inside:
            outside = len(out) - 1
    if waiting:
        out.append(_clause(*waiting))
    return out


def _joins_names(ws: list, i: int) -> bool:
    """"en" between two capitalised words joins names, not clauses: "het Ministerie van
    Justitie en Veiligheid werkt aan ...", "Nederland en Duitsland"."""
    return ws[i].low == "en" and 1 < i < len(ws) - 1 and ws[i - 1].text[:1].isupper() and ws[i + 1].text[:1].isupper()


def _compound_subject(ws: list, i: int, lexicon: VerbLexicon) -> bool:
    """"en ik" before a plural verb ends a compound subject, not a clause: "waarop de Minister
    en ik ... zullen terugkomen" (but "..., en ik zal u informeren" is a clause)."""
    if ws[i].low != "en" or i + 2 >= len(ws) or ws[i + 1].low != "ik":
        return False
    for w in ws[i + 2:]:
        form = lexicon.finite(w.low)
        if form is not None:
            return any(e.kind == "infinitive" for e in lexicon.kinds(w.low))
    return False


def _full_stop(ws: list, i: int) -> bool:
    """A full stop inside the text given as one sentence (a footnote mark kept the sentence
    splitter from seeing it: "maatregelen.[5 ] De HV gaf aan ..."), not an abbreviation's."""
    return (ws[i].text == "." and 0 < i < len(ws) - 1 and len(ws[i - 1].text) > 3
            and (ws[i + 1].text[:1].isupper() or ws[i + 1].text == "["))


def _main_clause_after(ws: list, i: int, lexicon: VerbLexicon, opener: str, current: list) -> bool:
    """A finite verb right after the verbs that end a fronted subordinate clause, with its
    subject after it: the inverted main clause begins ("Zoals toegezegd stuur ik ..."), also
    after a phrase that follows the clause's own finite verb ("Zoals ik heb gemeld in mijn
    brief van 13 september jl. stuur ik ..."). After a free relative the subject is that
    clause itself ("Wat we willen is dat ...")."""
    if not (0 < i < len(ws) - 1 and lexicon.finite(ws[i].low) is not None):
        return False
    if not lexicon.kinds(ws[i - 1].low):
        # after a phrase that follows the fronted clause's verb: "Zoals ik heb gemeld in mijn
        # brief ... stuur ik", "Zoals aangegeven in de brief van het kabinet ... bestudeert het kabinet"
        verb = any(lexicon.finite(w.low) and not noun_reading(current, k) for k, w in enumerate(current[1:], 1)) \
            or opener == "zoals" and any(e.kind == "participle" for w in current[1:2] for e in lexicon.kinds(w.low))
        subject = ws[i + 1].low in _INVERTED_SUBJECTS or opener == "zoals" and ws[i + 1].low in _SUBJECT_DETERMINERS
        return subject and ws[i - 1].low != "te" and verb
    if ws[i + 1].low in _INVERTED_SUBJECTS or ws[i + 1].low in _SUBJECT_DETERMINERS:
        return True  # "Zoals eerder aangegeven voert het kabinet ...", "... wordt de Kamer"
    return opener in _FREE_RELATIVES and not any(e.kind == "infinitive" for e in lexicon.kinds(ws[i].low))


def _inverted(piece: list, lexicon: VerbLexicon) -> bool:
    """The piece's first finite verb has its subject after it ("en die willen we ..."): a
    clause of its own, not the second half of a compound subject ("Nederland en de EU blijven")."""
    for j, w in enumerate(piece[:-1]):
        if lexicon.finite(w.low):
            return piece[j + 1].low in _INVERTED_SUBJECTS
    return False


def _asks(ws: list, i: int, lexicon: VerbLexicon) -> bool:
    """"of" right after a verb or its particle opens an embedded question, verb-final: "weten of
    het helpt", "ga na of ...", "kijken of"; elsewhere it joins ("twee of drie", "..., of we
    gaan ...")."""
    prev = ws[i - 1].low if i > 0 else ""
    return prev in lexicon.particles or bool(lexicon.kinds(prev)) and not noun_reading(ws, i - 1)


# the opener of an embedded question; its clause is subordinate, its opener "of"
_EMBEDDED_QUESTION = "of?"


def _clause(opener: str, piece: list) -> Clause:
    if opener == _EMBEDDED_QUESTION:
        return Clause(piece, True, "of")
    subordinate = opener in SUBORDINATORS and opener not in COORDINATORS or opener in ("mocht", "mochten")
    return Clause(piece, subordinate, opener)


_PLURAL_SUBJECTS = frozenset("we wij zij ze jullie".split())


def _has_finite(piece: list, lexicon: VerbLexicon) -> bool:
    """A finite verb in the piece: a singular or past form, or a plural (infinitive-like)
    form next to a plural subject ("we gaan", "komen we"), or after one in a clause that a
    subordinator opens ("dat wij die pilots starten")."""
    subordinate = bool(piece) and piece[0].low in SUBORDINATORS
    last_word = max((j for j, w in enumerate(piece) if w.text[:1].isalnum()), default=-1)
    subject_seen = False
    for j, w in enumerate(piece):
        if w.low in _PLURAL_SUBJECTS:
            subject_seen = True
        entries = lexicon.kinds(w.low)
        if not entries or noun_reading(piece, j):  # "naar aanleiding van een vraag"
            continue
        plural = any(e.kind == "infinitive" for e in entries)
        for e in entries:
            if e.kind in ("present", "past") and not plural:
                return True
        if plural:
            near = {piece[k].low for k in (j - 1, j + 1) if 0 <= k < len(piece)}
            # and an auxiliary that ends a subordinate clause: "zodra de stukken beschikbaar zijn"
            # ("dat deze worden uitgewerkt")
            # an auxiliary that ends the clause's verbs, before an extraposed phrase: "dat de
            # reacties zullen worden meegenomen in de besluitvorming"
            verbs_after = piece[j + 1:last_word + 1]
            pp = next((k for k, w in enumerate(verbs_after) if w.low in PREPOSITIONS), len(verbs_after))
            if near & _PLURAL_SUBJECTS or (subordinate and (subject_seen or any(lexicon.is_aux(e.lemma) for e in entries)
                                                             and all(lexicon.kinds(w.low) for w in verbs_after[:pp]))):
                return True
            # the last word, and only verb, of a clause a subordinator opens, after a noun phrase
            # and not after "te": "dat de gemeenten dit oppakken" (but "die burgers ervaren bij
            # ... verlagen" ends at "ervaren")
            if subordinate and j == last_word and j > 2 and piece[j - 1].low != "te" \
                    and any(p.low in DETERMINERS for p in piece[1:j - 1]) \
                    and not any(lexicon.kinds(p.low) for p in piece[1:j]):
                return True
    return False


_ARTICLES = frozenset(("de", "het", "een"))
# prepositions that take a noun, not a stranded R-word's verb: "in overleg", "na onderzoek"
# (but "waar we naar kijken", "daar aan werken")
_NOUN_PREPOSITIONS = frozenset(("in", "na", "zonder", "ter", "onder"))
_PRONOUNS = frozenset(("dat", "dit", "die", "deze", "het"))
_POSSESSIVES = frozenset(("uw", "mijn", "onze"))  # "Over uw vragen ..." (not "zijn", "haar", "hun": verbs, objects)
_QUANTITIES = frozenset("aantal paar tal reeks enkele twee drie vier vijf zes diverse verschillende meerdere vele".split())


def _participle_only(low: str, lexicon: VerbLexicon) -> bool:
    kinds = lexicon.kinds(low)
    return bool(kinds) and all(e.kind == "participle" for e in kinds)


def noun_reading(ws: list, j: int) -> bool:
    """A verb form after an article, a quantity, or an article and an adjective is a noun:
    "Op de vraag ...", "een aantal vragen", "de integrale aanpak", "van het onderzoek" (not
    after "het" alone: "dat ik het doe")."""
    before = ws[j - 1].low if j > 0 else ""
    # "van het mogelijk maken van noodhulp": an infinitive after "het" and an adverb, in a phrase
    nominal = j > 2 and ws[j - 2].low == "het" and ws[j - 3].low in PREPOSITIONS and ws[j].low.endswith("en") \
        and before.endswith(("lijk", "baar", "ig", "isch", "er", "tief"))  # not "van het jaar informeren"
    # after "in", "na" ...: a noun unless a verb follows ("in overleg met", but "er tempo in moeten houden")
    after_preposition = before in _NOUN_PREPOSITIONS and not (j + 1 < len(ws) and ws[j + 1].low.endswith("en"))
    # a capital inside the sentence starts a name: "Tijdens het Algemeen Overleg ProRail heb ik"
    name = j > 0 and ws[j].text[:1].isupper()
    return name or before in ("de", "een") or before in _POSSESSIVES or before in _QUANTITIES or after_preposition or nominal \
        or before == "het" and j > 1 and ws[j - 2].low in PREPOSITIONS \
        or j > 1 and (ws[j - 2].low in _ARTICLES or ws[j - 2].low in PREPOSITIONS and len(before) > 3
                      and j + 1 < len(ws) and ws[j + 1].text[:1].isalnum()) \
        and before.endswith("e") and not before.endswith(("ie", "ee")) \
        and before not in _ARTICLES  # "de integrale aanpak", "in stabielere delen", but "de commissie vragen"


@dataclass(slots=True)
class VerbComplex:
    finite: Form
    finite_at: int  # index in clause.words
    main: str  # main lemma ("terugkomen", "informeren")
    infinitive_at: int = -1
    participle: str = ""  # lemma of a participle in the clause
    participle_at: int = -1
    has_te: bool = False  # "te" + infinitive after the verb: "toezeggen ... te informeren"
    particle: str = ""
    caused_at: int = -1  # the bare infinitive a causative or light verb governs: "laat ... onderzoeken", "doe ... toekomen"


def verb_complex(clause: Clause, finite_at: int, lexicon: VerbLexicon) -> VerbComplex:
    ws = clause.words
    finite = lexicon.finite(ws[finite_at].low)
    vc = VerbComplex(finite, finite_at, finite.lemma)
    rest = range(finite_at + 1, len(ws)) if not clause.subordinate else range(0, len(ws))
    te_cluster = -2  # the last infinitive of a "te" cluster that the auxiliary does not govern
    last = max((j for j, w in enumerate(ws) if w.text[:1].isalnum()), default=-1)
    for j in rest:
        if j == finite_at:
            continue
        low = ws[j].low
        before = ws[j - 1].low if j > 0 else ""
        if vc.infinitive_at >= 0 and not clause.subordinate and low in ("dat", "of") and j > vc.infinitive_at:
            break  # "wil ... onderstrepen dat ...": what follows is the complement's
        # a determiner before it makes a noun ("dat onderzoek"), but a pronoun before the
        # clause's last word is its object ("we willen dat doen")
        # (the clause's last word after an auxiliary is its verb, not a noun after an adjective:
        # "zal ... van de zienswijze ontvangen")
        at_end = j == last and lexicon.is_aux(finite.lemma) and before not in _ARTICLES and before not in _QUANTITIES
        if low == "te" or noun_reading(ws, j) and not at_end \
                or before in DETERMINERS and not (before in _PRONOUNS and j == last):
            continue
        if j > 0 and _participle_only(ws[j - 1].low, lexicon):
            continue  # "de ... opgenomen onderwerpen": a participle before it makes it a noun
        # "besloten" is an infinitive form in the lemma table too, but a participle after "heeft"
        perfect_participle = lexicon.has(finite.lemma, "aux_perfect") and any(e.kind == "participle" for e in lexicon.kinds(low))
        if low in lexicon.infinitives and low not in DETERMINERS and low not in PREPOSITIONS and not perfect_participle:
            if before == "te":
                vc.has_te = True
            # only an auxiliary governs the infinitive of the main verb; "om ... te informeren"
            # after a promise verb is its content
            if not lexicon.is_aux(finite.lemma):
                continue
            # "zal", "ga", "wil", "blijf" take a bare infinitive: "te produceren", "te gaan vinden"
            # belong to another clause
            if (before == "te" or te_cluster == j - 1) and (lexicon.has(finite.lemma, "aux_future")
                                                          or lexicon.has(finite.lemma, "aux_intent")
                                                          or lexicon.has(finite.lemma, "aux_continuation")):
                te_cluster = j
                continue
            # a noun after a preposition ("over ontwikkelingen"), unless an R-word takes the
            # preposition ("er ... voor zorgen")
            if before in PREPOSITIONS and not any(w.low in _R_WORDS or w.low.startswith(("daar", "hier", "waar")) for w in ws[:j]):
                continue
            # the verb cluster ends the clause: the last infinitive is the main verb
            # ("wil ... drempels die burgers ervaren ... verlagen")
            vc.infinitive_at = j
            particle = ws[j - 2].low if before == "te" and j >= 2 else before
            lemma = low
            for e in lexicon.kinds(low):
                if e.kind == "infinitive":
                    lemma = e.lemma
            vc.main = lexicon.join(particle, lemma) if particle in lexicon.particles and lexicon.join(particle, lemma) else lemma
            continue
        for e in lexicon.kinds(low):
            if e.kind == "participle" and vc.participle_at < 0:
                vc.participle, vc.participle_at = e.lemma, j
    # a separable particle of the finite verb in a main clause: "kom ... terug", "voeren ... in"
    if vc.infinitive_at < 0 and not clause.subordinate:
        for j in range(len(ws) - 1, finite_at, -1):
            low = ws[j].low
            nxt = ws[j + 1].low if j + 1 < len(ws) else ""
            # a particle ends the clause or stands before a prepositional phrase or "om ... te";
            # before a noun phrase it is a preposition ("zet in op het beleid": "in", not "op"),
            # unless it cannot be one ("zegt de Kamer ... toe de Kamer jaarlijks te ...")
            if nxt and nxt[0].isalnum() and nxt not in PREPOSITIONS and nxt not in lexicon.particles \
                    and nxt not in ("om", "te") and low in PREPOSITIONS:
                continue
            if low in lexicon.particles and lexicon.join(low, finite.lemma):
                vc.particle = low
                vc.main = lexicon.join(low, finite.lemma)
                break
    if any(w.low == "te" for w in ws[finite_at + 1:]):
        vc.has_te = True
    if finite.lemma in lexicon.causatives and vc.infinitive_at < 0:
        # "laat onderzoeken"; with some infinitives it means another verb: "laat ik u het
        # volgende weten" informs
        for j in rest:
            low = ws[j].low
            if j == finite_at or low not in lexicon.infinitives or j and ws[j - 1].low == "te" or noun_reading(ws, j):
                continue
            vc.caused_at = j
            lemma = next((e.lemma for e in lexicon.kinds(low) if e.kind == "infinitive"), low)
            vc.main = lexicon.causatives[finite.lemma].get(lemma, vc.main)
            break
    light = lexicon.light_verbs.get(finite.lemma)
    if light and vc.infinitive_at < 0:
        for j in rest:
            lemma = next((e.lemma for e in lexicon.kinds(ws[j].low) if e.kind == "infinitive"), "")
            if j != finite_at and lemma in light and not (j and ws[j - 1].low == "te"):
                vc.caused_at, vc.main = j, light[lemma]
                break
    if vc.main in lexicon.reflexive_meanings and any(w.low in REFLEXIVES for w in ws):
        vc.main = lexicon.reflexive_meanings[vc.main]
    return vc
