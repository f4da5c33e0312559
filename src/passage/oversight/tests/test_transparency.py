"""The transparency report through its page, its exports and its command: counts only,
small ones withheld through the statistics' disclosure path, HXL that HXL tools read."""

from __future__ import annotations

import csv
import io
import zipfile

import hxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.crossings import services as crossings
from passage.oversight import transparency
from passage.protection.services import ReferralInput, create_referral
from passage.statistics import services as statistics
from passage.travellers.services import Identity

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year

# What the published HXL must be: HXL's own schema language, checked by libhxl.
HXL_SCHEMA = [
    ["#valid_tag", "#valid_required", "#valid_datatype", "#valid_value+list"],
    ["#date+year", "true", "number", ""],
    [
        "#indicator+code",
        "true",
        "",
        "refusals|referrals|alert_hits|overstays|identity_links|requests|purged",
    ],
    ["#meta+row", "true", "", ""],
    ["#meta+column", "true", "", ""],
    ["#indicator+value+num", "", "number", ""],
]


def _refuse(p, point, ground: str, n: int, start: int) -> None:
    officer = p.officer if point == p.post else p.officer_elsewhere
    for i in range(start, start + n):
        identity = Identity(
            primary_name="MENSAH",
            secondary_name="KOFI " + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 26] * (1 + i // 26),
            number=f"R{i:07d}",
            issuing_state="UTO",
        )
        crossings.record_crossing(
            officer,
            point,
            crossings.CrossingInput(
                "entry", identity, decision="refused", refusal_grounds=[ground]
            ),
        )


@pytest.fixture
def year_of_work(protection):
    """Six refusals on ground E at TST-AIR, one on ground A at TST-LAND, one referral."""
    p = protection
    _refuse(p, p.post, "E", 6, 0)
    _refuse(p, p.other_post, "A", 1, 100)
    from passage.protection.tests.test_workflow import _flag

    create_referral(
        p.protection,
        _flag(p),
        ReferralInput(service="asylum", provider=p.legal_provider.pk, consent="given"),
    )
    statistics.refresh(settle=0)
    return p


def _sections() -> dict[str, transparency.Section]:
    return {s.key: s for s in transparency.report(YEAR)}


def test_small_counts_are_withheld_with_whatever_gives_them_back(year_of_work):
    refusals = _sections()["refusals"].table
    rows = [code for code, _label in refusals.rows]
    columns = [code for code, _label in refusals.columns]
    assert rows == ["A", "E"] and columns == ["TST-AIR", "TST-LAND"]
    cells = refusals.published.cells
    assert cells[rows.index("A")][columns.index("TST-LAND")] is None  # 1: withheld
    # The grand total (7) less the published 6 would give the 1 back: withheld too.
    assert refusals.published.total is None
    referrals = _sections()["referrals"].table
    asylum = [code for code, _l in referrals.rows].index("asylum")
    assert referrals.values[asylum] == [1]
    assert referrals.published.cells[asylum] == [None]


def test_a_section_whose_app_is_absent_counts_zero_and_says_why(personas):
    absent = transparency.OptionalSource(
        "links",
        "Links",
        "nosuchapp.Link",
        "decided_at",
        (transparency.Column("confirmed", "Confirmed"),),
        absent="Links are not recorded by this installation yet.",
    )
    section = transparency.optional(absent, YEAR)
    assert not section.available
    assert section.note == "Links are not recorded by this installation yet."
    assert section.table.values == [[0]]
    # The report always has the three optional sections, counted or explained.
    sections = _sections()
    for key in ("identity_links", "requests", "purged"):
        assert sections[key].available or sections[key].note


def test_page_is_the_dpos_and_audited(client, year_of_work):
    p = year_of_work
    client.force_login(p.dpo)
    page = client.get("/oversight/transparency/", {"year": YEAR})
    assert page.status_code == 200
    body = page.content.decode()
    assert "Refusals by ground and crossing point" in body
    identity = _sections()["identity_links"]
    assert identity.available or "Identity links are not recorded" in body
    assert 'title="withheld">x</abbr>' in body
    assert "MENSAH" not in body
    event = AuditEvent.objects.filter(action=AuditAction.TRANSPARENCY_PUBLISHED).latest("seq")
    assert event.actor_id == str(p.dpo.pk) and event.object_id == str(YEAR)


@pytest.mark.parametrize("year", ["abcd", "1999", str(YEAR + 1), "20 26"])
def test_a_bad_year_is_a_400_naming_the_field(client, personas, year):
    client.force_login(personas.dpo)
    page = client.get("/oversight/transparency/", {"year": year})
    assert page.status_code == 400 and 'aria-invalid="true"' in page.content.decode()
    export = client.get(f"/oversight/transparency/{year}.csv")
    assert export.status_code == 400 and "year" in export.content.decode()


