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
