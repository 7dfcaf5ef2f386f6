"""DATE, step 2: finding dates in a text with a compiled `Grammar`.

Patterns run only in windows around trigger words (months, years, "vandaag", ...), found by
two fast scans, so most of a document is never looked at by the pattern regexes; within a
window only the patterns whose required parts are there run, from the words they can start
at. Each match is resolved (resolution.py) with its signal word and the tense of its clause.
"""

import bisect
import datetime as dt
import re
from operator import itemgetter

from .grammar import FLAGS, REQ_TEXT, REQ_WORDLIST, Grammar, lower_text, norm
from .resolution import INVALID, resolve, valid_day


DAY_LIST = re.compile(r"((?:(?<![\w./,-])\d{1,2}(?:ste|de|e)?\s*(?:,|\ben\b|\bof\b)\s*)+)$", FLAGS)
DAY_LIST_ENDS = (",", "en", "of")  # what a DAY_LIST match ends with, before white space
DAY_NUMBER = re.compile(r"\d{1,2}")
# fields that fix the year of a day or month themselves: no tense rule for those
UNANCHORED = frozenset({"year", "yy", "yearrel", "anchor", "rel", "weekday", "weekrel", "monthrel"})


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
                  if needed >> i & 1 and req[0] != REQ_WORDLIST]  # the word lists: _window_words
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


def _window_mask(checks, low: str, a: int, b: int, context: int) -> int:
    """The bits of the requirements that can match in low[a:b] (pos a, endpos b): a substring
    in the window (a substring of a `left` regex from `context` characters before it), a regex
    found in the window. (The word lists: _window_words.)"""
    have = 0
    for bit, kind, what, left in checks:
        if kind == REQ_TEXT:
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
            if y and mo and d and valid_day(y, mo, d):
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None
