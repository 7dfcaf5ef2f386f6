"""DATE, step 3: resolving the fields of a match into a TIMEX3-style value against the
document date: points, periods and sessions, holidays and recesses (calendar.yml), the year
of a day or month without one."""

import datetime as dt
import re


SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
FOUR_DIGIT_YEAR = re.compile(r"(?!0000)\d{4}(?!\d)|\d{3}$")  # 2024..., or a decade: 199
INVALID = None  # resolve_* return this for a match that is no date at all (31 april, 2023-2020)


def resolve(kind, start: dict, end: dict, dct, cal, signal=None):
    """attrs {value, type, mod, signal[, range]} of a match, or INVALID when it is no date."""
    if kind == "session":
        y1 = start.get("year")
        y2 = end.get("year")
        if y1 is None or y2 is None:
            return INVALID
        if y2 < 100:  # 2023/24
            y2 += y1 // 100 * 100 + (100 if y2 < y1 % 100 else 0)
        if y2 != y1 + 1:
            return INVALID
        return _attrs(f"{y1}-{y2}", "session_year", None, None)
    if kind == "period":
        # "14 tot en met 16 maart 2022": the start takes the month and year of the end
        if "day" in start and "month" not in start and "month" in end:
            start["month"] = end["month"]
        if "year" not in start and "yearrel" not in start:
            for role in ("year", "yearrel", "anchor"):
                if role in end:
                    start[role] = end[role]
        a = resolve_point(start, dct, cal, None)
        b = resolve_point(end, dct, cal, None)
        if a is INVALID or b is INVALID:
            return INVALID
        va, vb = a[0], b[0]
        if va is not None and vb is not None:
            if len(va) == len(vb) and va >= vb:
                return INVALID
            return _attrs(f"{va}/{vb}", "period", None, None)
        return _attrs(None, "period", None, None)
    point = resolve_point(start, dct, cal, signal)
    if point is INVALID:
        return INVALID
    value, typ, mod, extra = point
    return _attrs(value, typ, mod, signal, extra)


def _attrs(value, typ, mod, signal, extra=None) -> dict:
    attrs = {"value": value, "type": typ, "mod": mod, "signal": signal}
    if extra:
        attrs.update(extra)
    return attrs


