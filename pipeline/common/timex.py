"""TIMEX3-style date values (as kst_date writes them) and the calendar span they cover.

Used by the COMMITMENT component (does a date lie after the document date?) and by the
register of commitments (filters on the deadline): one reading of a value for both.
"""

import calendar
import datetime
import re

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}


def _months(year: int, first: int, end_year: int, last: int) -> tuple:
    """First day of month `first` of `year` to the last day of month `last` of `end_year`."""
    return f"{year:04d}-{first:02d}-01", f"{end_year:04d}-{last:02d}-{calendar.monthrange(end_year, last)[1]:02d}"


def deadline_range(value):
    """(first day, last day) as ISO dates of a TIMEX3-style deadline value, or None.

    2024 -> 2024-01-01..2024-12-31; 2024-05; 2024-05-31; 2024-Q2; 2024-H1; 2024-SU (summer);
    2024-W10 (ISO week); 2023-2024 (a session year, September to September) is its span.
    """
    if not value or not isinstance(value, str):
        return None
    v = value.strip().upper()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v)
    if m:
        return v, v
    m = re.fullmatch(r"(\d{4})-(\d{2})", v)
    if m and 1 <= int(m.group(2)) <= 12:
        y, mo = int(m.group(1)), int(m.group(2))
        return _months(y, mo, y, mo)
    m = re.fullmatch(r"(\d{4})", v)
    if m:
        return f"{v}-01-01", f"{v}-12-31"
    m = re.fullmatch(r"(\d{4})-Q([1-4])", v)
    if m:
        y, last = int(m.group(1)), 3 * int(m.group(2))
        return _months(y, last - 2, y, last)
    m = re.fullmatch(r"(\d{4})-H([12])", v)
    if m:
        y, last = int(m.group(1)), 6 * int(m.group(2))
        return _months(y, last - 5, y, last)
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|AU|WI)", v)
    if m:
        y = int(m.group(1))
        first, last = _SEASON_MONTHS[m.group(2)]
        end_year, last = (y + 1, last - 12) if last > 12 else (y, last)
        return _months(y, first, end_year, last)
    m = re.fullmatch(r"(\d{4})-W(\d{2})", v)
    if m:
        y, w = int(m.group(1)), int(m.group(2))
        try:
            monday = datetime.date.fromisocalendar(y, w, 1)
        except ValueError:
            return None
        return monday.isoformat(), (monday + datetime.timedelta(days=6)).isoformat()
    m = re.fullmatch(r"(\d{4})-(\d{4})", v)
    if m:
        return f"{m.group(1)}-09-01", f"{m.group(2)}-08-31"
    m = re.fullmatch(r"(\S+)/(\S+)", v)
    if m:
        a, b = deadline_range(m.group(1)), deadline_range(m.group(2))
        return (a[0], b[1]) if a and b else None
    return None


_GIVEN_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.+\-Z]*)?")
_GIVEN_NUMERIC = re.compile(r"(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})")


def given_date(value) -> tuple:
    """(ISO date, None) for a meta.date given with the input, or (None, why it is not read).

    ISO stays as it is (a time part is dropped); "2019/06/14" is year-month-day; "14-06-2019",
    "14/6/2019", "14.06.2019" are read day-month-year when no month-day reading is a date too
    (the day above 12, or day and month equal). "06-07-2019" could be 6 July or June 7:
    not guessed, since every relative date and deadline of the document hangs on it."""
    text = str(value).strip()
    m = _GIVEN_ISO.fullmatch(text)
    if m:
        return (text[:10], None) if _is_date(*map(int, m.groups())) else (None, "is not a calendar date")
    m = _GIVEN_NUMERIC.fullmatch(text)
    if not m:
        return None, "is not a date in a form read (YYYY-MM-DD, or DD-MM-YYYY with a day above 12)"
    a, b, c = m.groups()
    if len(a) == 4:
        day_first, other = (int(a), int(b), int(c)), None
    elif len(c) == 4:
        day_first, other = (int(c), int(b), int(a)), (int(c), int(a), int(b))
    else:
        return None, "has no four-digit year"
    if not _is_date(*day_first):
        return None, "is not a day-month-year date"
    if other is not None and other != day_first and _is_date(*other):
        return None, "is ambiguous (day-month or month-day)"
    return "{:04d}-{:02d}-{:02d}".format(*day_first), None


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True
