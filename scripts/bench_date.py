"""Side-by-side DATE bench on the gold excerpts: the kst_date component, dateparser and
Microsoft Recognizers-Text, each given meta.date only (GUIDELINES.md "Scoring").

    .venv/bin/python scripts/bench_date.py [../shared/gold/dev.jsonl]

Prints, per system: DATE exact-span P/R/F1, value accuracy on the exact matches, documents per
second. The peers are optional bench-only installs (`pip install dateparser
recognizers-text-date-time "emoji<1.0"`); a system that does not import is reported as such.
"""

import datetime as dt
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.components.date.grammar import compile_grammar  # noqa: E402
from pipeline.components.date.matching import find_dates, parse_iso  # noqa: E402
from pipeline.common.rules import read_yaml  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "dev.jsonl"


def kst_system():
    grammar = compile_grammar(read_yaml(ROOT / "configs/date/grammar.yml"), read_yaml(ROOT / "configs/date/calendar.yml"))

    def run(text, dct):
        return [(s["start"], s["end"], s["attrs"]["value"]) for s in find_dates(text, grammar, dct)]

    return "kst_date (this project)", run


def dateparser_system():
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    def run(text, dct):
        settings = {"RELATIVE_BASE": dt.datetime.combine(dct, dt.time()), "PREFER_DATES_FROM": "current_period"}
        parser = DateDataParser(languages=["nl"], settings=settings)
        found, pos = [], 0
        for surface, _ in search_dates(text, languages=["nl"], settings=settings) or []:
            start = text.find(surface, pos)  # search_dates gives strings only: find them in order
            if start < 0:
                continue
            pos = start + len(surface)
            data = parser.get_date_data(surface)
            found.append((start, pos, _format(data.date_obj, data.period)))
        return found

    return "dateparser (search_dates, nl)", run


def _format(when, period):
    if when is None:
        return None
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return when.date().isoformat()


def recognizers_system():
    from recognizers_date_time import DateTimeRecognizer
    from recognizers_text import Culture

    # The Python package registers no Dutch model: Culture.Dutch falls back to English rules.
    model = DateTimeRecognizer(Culture.Dutch).get_datetime_model()
    kinds = {"datetimeV2.date", "datetimeV2.daterange", "datetimeV2.datetime"}

    def run(text, dct):
        found = []
        for r in model.parse(text, dt.datetime.combine(dct, dt.time())):
            if r.type_name in kinds:
                values = (r.resolution or {}).get("values") or [{}]
                found.append((r.start, r.end + 1, values[0].get("timex")))  # end is inclusive there
        return found

    return "Recognizers-Text (Culture.Dutch, English fallback)", run


def score(system, gold, repeat=1):
    tp = fp = fn = same = 0
    elapsed = 0.0
    for record in gold:
        dct = parse_iso(record["meta"].get("date"))
        start = time.perf_counter()
        for _ in range(repeat):
            got = system(record["text"], dct)
        elapsed += (time.perf_counter() - start) / repeat
        got = {(s, e): v for s, e, v in got}
        want = {(s["start"], s["end"]): s["attrs"]["value"] for s in record["spans"] if s["label"] == "DATE"}
        hit = want.keys() & got.keys()
        tp, fp, fn = tp + len(hit), fp + len(got.keys() - hit), fn + len(want.keys() - hit)
        same += sum(want[k] == got[k] for k in hit)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": p, "R": r, "F1": f1, "value_acc": same / tp if tp else 0.0, "docs_per_s": len(gold) / elapsed}


def main(argv):
    gold_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_GOLD
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"{len(gold)} gold excerpts, {sum(s['label'] == 'DATE' for g in gold for s in g['spans'])} DATE spans")
    print(f"{'system':52} {'P':>6} {'R':>6} {'F1':>6} {'value':>6} {'docs/s':>9}")
    for make, repeat in ((kst_system, 20), (dateparser_system, 1), (recognizers_system, 1)):
        try:
            name, system = make()
        except Exception as err:  # an optional peer that is not installed or does not import
            print(f"{make.__name__:52} not available: {type(err).__name__}: {err}")
            continue
        m = score(system, gold, repeat)
        print(f"{name:52} {m['P']:6.3f} {m['R']:6.3f} {m['F1']:6.3f} {m['value_acc']:6.3f} {m['docs_per_s']:9.1f}")


if __name__ == "__main__":
    main(sys.argv)