def valid_day(y, m, d) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def add_months(year: int, month: int, n: int) -> tuple:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def nth_weekday(year, month, weekday, n) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def easter(year) -> dt.date:
    """Easter Sunday (Gregorian; anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def holiday_date(spec, year) -> dt.date:
    kind, arg = spec
    if kind == "date":
        return dt.date(year, *arg)
    if kind == "nth_weekday":
        return nth_weekday(year, *arg)
    return easter(year) + dt.timedelta(days=arg)


def recess_instance(rec, year) -> tuple:
    """(first day, last day) of a recess starting in year: the known dates, else the typical."""
    if year in rec["dates"]:
        return rec["dates"][year]
    (sm, sd), (em, ed) = rec["typical"]
    end_year = year + 1 if (em, ed) < (sm, sd) else year
    return dt.date(year, sm, sd), dt.date(end_year, em, ed)


def _recess(rid, year, dct, cal, signal):
    """(recess record, year it starts) for "het zomerreces (2024)" / "het reces"."""
    if rid == "*":
        if dct is None:
            return None, None
        best = None
        for rec in cal["recesses"].values():
            for y in (dct.year - 1, dct.year, dct.year + 1):
                first, last = recess_instance(rec, y)
                if first <= dct <= last:
                    return rec, y
                if first > dct and (best is None or first < best[0]):
                    best = (first, rec, y)
        return (best[1], best[2]) if best else (None, None)
    rec = cal["recesses"][rid]
    if year is not None:
        return rec, year
    if dct is None:
        return rec, None
    y = dct.year
    first, last = recess_instance(rec, y - 1)
    if first <= dct <= last:  # the kerstreces that began last December
        return rec, y - 1
    if signal == "before" and recess_instance(rec, y)[1] < dct:
        return rec, y + 1
    return rec, y


def _direction_year(key: tuple, dct: dt.date, direction: int) -> int:
    """Year of the latest (direction -1) / next (+1) / current (0) occurrence of a month-day key."""
    now = (dct.month, dct.day)[: len(key)]
    if direction < 0:
        return dct.year if key <= now else dct.year - 1
    if direction > 0:
        return dct.year if key >= now else dct.year + 1
    return dct.year


def _nearest_year(key: tuple, dct: dt.date) -> int:
    """Year of the occurrence of a month-day (or month) nearest to dct; a tie goes to the later one."""
    best = None
    for y in (dct.year - 1, dct.year, dct.year + 1):
        if len(key) == 2:
            if not valid_day(y, *key):
                continue
            distance = abs((dt.date(y, *key) - dct).days)
        else:
            distance = abs((y * 12 + key[0]) - (dct.year * 12 + dct.month))
        if best is None or distance <= best[0]:
            best = (distance, y)
    return best[1] if best else dct.year


def resolve_point(f: dict, dct, cal, signal=None):
    """(value, type, mod, extra attrs) of one point in time, or INVALID."""
    try:
        point = _resolve_point(f, dct, cal, signal)
    except (OverflowError, ValueError):  # a document date at the edge of the calendar (year 1 or 9999)
        return None, "relative", f.get("mod"), None
    if point is not INVALID and point[0] is not None and not FOUR_DIGIT_YEAR.match(point[0]):
        return (None,) + point[1:]
    return point


def _resolve_point(f: dict, dct, cal, signal=None):
    mod = f.get("mod")
    if "yy" in f:  # '24: the century that puts it at most ten years after the document date
        ref = dct.year if dct is not None else 2030
        year = 2000 + f["yy"]
        f = dict(f, year=year if year <= ref + 10 else year - 100)
    if "decade" in f:
        d = f["decade"]
        if d >= 100:  # "de jaren 1990"
            return f"{d // 10:03d}", "year", mod, None
        d = d // 10 if d >= 10 else d
        ref = dct.year if dct is not None else 1999
        return ("20" if 2000 + 10 * d <= ref else "19") + str(d), "year", mod, None
    if "weekend" in f:
        if dct is None:
            return None, "relative", mod, None
        return iso_week(dct + dt.timedelta(weeks=f["weekend"])) + "-WE", "relative", mod, None
    if "dayword" in f:
        return (None if dct is None else (dct + dt.timedelta(days=f["dayword"])).isoformat()), "relative", mod, None
    if "num" in f and "unit" in f:  # "twee jaar geleden" (dir -1), "over twee weken" (dir 1)
        if dct is None:
            return None, "relative", mod, None
        n, unit = f["num"] * -f.get("dir", -1), f["unit"]
        if unit == "day":
            return (dct - dt.timedelta(days=n)).isoformat(), "relative", mod, None
        if unit == "week":
            return iso_week(dct - dt.timedelta(weeks=n)), "relative", mod, None
        if unit == "month":
            return "%04d-%02d" % add_months(dct.year, dct.month, -n), "relative", mod, None
        return f"{dct.year - n:04d}", "relative", mod, None
    if "weekrel" in f:
        if dct is None:
            return None, "relative", mod, None
        base = dct + dt.timedelta(weeks=f["weekrel"])
        if "weekday" in f:
            return (base + dt.timedelta(days=f["weekday"] - base.weekday())).isoformat(), "relative", mod, None
        return iso_week(base), "relative", mod, None
    if "monthrel" in f:
        if dct is None:
            return None, "relative", mod, None
        return "%04d-%02d" % add_months(dct.year, dct.month, f["monthrel"]), "relative", mod, None
    if "recess" in f:
        rec, year = _recess(f["recess"], f.get("year"), dct, cal, signal)
        if rec is None:
            return None, "season", mod, None
        if year is None:
            return None, rec["type"], mod, None
        extra = None
        if year in rec["dates"]:
            first, last = rec["dates"][year]
            extra = {"range": f"{first.isoformat()}/{last.isoformat()}"}
        return rec["value"].replace("{year}", f"{year:04d}"), rec["type"], mod, extra

    direction = f.get("anchor", f.get("rel"))
    if "weekday" in f and "day" not in f and direction is not None:  # "aanstaande dinsdag"
        if dct is None:
            return None, "relative", mod, None
        wd = f["weekday"]
        if direction < 0:
            day = dct - dt.timedelta(days=(dct.weekday() - wd) % 7 or 7)
        elif direction > 0:
            day = dct + dt.timedelta(days=(wd - dct.weekday()) % 7 or 7)
        else:
            day = dct + dt.timedelta(days=wd - dct.weekday())
        return day.isoformat(), "relative", mod, None

    # a calendar point: day, week, month, season, quarter, half, holiday or year
    if "day" in f:
        key, typ = (f.get("month"), f["day"]), "date"
        if key[0] is None or not valid_day(2000, *key):
            return INVALID
    elif "week" in f:
        key, typ = (1,), "date"
    elif "month" in f:
        key, typ = (f["month"],), "month"
    elif "season" in f:
        key, typ = (SEASON_START[f["season"]],), "season"
    elif "quarter" in f:
        key, typ = ((f["quarter"] - 1) * 3 + 1,), "quarter"
    elif "half" in f:
        key, typ = ((f["half"] - 1) * 6 + 1,), "quarter"
    elif "holiday" in f:
        key, typ = None, "date"
    else:
        key, typ = None, "year" if "year" in f else "relative"

    explicit = "year" in f
    if explicit:
        year = f["year"]
    elif dct is None:
        year = None
    elif "yearrel" in f:
        year = dct.year + f["yearrel"]
    elif direction is not None and key is not None:
        year = _direction_year(key, dct, direction)
        if direction > 0 and "season" in f and key[0] <= dct.month:  # "volgend voorjaar" in April
            year = dct.year + 1
    elif "weekday" in f and "day" in f:  # the nearest year where the weekday fits
        year = next((y for y in (dct.year, dct.year - 1, dct.year + 1)
                     if valid_day(y, *key) and dt.date(y, *key).weekday() == f["weekday"]), dct.year)
    elif f.get("tense") and key is not None:  # past / future narration: "op 11 augustus ... heeft ingediend"
        year = _direction_year(key, dct, f["tense"])
    elif "tense" in f and key is not None:
        year = _nearest_year(key, dct)
    else:
        year = dct.year

    if year is not None and not 1 <= year <= 9999:
        raise ValueError(year)
    if "day" in f:
        if year is not None and not valid_day(year, *key):
            return INVALID
        value = None if year is None else f"{year:04d}-{key[0]:02d}-{key[1]:02d}"
    elif year is None:
        value = None
    elif "week" in f:
        if not 1 <= f["week"] <= dt.date(year, 12, 28).isocalendar()[1]:
            return INVALID
        value = f"{year:04d}-W{f['week']:02d}"
    elif "month" in f:
        value = f"{year:04d}-{f['month']:02d}"
    elif "season" in f:
        value = f"{year:04d}-{f['season']}"
    elif "quarter" in f:
        value = f"{year:04d}-Q{f['quarter']}"
    elif "half" in f:
        value = f"{year:04d}-H{f['half']}"
    elif "holiday" in f:
        value = holiday_date(cal["holidays"][f["holiday"]], year).isoformat()
    else:
        value = f"{year:04d}"
    return value, typ, mod, None
