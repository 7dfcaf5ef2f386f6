"""DATE, speed only: what the matches of a regex start with, read from its parse tree
(re._parser), so grammar.py can tell matching.py which words a pattern can start at."""

import re
from re import _constants as _sre
from re import _parser as _sre_parser


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


def first_run_bound(seq, counted: int = 0) -> tuple:
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
            inner, going = first_run_bound((av[-1] if op is _sre.SUBPATTERN else av).data, counted + total)
            total += inner
            if not going:
                return total, False
        elif op is _sre.BRANCH:
            bounds = [first_run_bound(alternative.data, counted + total) for alternative in av[1]]
            total += min(n for n, _ in bounds)
            if not all(going for _, going in bounds):
                return total, False
        elif op in _REPEATS and av[0] > 0:
            # counted as if past the start: a \b in a later round ends the word
            inner, going = first_run_bound(av[2].data, counted + total + 1)
            total += inner * (av[0] if going else 1)
            if not going:
                return total, False
        else:  # optional, a group reference, any character...
            return total, False
    return total, True


_CATEGORY_ESCAPES = {_sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_SPACE: r"\s",
                     _sre.CATEGORY_NOT_SPACE: r"\S", _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W"}


def first_class(regex):
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


def first_chars(regex):
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


def leading_strings(regex):
    """Strings of which every match of regex starts with one (a signal's words), or None."""
    found = start_words(_sre_parser.parse(regex.pattern, regex.flags), False, anywhere=True)
    if found is None or found[2]:
        return None
    strings = set(found[0]) | set(found[1])
    return tuple(sorted(s for s in strings if not any(t != s and t in s for t in strings)))