def test_csv_export_is_publishable_as_is(client, year_of_work):
    client.force_login(year_of_work.dpo)
    answer = client.get(f"/oversight/transparency/{YEAR}.csv")
    assert answer.status_code == 200
    assert answer["Content-Disposition"].endswith(f'passage-transparency-{YEAR}.csv"')
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    flat = [cell for row in rows for cell in row]
    assert "Refusals by ground and crossing point" in flat
    # 6 refusals on E at TST-AIR published; the lone A at TST-LAND withheld.
    e_row = next(r for r in rows if len(r) > 2 and r[0].startswith("E "))
    a_row = next(r for r in rows if len(r) > 2 and r[0].startswith("A "))
    assert e_row[1] == "6" and a_row[2] == "x"
    assert client.get(f"/oversight/transparency/{YEAR}.pdf").status_code == 400


def test_hxl_export_validates_with_libhxl(client, year_of_work):
    client.force_login(year_of_work.dpo)
    answer = client.get(f"/oversight/transparency/{YEAR}.hxl")
    assert answer.status_code == 200
    data = hxl.data(io.BytesIO(answer.content))
    assert data.display_tags == list(transparency.HXL_TAGS)
    report = hxl.validate(hxl.data(io.BytesIO(answer.content)), hxl.schema(HXL_SCHEMA))
    assert report["is_valid"], report
    counts = {
        (row.get("#indicator+code"), row.get("#meta+row"), row.get("#meta+column")): row.get(
            "#indicator+value"
        )
        for row in hxl.data(io.BytesIO(answer.content))
    }
    assert counts[("refusals", "E", "TST-AIR")] == "6"
    assert counts[("refusals", "A", "TST-LAND")] is None  # withheld: an empty cell
    # A section this installation does not keep is left out.
    kept = {s.key for s in _sections().values() if s.available}
    assert {key[0] for key in counts} <= kept
    # A broken export would fail the same schema: a count that is not a number.
    broken = answer.content + f"{YEAR},refusals,E,TST-AIR,six\r\n".encode()
    assert not hxl.validate(hxl.data(io.BytesIO(broken)), hxl.schema(HXL_SCHEMA))["is_valid"]


def test_xlsx_export_opens_as_a_workbook(client, year_of_work):
    client.force_login(year_of_work.dpo)
    answer = client.get(f"/oversight/transparency/{YEAR}.xlsx")
    assert answer.status_code == 200
    book = zipfile.ZipFile(io.BytesIO(answer.content))
    strings = book.read("xl/sharedStrings.xml").decode()
    assert "Refusals by ground and crossing point" in strings


def test_command_needs_the_dpo_and_is_audited(year_of_work, tmp_path):
    out = io.StringIO()
    call_command("transparency", "--year", str(YEAR), "--as", "dpo", "--format", "hxl", stdout=out)
    assert out.getvalue().splitlines()[1] == ",".join(transparency.HXL_TAGS)
    event = AuditEvent.objects.filter(action=AuditAction.TRANSPARENCY_PUBLISHED).latest("seq")
    assert event.actor_id == str(year_of_work.dpo.pk) and "command hxl" in event.message
    target = tmp_path / "report.xlsx"
    call_command(
        "transparency", "--year", str(YEAR), "--as", "dpo", "--format", "xlsx", "--out", str(target)
    )
    assert zipfile.is_zipfile(target)
    for who in ("officer", "analyst", "nobody"):
        with pytest.raises(CommandError, match="--as"):
            call_command("transparency", "--year", str(YEAR), "--as", who)
    with pytest.raises(CommandError, match="--year"):
        call_command("transparency", "--year", "nineteen", "--as", "dpo")


def test_an_optional_section_counts_once_its_model_is_there(year_of_work):
    """Switching a section on is an entry in ``OPTIONAL``: here pointed at a model this
    installation has (referrals), and then at a field that model lacks."""
    from django.db.models import Q

    source = transparency.OptionalSource(
        "made",
        "Referrals made",
        "protection.Referral",
        "created_at",
        (
            transparency.Column("all", "All"),
            transparency.Column("given", "With consent", Q(consent="given")),
        ),
    )
    section = transparency.optional(source, YEAR)
    assert section.available and section.note == ""
    assert section.table.values == [[1, 1]]
    assert section.table.published.cells == [[None, None]]  # one referral: withheld
    wrong = transparency.OptionalSource(
        "made", "Referrals made", "protection.Referral", "decided_on", source.columns
    )
    section = transparency.optional(wrong, YEAR)
    assert not section.available and "decided_on" in section.note
    assert section.table.values == [[0, 0]]
