"""Document metadata from the text (issue 14 item 7): meta.doc_type from the heading,
meta.date from a debate heading, and a meta.date given in another form than ISO."""

import json

import pytest

from pipeline.io.readers import read_inputs
from pipeline.common.timex import given_date

DOC_TYPES = [
    ("36 410 Nationale veiligheid\nNr. 5 VERSLAG VAN EEN COMMISSIEDEBAT\nVastgesteld 10 juli 2024\n"
     "De vaste commissie heeft overleg gevoerd over de brief van de Minister van 3 mei 2024.", "verslag_commissiedebat"),
    ("Nr. 12 VERSLAG VAN EEN ALGEMEEN OVERLEG\nVastgesteld 2 maart 2016\nDe commissie sprak over de brief van de minister.",
     "verslag_commissiedebat"),
    ("Verslag van een commissiedebat, gehouden op 12 juni 2024, over ongewenste buitenlandse inmenging.",
     "verslag_commissiedebat"),
    ("Nr. 8 VERSLAG VAN EEN SCHRIFTELIJK OVERLEG\nVastgesteld 4 april 2023\nIn de brief van de minister staat dat.",
     "schriftelijk_overleg"),
    ("Nr. 31 LIJST VAN VRAGEN EN ANTWOORDEN\nVastgesteld 4 april 2023\nDe vaste commissie heeft vragen gesteld.",
     "schriftelijk_overleg"),
    ("Nr. 14 MOTIE VAN HET LID SJOERDSMA C.S.\nVoorgesteld 12 juni 2024\nDe Kamer,\ngehoord de beraadslaging,\n"
     "constaterende dat in de brief van de minister staat dat diasporagemeenschappen onder druk staan,", "motie"),
    ("MOTIE VAN DE LEDEN ELLIAN EN MUTLUER\nDe Kamer,\ngehoord de beraadslaging,", "motie"),
    ("Antwoord van Minister Yeşilgöz-Zegerius (Justitie en Veiligheid) (ontvangen 4 juli 2024)\n"
     "Vraag 1 Heeft u kennisgenomen van de brief van de burgemeester?", "antwoord"),
    ("Onderwerp\nBeantwoording Kamervragen van het lid Van Baarle over desinformatie", "antwoord"),
    ("Nr. 3 BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID\nAan de Voorzitter van de Tweede Kamer\n"
     "Den Haag, 3 mei 2024\nIn antwoord op vragen van het lid Kops stuur ik u deze brief.", "brief"),
    ("Handelingen Tweede Kamer, vergadering van 12 juni 2024\nOngewenste buitenlandse inmenging\n"
     "Aan de orde is het debat over ongewenste buitenlandse inmenging.", "handelingen"),
    ("Stemmingen moties\nAan de orde zijn de stemmingen over moties, ingediend bij het debat.", "handelingen"),
]


@pytest.mark.parametrize("text, doc_type", DOC_TYPES, ids=[t[1] + str(i) for i, t in enumerate(DOC_TYPES)])
def test_doc_type_from_the_heading(annotate, text, doc_type):
    assert annotate(text).meta.get("doc_type") == doc_type


def test_a_body_that_mentions_a_letter_is_no_letter(annotate):
    text = "De Kamer spreekt vandaag over de brief van de minister van 3 mei 2024 en de antwoorden."
    assert annotate(text).meta.get("doc_type") is None


HEADING_DATES = [
    ("Handelingen Tweede Kamer, vergadering van 12 juni 2024\nAan de orde is het debat.", "2024-06-12"),
    ("Vergadering van woensdag 3 april 2019\nDe voorzitter: Ik open de vergadering.", "2019-04-03"),
    ("Verslag van een commissiedebat, gehouden op 12 juni 2024, over desinformatie.", "2024-06-12"),
    ("Wij spraken in de vergadering van 12 juni 2024 over dit onderwerp.", None),  # the body, not a heading
]


@pytest.mark.parametrize("text, date", HEADING_DATES)
def test_debate_heading_gives_the_document_date(annotate, text, date):
    assert annotate(text).meta.get("date") == date


GIVEN = [
    ("2019-06-14", "2019-06-14"),
    ("2019-06-14T10:00:00", "2019-06-14"),
    ("14-06-2019", "2019-06-14"),
    ("14/6/2019", "2019-06-14"),
    ("14.06.2019", "2019-06-14"),
    ("07-07-2019", "2019-07-07"),
    ("2019/06/14", "2019-06-14"),
    ("06-07-2019", None),    # 6 July or June 7
    ("06-14-2019", None),    # month-day-year is not read
    ("31-02-2019", None),
    ("14 juni", None),
    ("gisteren", None),
]


@pytest.mark.parametrize("value, iso", GIVEN)
def test_given_date_is_read_only_when_unambiguous(value, iso):
    found, why = given_date(value)
    assert found == iso
    assert (why is None) == (iso is not None)


def test_a_readable_given_date_resolves_relative_dates(annotate):
    record = annotate("Ik stuur u de brief volgende week.", date="14-06-2019")
    assert record.meta["date"] == "2019-06-14" and record.meta["date_given"] == "14-06-2019"
    assert [s["attrs"]["value"] for s in record.spans if s["label"] == "DATE"] == ["2019-W25"]


def test_an_ambiguous_given_date_goes_to_the_errors_file(tmp_path):
    source = tmp_path / "docs.jsonl"
    lines = [{"id": "a", "text": "Den Haag, 3 mei 2024\nIk stuur u de brief voor 1 juli.", "meta": {"date": "06-07-2019"}},
             {"id": "b", "text": "Geen datum hier.", "meta": {"date": "2019-06-14"}}]
    source.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    items = list(read_inputs([source]))
    error, first, second = items
    assert error.source.endswith("docs.jsonl") and error.line == 1 and "'06-07-2019' is ambiguous" in error.reason and "'a'" in error.reason
    assert first.meta == {"date_given": "06-07-2019"} and second.meta == {"date": "2019-06-14"}


def test_the_cli_annotates_the_document_and_reports_its_date(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    source = tmp_path / "docs.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "Den Haag, 3 mei 2024\nIk stuur u de brief voor 1 juli.",
                                  "meta": {"date": "06-07-2019"}}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["annotate", str(source), "--out", str(out)])
    assert result.exit_code == 1  # a document with a problem: the errors file says which
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["meta"]["date"] == "2024-05-03" and record["meta"]["date_given"] == "06-07-2019"
    assert [s["attrs"]["value"] for s in record["spans"] if s["label"] == "DATE"] == ["2024-05-03", "2024-07-01"]
    errors = [json.loads(line) for line in (tmp_path / "out.jsonl.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(errors) == 1 and "06-07-2019" in errors[0]["reason"]
