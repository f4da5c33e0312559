"""`passage retention purge`: what is due goes, what is held stays, counts and chain hold."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.test import override_settings
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.models import AuditEvent
from passage.core.problems import ProblemError
from passage.crossings import services as crossings
from passage.crossings.choices import Decision, Direction
from passage.crossings.models import Crossing
from passage.reference.services import load_refusal_grounds
from passage.retention import services
from passage.retention.models import Deletion, PurgeRun
from passage.retention.schedule import Kind, periods
from passage.statistics import services as statistics
from passage.statistics.models import Cube, Fact
from passage.stay.models import OverstayCase
from passage.travellers.models import TravelDocument, Traveller
from passage.travellers.services import Identity

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    """Today, read when a test runs: a date read at import is a day behind the app's when
    the suite runs across midnight."""
    return dt.date.today()


# Three years and a few days on: exits and refusals of today are due, open entries not.


def _after_exits() -> dt.date:
    """A day past the three years after the exits, read when a test runs."""
    return _today() + dt.timedelta(days=3 * 365 + 10)


def _identity(number: str, surname: str) -> Identity:
    return Identity(
        primary_name=surname,
        secondary_name="ANNA",
        sex="F",
        birth_year=1980,
        birth_month=3,
        birth_day=4,
        nationality="UTO",
        issuing_state="UTO",
        number=number,
        expiry_date=timezone.localdate() + dt.timedelta(days=900),
    )


def _cross(personas, number, surname, direction=Direction.ENTRY, decision=Decision.ADMITTED):
    return crossings.record_crossing(
        personas.officer,
        personas.post,
        crossings.CrossingInput(
            direction=direction,
            identity=_identity(number, surname),
            decision=decision,
            refusal_grounds=["E"] if decision == Decision.REFUSED else [],
        ),
    ).crossing


@pytest.fixture
def people(personas):
    load_refusal_grounds(None)
    a_in = _cross(personas, "A0000001", "ALPHA")
    a_out = _cross(personas, "A0000001", "ALPHA", Direction.EXIT)
    b_in = _cross(personas, "B0000002", "BRAVO")
    _cross(personas, "B0000002", "BRAVO", Direction.EXIT)
    c_in = _cross(personas, "C0000003", "CHARLIE")  # still inside: five years
    d_in = _cross(personas, "D0000004", "DELTA", decision=Decision.REFUSED)
    assert a_out.closes_id == a_in.pk
    return {
        "alpha": a_in.traveller_id,
        "bravo": b_in.traveller_id,
        "charlie": c_in.traveller_id,
        "delta": d_in.traveller_id,
        "alpha_crossings": [a_in.pk, a_out.pk],
    }


def _facts() -> dict[str, int]:
    return {
        cube: Fact.objects.filter(cube=cube).aggregate(n=Sum("count"))["n"] or 0
        for cube in Cube.values
    }


@override_settings(PASSAGE_STATS_SETTLE_SECONDS=0)
def test_dry_run_says_what_would_go_and_changes_nothing(people, personas):
    services.place_hold(personas.dpo, people["bravo"], reason="court order 12/2026")
    before = (Crossing.objects.count(), AuditEvent.objects.count())
    out = StringIO()
    call_command(
        "retention", "purge", "--dry-run", "--as-of", _after_exits().isoformat(), stdout=out
    )
    text = out.getvalue()
    assert "would delete" in text
    assert "crossings: 5" in text  # alpha's two, delta's refusal, and the two persons
    assert "kept (legal hold): 1 persons" in text
    assert (Crossing.objects.count(), AuditEvent.objects.count()) == before
    assert not PurgeRun.objects.exists()


@override_settings(PASSAGE_STATS_SETTLE_SECONDS=0)
def test_purge_deletes_what_is_due_keeps_what_is_held_and_the_chain_verifies(people, personas):
    services.place_hold(personas.dpo, people["bravo"], reason="court order 12/2026")
    about_alpha = AuditEvent.objects.filter(
        object_id__in=[str(c) for c in people["alpha_crossings"]]
    )
    assert about_alpha.exclude(object_repr="").exists()
    result = services.purge(None, _after_exits())
    # Alpha (entry and exit) and Delta (refused) are gone, person and document included.
    assert not Traveller.objects.filter(pk__in=[people["alpha"], people["delta"]]).exists()
    assert not TravelDocument.objects.filter(number__in=["A0000001", "D0000004"]).exists()
    # Bravo is on hold; Charlie's stay has not ended five years ago.
    assert Traveller.objects.filter(pk__in=[people["bravo"], people["charlie"]]).count() == 2
    assert Crossing.objects.filter(traveller_id=people["bravo"]).count() == 2
    assert result.held == {"legal hold": 1}
    assert result.persons == 2
    assert result.counts[Kind.CROSSINGS] == 2 + 2  # alpha's crossings, two persons
    assert result.counts[Kind.INSPECTIONS] == 1  # delta's refusal
    assert result.counts[Kind.DOCUMENTS] == 2
    # The audit events about alpha lost their payload, kept their place, and verify.
    assert about_alpha.exists()
    assert set(about_alpha.values_list("object_repr", "data", "message")) == {("", "", "")}
    check = audit.verify()
    assert check.ok, check.reason
    assert check.purged >= result.counts[Kind.AUDIT] > 0
    run = PurgeRun.objects.get()
    assert run.status == PurgeRun.Status.FINISHED and run.total == sum(result.counts.values())
    assert services.purged_counts(_today(), _today() + dt.timedelta(days=1))[Kind.CROSSINGS] == 4
    deletion = Deletion.objects.get()
    assert set(deletion.crossings) >= {str(c) for c in people["alpha_crossings"]}
    # Tampering after the purge is still caught: a purged event's envelope changed.
    seq = about_alpha.first().seq
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_auditevent SET actor_name = 'someone' WHERE seq = %s", [seq]
        )
    assert audit.verify().broken_seq == seq


@override_settings(PASSAGE_STATS_SETTLE_SECONDS=0)
def test_published_counts_do_not_change_when_records_are_purged(people, personas):
    statistics.refresh(None, settle=0)
    published = _facts()
    assert published[Cube.DAILY] == Crossing.objects.count()
    services.purge(None, _after_exits())
    statistics.refresh(None, settle=0)
    assert _facts() == published
    # A correction to a kept crossing of the same month recounts nothing that was final.
    kept = Crossing.objects.filter(traveller_id=people["charlie"]).get()
    crossings.amend_crossing(personas.supervisor, kept, {"purpose": "business"}, "typo")
    statistics.refresh(None, settle=0)
    assert _facts()[Cube.DAILY] == published[Cube.DAILY]
    with pytest.raises(ValueError, match="final"):
        statistics.refresh(None, settle=0, rebuild=True)


@override_settings(PASSAGE_STATS_SETTLE_SECONDS=0)
def test_an_open_overstay_case_holds_the_person_five_years_on(people):
    entry = Crossing.objects.get(traveller_id=people["charlie"])
    OverstayCase.objects.create(entry=entry, authorised_until=_today())
    result = services.purge(None, _today() + dt.timedelta(days=6 * 365))
    assert result.held.get("open overstay case") == 1
    assert Traveller.objects.filter(pk=people["charlie"]).exists()


def test_an_entry_never_closed_is_due_five_years_on_with_a_warning_before(people):
    charlie = Crossing.objects.filter(traveller_id=people["charlie"])
    five = periods()["after_stay_without_exit_days"]
    assert (
        not services.due_crossings(_today() + dt.timedelta(days=five - 1))
        .filter(pk__in=charlie)
        .exists()
    )
    assert (
        services.due_crossings(_today() + dt.timedelta(days=five + 1))
        .filter(pk__in=charlie)
        .exists()
    )


def test_schedule_is_configurable_per_agency(people):
    with override_settings(PASSAGE_RETENTION={"after_exit_days": 30}):
        assert periods()["after_exit_days"] == 30
        due = services.due_crossings(_today() + dt.timedelta(days=31))
        assert set(due.values_list("pk", flat=True)) >= set(people["alpha_crossings"])
    with override_settings(PASSAGE_RETENTION={"after_exit": 30}), pytest.raises(ValueError):
        periods()


def test_bad_as_of_is_refused_naming_the_option(db):
    with pytest.raises(CommandError, match="--as-of"):
        call_command("retention", "purge", "--as-of", "2029-02-30")


@override_settings(PASSAGE_STATS_SETTLE_SECONDS=0)
def test_purge_as_json_is_audited_from_start_to_end(people):
    out = StringIO()
    call_command("retention", "purge", "--json", "--as-of", _after_exits().isoformat(), stdout=out)
    result = json.loads(out.getvalue())
    assert result["persons"] == 3  # nobody holds bravo here
    actions = list(
        AuditEvent.objects.filter(action="retention_purged").values_list("data", flat=True)
    )
    assert len(actions) >= 3  # started, a batch, finished
    assert '"finished":true' in actions[-1]


# --- erasure ------------------------------------------------------------------------------


@override_settings(PASSAGE_STATS_SETTLE_SECONDS=0)
def test_erasure_removes_a_person_at_once_and_queues_it_for_the_posts(people, personas):
    erased = services.erase_person(
        personas.dpo, people["charlie"], reason="erasure request granted", reference="SAR-7"
    )
    assert not Traveller.objects.filter(pk=people["charlie"]).exists()
    assert erased.counts[Kind.CROSSINGS] == 2  # the entry and the person
    deletion = Deletion.objects.get(seq=erased.deletion)
    assert deletion.reason == Deletion.Reason.ERASURE
    assert str(people["charlie"]) in deletion.travellers
    event = AuditEvent.objects.filter(action="person_erased").get()
    assert event.message == "erasure request granted"
    assert audit.verify().ok


def test_erasure_of_someone_held_or_unknown_is_refused_naming_the_field(people, personas):
    services.place_hold(personas.dpo, people["bravo"], reason="inquiry")
    with pytest.raises(ProblemError) as held:
        services.erase_person(personas.dpo, people["bravo"], reason="asked")
    assert "legal hold" in held.value.problems["traveller"]
    with pytest.raises(ProblemError) as missing:
        services.erase_person(personas.dpo, "0190a0a0-0000-7000-8000-000000000000", reason="x")
    assert missing.value.problems["traveller"] == "no such traveller"
    with pytest.raises(ProblemError) as no_reason:
        services.erase_person(personas.dpo, people["charlie"], reason=" ")
    assert "reason" in no_reason.value.problems
    assert Traveller.objects.filter(pk=people["charlie"]).exists()


# --- at a post ----------------------------------------------------------------------------


def test_a_post_applies_deletions_and_keeps_a_person_with_a_crossing_hq_has_not_seen(
    people, personas
):
    alpha_crossings = [str(c) for c in people["alpha_crossings"]]
    # Charlie's entry is listed, but the post recorded Charlie's exit since: HQ has not
    # seen it, and it closes the entry.
    charlie_entry = str(Crossing.objects.get(traveller_id=people["charlie"]).pk)
    _cross(personas, "C0000003", "CHARLIE", Direction.EXIT)
    with transaction.atomic():
        rows = services.apply_deletions(
            None,
            [
                {
                    "seq": 1,
                    "reason": "retention",
                    "crossings": [*alpha_crossings, charlie_entry],
                    "travellers": [str(people["alpha"]), str(people["charlie"])],
                }
            ],
        )
    assert rows > 0
    assert not Traveller.objects.filter(pk=people["alpha"]).exists()
    assert Traveller.objects.filter(pk=people["charlie"]).exists()
    # The entry stays with the exit that closes it until HQ lists both.
    assert Crossing.objects.filter(traveller_id=people["charlie"]).count() == 2
    assert audit.verify().ok
    # Applied twice (a page pulled again): nothing more happens.
    with transaction.atomic():
        again = services.apply_deletions(None, [{"seq": 1, "crossings": alpha_crossings}])
    assert again == 0


def test_the_next_purge_date_is_the_first_day_a_record_falls_due(people):
    dates = services.next_purge_dates(_today())
    first = dates[Kind.CROSSINGS]
    assert first is not None
    assert services.due_crossings(first).exists()
    assert not services.due_crossings(first - dt.timedelta(days=1)).exists()


@override_settings(PASSAGE_STATS_SETTLE_SECONDS=0)
def test_a_person_another_record_still_needs_is_reported_and_the_others_go(people, monkeypatch):
    """A dependent the purge does not know (another app's model) makes the batch roll
    back; its persons are retried one by one and only the one that fails is kept."""
    real = services.delete_records

    def needing_alpha(crossing_ids, traveller_ids, on, **kw):
        deleted = real(crossing_ids, traveller_ids, on, **kw)
        if str(people["alpha"]) in deleted.traveller_ids:
            raise IntegrityError("FOREIGN KEY constraint failed (another app's record)")
        return deleted

    monkeypatch.setattr(services, "delete_records", needing_alpha)
    result = services.purge(None, _after_exits())
    assert list(result.blocked) == [str(people["alpha"])]
    assert Traveller.objects.filter(pk=people["alpha"]).exists()
    assert Crossing.objects.filter(traveller_id=people["alpha"]).count() == 2
    assert not Traveller.objects.filter(pk__in=[people["bravo"], people["delta"]]).exists()
    assert PurgeRun.objects.get().blocked == 1
    assert audit.verify().ok
