"""DOSSIER_REF on references as sources write them (issue 14 item 3): plural numbers and lists
in every kind, and capitalisation slips. Each string: the span text and the ids of its refs.
Strings written for these tests."""

import pytest

CASES = [
    # Aanhangsel: lists of numbers, "vergaderjaar" sessions, capitals
    ("Aanhangsel Handelingen, vergaderjaar 2024–2025, nrs. 1016 en 1044",
     ["ah-tk-20242025-1016", "ah-tk-20242025-1044"]),
    ("Aanhangsel Handelingen II 2023/24, nrs. 1028, 1029 en 1030",
     ["ah-tk-20232024-1028", "ah-tk-20232024-1029", "ah-tk-20232024-1030"]),
    ("Aanhangsel Handelingen II 2024/25, nr. 1028", ["ah-tk-20242025-1028"]),
    ("Aanhangsel van de Handelingen, vergaderjaar 2023-2024, nr. 1433", ["ah-tk-20232024-1433"]),
    ("AANHANGSEL HANDELINGEN II 2023/24, NR. 1433", ["ah-tk-20232024-1433"]),
    ("Aanhangsel Handelingen Ii 2023/24, Nr. 387", ["ah-tk-20232024-387"]),
    # Handelingen: items, chamber slips
    ("Handelingen II 2023/24, nr. 45, items 12 en 13", ["h-tk-20232024-45-12", "h-tk-20232024-45-13"]),
    ("Handelingen II 2023/24, nr. 45, items 12, 13 en 14",
     ["h-tk-20232024-45-12", "h-tk-20232024-45-13", "h-tk-20232024-45-14"]),
    ("Handelingen Ii 2022/23, nr. 45, item 12", ["h-tk-20222023-45-12"]),
    ("Handelingen ii 2022/23, nr. 45, item 12", ["h-tk-20222023-45-12"]),
    ("Handelingen II 2022/23, Nr. 45, item 12", ["h-tk-20222023-45-12"]),
    ("Handelingen I 2022/23, nr. 30, item 8", ["h-ek-20222023-30-8"]),
    # Kamerstukken: lists, ranges, capitals
    ("Kamerstuk 30 821, nrs. 180 en 190", ["kst-30821-180", "kst-30821-190"]),
    ("Kamerstukken 30 821, nrs. 180, 185 en 190", ["kst-30821-180", "kst-30821-185", "kst-30821-190"]),
    ("Kamerstukken II 2023/24, 36 410, nrs. 5 t/m 7", ["kst-36410-5", "kst-36410-6", "kst-36410-7"]),
    ("Kamerstuk 36 200 XV, nrs. 97 en 98", ["kst-36200-XV-97", "kst-36200-XV-98"]),
    ("Kamerstukken Ii 2022/23, 30 821, nr. 180", ["kst-30821-180"]),
    ("Kamerstukken ii 2022/23, 30 821, nr. 180", ["kst-30821-180"]),
    ("Kamerstuk 30 821, Nr. 180", ["kst-30821-180"]),
    ("KAMERSTUK 30821, NR. 180", ["kst-30821-180"]),
    ("Kamerstuk 35 228, NRS. 4 EN 6", ["kst-35228-4", "kst-35228-6"]),
    ("Kamerstukken 30 821 en 26 643, nr. 42", ["kst-30821-42"]),
    # Staatsblad family: numbers of one year, and of several
    ("Stb. 2023, 123 en 124", ["stb-2023-123", "stb-2023-124"]),
    ("Stb. 2023, 123, 124 en 125", ["stb-2023-123", "stb-2023-124", "stb-2023-125"]),
    ("Trb. 2012, 227 en 2013, 149", ["trb-2012-227", "trb-2013-149"]),
    ("Stcrt. 2015, 10247", ["stcrt-2015-10247"]),
]


@pytest.mark.parametrize("ref, ids", CASES, ids=[c[0][:40] for c in CASES])
def test_reference_lists_and_slips(annotate, ref, ids):
    text = f"Zie {ref}. Dat is bekend."
    spans = [s for s in annotate(text, date="2024-06-01").spans if s["label"] == "DOSSIER_REF"]
    assert [s["text"] for s in spans] == [ref]
    assert [r["id"] for r in spans[0]["attrs"]["refs"]] == ids


@pytest.mark.parametrize("text", [
    "In 2023, 123 mensen en 124 dieren.",          # no publication word
    "Wij hebben nrs. 1016 en 1044 ontvangen.",      # numbers without a reference word
    "De kamer ii was leeg.",                         # ii without a reference
])
def test_no_reference(annotate, text):
    assert [s["text"] for s in annotate(text, date="2024-06-01").spans if s["label"] == "DOSSIER_REF"] == []
