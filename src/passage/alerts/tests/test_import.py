"""Importing alert lists: formats, all-or-nothing, versions, limits, the command."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.alerts import services
from passage.alerts.formats import country_code
from passage.alerts.models import AlertEntry
from passage.core.problems import ProblemError

from .lists import import_lines, make_list

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


def test_un_consolidated_list_xml(reference_data):
    un = make_list("UN consolidated", action="refuse")
    version, warnings = services.import_entries(
        None, un, "un-xml", (FIXTURES / "un_sample.xml").read_bytes(), file_name="un.xml"
    )
    assert version.number == 1 and version.entries == 2
    khalid = AlertEntry.objects.get(reference="QDi.901")
    assert khalid.names == ["KHALID ABDULLAH AL-MANSOURI", "Khaled Abdallah al-Mansuri"]
    assert khalid.original_names == ["خالد عبد الله المنصوري"]
    assert "Abu Khalid" not in khalid.names  # low-quality alias left out
    assert khalid.birth_dates == ["1975-02-14", "1974"]
    assert khalid.nationalities == ["YEM"]
    assert khalid.documents == [{"type": "Passport", "number": "01234567", "issuing_state": "YEM"}]
    assert "facilitator" in khalid.reason
    ivan = AlertEntry.objects.get(reference="KPi.902")
    assert ivan.birth_dates == ["1960", "1961", "1962"] and ivan.nationalities == ["RUS"]
    assert any("Atlantis" in str(w) for w in warnings)
    event = AuditEvent.objects.get(action=AuditAction.IMPORT, object_type="alerts.alertlistversion")
    assert '"entries":2' in event.data and '"skipped":1' in event.data


def test_opensanctions_ftm_persons_only(reference_data):
    ftm = make_list("OpenSanctions")
    version, warnings = services.import_entries(
        None, ftm, "ftm", (FIXTURES / "ftm_sample.jsonl").read_bytes()
    )
    assert version.entries == 2
    maria = AlertEntry.objects.get(reference="NK-test-001")
    assert maria.names == ["Maria Gonzalez Ruiz", "María González"]
    assert maria.original_names == ["Мария Гонсалес"]
    assert maria.nationalities == ["VEN"] and maria.birth_dates == ["1982-07-09"]
    assert maria.documents[0]["number"] == "V12345678"
    chen = AlertEntry.objects.get(reference="NK-test-003")
    assert chen.birth_dates == ["1970"] and chen.nationalities == ["CHN"]
    assert {w.field for w in warnings} == {"properties.birthDate", "properties.nationality"}


def test_csv_persons_and_documents(reference_data):
    persons = make_list("Refusals", action="refuse")
    csv_text = (
        "reference,names,birth_dates,nationalities,documents,action,reason\n"
        'R-1,"Jean Dupont|Jean-Pierre Dupont",1980-01|,FRA,FRA:12AB34567,,overstayed twice\n'
    )
    services.import_entries(None, persons, "csv", csv_text.encode())
    entry = AlertEntry.objects.get(reference="R-1")
    assert entry.names == ["Jean Dupont", "Jean-Pierre Dupont"] and entry.birth_dates == ["1980-01"]
    assert entry.documents == [{"type": "", "number": "12AB34567", "issuing_state": "FRA"}]
    assert entry.effective_action == "refuse"
    docs = make_list("Lost", kind="documents")
    services.import_entries(
        None,
        docs,
        "csv",
        b"issuing_state,document_number,status\nDEU,C01X00T47,lost\nUTO,L898902C3,revoked\n",
    )
    assert set(
        AlertEntry.objects.filter(alert_list=docs).values_list("issuing_state", flat=True)
    ) == {"D", "UTO"}


def test_a_bad_line_imports_nothing_and_names_line_and_field(reference_data):
    persons = make_list("Refusals")
    csv_text = (
        "reference,names,birth_dates,nationalities\n"
        "R-1,Jean Dupont,1980-01-01,FRA\n"
        "R-2,,1980,FRA\n"
        "R-3,Ana Lima,1980-02-30,XYZ\n"
    )
    with pytest.raises(ProblemError) as caught:
        services.import_entries(None, persons, "csv", csv_text.encode())
    problems = caught.value.problems
    assert problems["line 3: names"] == "a person needs at least one name"
    assert "day 30" in problems["line 4: birth_dates"]
    assert "XYZ" in problems["line 4: nationalities"]
    assert not AlertEntry.objects.exists() and not persons.versions.exists()


@pytest.mark.parametrize(
    ("fmt", "data", "key"),
    [
        ("jsonl", b'{"names": ["A B"]}\n{not json\n', "line 2: line"),
        ("jsonl", b'{"names": ["A B"], "action": "shoot"}\n', "line 1: action"),
        (
            "jsonl",
            b'{"reference": "X", "names": ["A"]}\n{"reference": "X", "names": ["B"]}\n',
            "line 2: reference",
        ),
        (
            "un-xml",
            b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>",
            "INDIVIDUAL 1 (DATAID 1): FIRST_NAME",
        ),
        ("un-xml", b"<html></html>", "file: xml"),
        (
            "ftm",
            b'{"id": "x", "schema": "Person", "properties": {"name": "not a list"}}\n',
            "line 1: properties.name",
        ),
        ("csv", b"\xff\xfe", "byte 0: file"),
        ("csv", b"reference,birth_dates\nR,1970\n", "line 1: header"),
    ],
)
def test_bad_input_is_refused_with_its_place(reference_data, fmt, data, key):
    persons = make_list("P")
    with pytest.raises(ProblemError) as caught:
        services.import_entries(None, persons, fmt, data)
    assert key in caught.value.problems, caught.value.problems
    assert not AlertEntry.objects.exists()


def test_xml_entity_expansion_is_refused(reference_data):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol2;</FIRST_NAME>"
        b"</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    )
    with pytest.raises(ProblemError) as caught:
        services.import_entries(None, make_list("UN"), "un-xml", bomb)
    assert "file: xml" in caught.value.problems


def test_oversized_files_are_refused_clearly(reference_data, settings):
    settings.PASSAGE_ALERT_IMPORT_MAX_BYTES = 100
    with pytest.raises(ProblemError) as caught:
        services.import_entries(None, make_list("P"), "jsonl", b"x" * 101)
    assert "limit is 100" in caught.value.problems["file"]
    settings.PASSAGE_ALERT_IMPORT_MAX_ENTRIES = 1
    with pytest.raises(ProblemError) as caught:
        services.import_entries(
            None, make_list("Q"), "jsonl", b'{"names":["A"]}\n{"names":["B"]}\n'
        )
    assert "more than 1 entries" in caught.value.problems["file"]


def test_each_import_is_a_new_version_replacing_or_appending(reference_data):
    persons = make_list("P")
    v1 = import_lines(persons, [{"reference": "A", "names": ["Alpha One"]}])
    v2 = import_lines(persons, [{"reference": "B", "names": ["Beta Two"]}])
    assert (v1.number, v2.number) == (1, 2)
    assert list(v1.live_entries().values_list("reference", flat=True)) == ["A"]
    assert list(v2.live_entries().values_list("reference", flat=True)) == ["B"]
    v3 = import_lines(persons, [{"reference": "C", "names": ["Gamma Three"]}], replace=False)
    assert sorted(v3.live_entries().values_list("reference", flat=True)) == ["B", "C"]
    persons.refresh_from_db()
    assert persons.active_version == v3 and v3.entries == 2


def test_add_and_withdraw_entries_make_versions_and_are_audited(reference_data, personas):
    persons = make_list("P")
    entry = services.add_entry(
        personas.administrator, persons, {"names": ["Delta Four"], "birth_dates": ["1990"]}
    )
    assert entry.added_in == 1
    with pytest.raises(ProblemError) as caught:
        services.add_entry(personas.administrator, persons, {"names": [], "birth_dates": ["19x"]})
    assert set(caught.value.problems) == {"names", "birth_dates"}
    with pytest.raises(ProblemError):
        services.withdraw_entry(personas.administrator, entry, "  ")
    version = services.withdraw_entry(personas.administrator, entry, "identity clarified")
    entry.refresh_from_db()
    assert (
        entry.withdrawn and entry.withdrawn_by == personas.administrator and entry.removed_in == 2
    )
    assert version.entries == 0
    assert AuditEvent.objects.filter(action=AuditAction.WITHDRAW, object_id=str(entry.pk)).exists()


def test_country_names_and_codes():
    assert country_code("Iran (Islamic Republic of)") == "IRN"
    assert country_code("Germany") == "D" and country_code("de") == "D"
    assert country_code("Syrian Arab Republic") == "SYR"
    assert country_code("Nowhere Land") is None


def test_command_imports_builds_and_reports(reference_data, tmp_path, capsys):
    call_command("alerts", "create", "--list", "UN", "--kind", "persons", "--action", "refuse")
    call_command(
        "alerts", "import", "--list", "UN", "--format", "un-xml", str(FIXTURES / "un_sample.xml")
    )
    out = capsys.readouterr().out
    assert "UN v1: 2 entries; index built" in out
    call_command("alerts", "status")
    assert '"index_built": true' in capsys.readouterr().out
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"names": []}\n')
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("alerts", "import", "--list", "UN", "--format", "jsonl", str(bad))
    assert "line 1: names" in capsys.readouterr().err
    with pytest.raises(CommandError, match="no alert list"):
        call_command("alerts", "import", "--list", "Nope", "--format", "jsonl", str(bad))


def test_a_person_whose_names_cannot_be_read_is_refused_by_field(reference_data):
    """A name in a script the transliteration cannot read (Tifinagh) yields no name parts;
    screened on nothing, the entry would never alert, so the import says so (decision
    250) and stores nothing. Beside a Latin name, the same original is kept."""
    persons = make_list("Refusals")
    csv_text = "reference,names,birth_dates\nR-1,ⵎⵓⵃⵎⴷ,1980\n"
    with pytest.raises(ProblemError) as caught:
        services.import_entries(None, persons, "csv", csv_text.encode())
    assert "Tifinagh" in caught.value.problems["line 2: names"]
    assert not AlertEntry.objects.exists()
    ok = "reference,names,birth_dates\nR-1,Mohamed Ali|ⵎⵓⵃⵎⴷ,1980\n"
    services.import_entries(None, persons, "csv", ok.encode())
    assert AlertEntry.objects.get().original_names == ["ⵎⵓⵃⵎⴷ"]
