"""Access reviews through their pages: what a user read, the unusual flagged, signed off.

Reads are made the way the application makes them (the traveller page, or the
``audit.record_read`` that every page calls), then the data-protection officer's page
is read back.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import PASSWORD
from django.utils import timezone

from passage.accounts import audit
from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.accounts.roles import Role
from passage.accounts.services import create_user
from passage.crossings import services as crossings
from passage.oversight import reviews, services
from passage.oversight.choices import Flag
from passage.oversight.models import AccessReview, WorkingHours
from passage.travellers.services import Identity

pytestmark = pytest.mark.django_db


def _traveller(p, point, number: str):
    identity = Identity(
        primary_name="OKAFOR", secondary_name="ADA", number=number, issuing_state="UTO"
    )
    by = p.officer if point == p.post else p.officer_elsewhere
    return crossings.record_crossing(
        by, point, crossings.CrossingInput("entry", identity)
    ).crossing.traveller


def _period() -> dict[str, str]:
    today = timezone.localdate().isoformat()
    return {"start": today, "end": today}


def _url(user) -> str:
    return f"/oversight/users/{user.pk}/reads/"


def _flags(p, user) -> dict[int, list[str]]:
    today = timezone.localdate()
    found = reviews.review(user, today, today, p.dpo)
    return {r.item.seq: r.flags for r in found.reads}


def test_only_the_data_protection_officer_reviews(client, personas):
    p = personas
    for user in (p.officer, p.supervisor, p.protection, p.administrator, p.analyst):
        client.force_login(user)
        assert client.get("/oversight/reviews/").status_code == 403
        assert client.get(_url(p.officer), _period()).status_code == 403
        assert client.get("/oversight/transparency/").status_code == 403
    client.force_login(p.dpo)
    assert client.get("/oversight/reviews/").status_code == 200
    assert client.get(_url(p.officer), _period()).status_code == 200
    # A user that does not exist is the one "not found".
    missing = "01890a5d-ac96-774b-bcce-b302099a8057"
    assert client.get(f"/oversight/users/{missing}/reads/", _period()).status_code == 404


def test_a_read_of_a_person_never_processed_at_the_users_posts_is_flagged(client, personas):
    p = personas
    local = _traveller(p, p.post, "L0000001")
    foreign = _traveller(p, p.other_post, "F0000001")
    client.force_login(p.officer)
    assert client.get(f"/travellers/{local.pk}/").status_code == 200
    mine = AuditEvent.objects.filter(actor_id=str(p.officer.pk), action="read").latest("seq")
    # The counter shows possible matches from anywhere: a read of a person from elsewhere.
    theirs = audit.record_read(p.officer, foreign, message="possible match shown at the counter")
    flags = _flags(p, p.officer)
    assert Flag.NOT_AT_POSTS not in flags[mine.seq]
    assert Flag.NOT_AT_POSTS in flags[theirs.seq]
    # A crossing record names its traveller: the same rule.
    crossing = foreign.crossings.first()
    via_crossing = audit.record_read(p.officer, crossing, message="crossing record viewed")
    assert Flag.NOT_AT_POSTS in _flags(p, p.officer)[via_crossing.seq]
    # Users of national scope act everywhere: not judged by post.
    national = create_user(
        None, "hq", password=PASSWORD, roles=[Role.SUPERVISOR], national_scope=True
    )
    hq_read = audit.record_read(national, foreign, message="traveller history viewed")
    assert Flag.NOT_AT_POSTS not in _flags(p, national)[hq_read.seq]


def test_bursts_follow_the_threshold_setting(personas, settings):
    p = personas
    traveller = _traveller(p, p.post, "B0000001")
    settings.PASSAGE_REVIEW_BURST_READS = 5
    settings.PASSAGE_REVIEW_BURST_MINUTES = 10
    events = [audit.record_read(p.officer, traveller, message="viewed") for _ in range(4)]
    assert not any(Flag.BURST in f for f in _flags(p, p.officer).values())
    events.append(audit.record_read(p.officer, traveller, message="viewed"))
    flags = _flags(p, p.officer)
    assert all(Flag.BURST in flags[e.seq] for e in events)
    settings.PASSAGE_REVIEW_BURST_READS = 6
    assert not any(Flag.BURST in f for f in _flags(p, p.officer).values())


def test_reads_outside_working_hours_are_flagged_user_hours_before_post_hours(personas):
    p = personas
    traveller = _traveller(p, p.post, "H0000001")
    event = audit.record_read(p.officer, traveller, message="viewed")
    now = timezone.localtime(event.at)
    assert Flag.OUT_OF_HOURS not in _flags(p, p.officer)[event.seq]  # no hours: not judged
    # The post's hours: a shift that ended an hour ago.
    ended = (now - dt.timedelta(hours=1)).time().replace(microsecond=0)
    began = (now - dt.timedelta(hours=3)).time().replace(microsecond=0)
    services.set_working_hours(p.dpo, "1234567", began, ended, crossing_point=p.post)
    assert Flag.OUT_OF_HOURS in _flags(p, p.officer)[event.seq]
    # The user's own hours win over the post's: a night shift round the moment of the read.
    start = (now - dt.timedelta(hours=1)).time().replace(microsecond=0)
    end = (now + dt.timedelta(hours=1)).time().replace(microsecond=0)
    services.set_working_hours(p.dpo, "1234567", start, end, user=p.officer)
    assert Flag.OUT_OF_HOURS not in _flags(p, p.officer)[event.seq]
    assert AuditEvent.objects.filter(action=AuditAction.WORKING_HOURS_SET).count() == 2
    # Not on this weekday: outside. Just after midnight the shift round the read began
    # yesterday, so that day is left out too.
    began_on = {now.isoweekday(), (now - dt.timedelta(hours=1)).isoweekday()}
    others = "".join(str(d) for d in range(1, 8) if d not in began_on)
    services.set_working_hours(p.dpo, others, start, end, user=p.officer)
    assert Flag.OUT_OF_HOURS in _flags(p, p.officer)[event.seq]
    assert WorkingHours.objects.filter(user=p.officer).count() == 1


def test_night_shift_runs_past_midnight():
    hours = [WorkingHours(weekdays="1", start=dt.time(22), end=dt.time(6))]
    monday_late = dt.datetime(2026, 11, 30, 23, 30)
    tuesday_early = dt.datetime(2026, 12, 1, 5, 0)
    tuesday_late = dt.datetime(2026, 12, 1, 23, 0)
    assert reviews.covered(hours, monday_late)
    assert reviews.covered(hours, tuesday_early)
    assert not reviews.covered(hours, tuesday_late)
    assert not reviews.covered(hours, dt.datetime(2026, 11, 30, 12, 0))


def test_protection_reads_outside_protection_are_flagged_and_withheld(client, protection):
    from passage.protection.tests.test_workflow import _flag

    p = protection
    assessment = _flag(p)
    client.force_login(p.protection)
    assert client.get(f"/protection/flags/{assessment.pk}/").status_code == 200
    by_protection = AuditEvent.objects.filter(
        actor_id=str(p.protection.pk), object_type="protection.assessment"
    ).latest("seq")
    by_officer = audit.record_read(p.officer, assessment, message="protection flag viewed")
    assert Flag.PROTECTION not in _flags(p, p.protection)[by_protection.seq]
    assert Flag.PROTECTION in _flags(p, p.officer)[by_officer.seq]
    client.force_login(p.dpo)
    page = client.get(_url(p.officer), {**_period(), "flagged": "1"}).content.decode()
    assert "Protection record read outside protection" in page
    assert "Protection record: shown to protection officers only" in page
    assert "protection flag viewed" not in page
    assert str(assessment) not in page


def test_sign_off_is_kept_and_audited(client, personas):
    p = personas
    traveller = _traveller(p, p.other_post, "S0000001")
    audit.record_read(p.officer, traveller, message="possible match shown at the counter")
    client.force_login(p.dpo)
    page = client.get(_url(p.officer), _period())
    assert page.status_code == 200
    body = page.content.decode()
    assert "possible match shown at the counter" in body
    assert "Person never processed at the user&#x27;s posts" in body
    viewed = AuditEvent.objects.filter(
        actor_id=str(p.dpo.pk), action="read", object_id=str(p.officer.pk)
    )
    assert viewed.count() == 1
    # A note is required, and the one text rule applies.
    assert client.post(_url(p.officer), {**_period(), "note": ""}).status_code == 400
    assert client.post(_url(p.officer), {**_period(), "note": "ok\x00"}).status_code == 400
    assert not AccessReview.objects.exists()
    answer = client.post(
        _url(p.officer), {**_period(), "note": "Counter match explained by the supervisor."}
    )
    assert answer.status_code == 302
    signed = AccessReview.objects.get()
    assert (signed.subject, signed.signed_by, signed.reads) == (p.officer, p.dpo, 1)
    assert signed.flags[Flag.NOT_AT_POSTS] == 1
    event = AuditEvent.objects.get(action=AuditAction.REVIEW_SIGNED)
    assert event.actor_id == str(p.dpo.pk) and event.object_id == str(signed.pk)
    assert "Counter match explained" not in event.message + event.data
    detail = client.get(answer["Location"]).content.decode()
    assert "Counter match explained by the supervisor." in detail
    listing = client.get("/oversight/reviews/").content.decode()
    assert "officer" in listing and signed.start.isoformat() in listing


def test_nobody_signs_off_their_own_review(client, personas):
    p = personas
    client.force_login(p.dpo)
    assert client.post(_url(p.dpo), {**_period(), "note": "all fine"}).status_code == 400
    assert not AccessReview.objects.exists()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2026-13-01", "end": "2026-12-01"}, "start"),
        ({"start": "2026-12-01", "end": ""}, "end"),
        ({"start": "2026-12-02", "end": "2026-12-01"}, "start"),
        ({"start": "2020-01-01", "end": "2026-12-01"}, "start"),
    ],
)
def test_a_bad_period_is_a_400_naming_the_field(client, personas, params, field):
    client.force_login(personas.dpo)
    answer = client.get(_url(personas.officer), params)
    assert answer.status_code == 400
    assert f'name="{field}"' in answer.content.decode()
    assert "aria-invalid" in answer.content.decode()


def test_working_hours_form(client, personas):
    p = personas
    client.force_login(p.dpo)
    url = f"{_url(p.officer)}hours/"
    bad = client.post(url, {"hours-weekdays": "89", "hours-start": "08:00", "hours-end": "18:00"})
    assert bad.status_code == 400 and "weekday" in bad.content.decode()
    good = client.post(
        url,
        {
            "hours-weekdays": "12345",
            "hours-start": "08:00",
            "hours-end": "18:00",
            **{f"period_{k}": v for k, v in _period().items()},
        },
    )
    assert good.status_code == 302
    hours = WorkingHours.objects.get(user=p.officer)
    assert (hours.weekdays, hours.start, hours.end) == ("12345", dt.time(8), dt.time(18))
    client.force_login(p.officer)
    assert client.post(url, {"hours-weekdays": "1"}).status_code == 403


def test_reads_made_at_a_post_and_held_at_hq_are_reviewed(client, personas):
    """An officer reads at the post's machine; HQ holds that post's chain apart
    (``sync.NodeAuditEvent``) and the post's traveller id may be an alias of HQ's."""
    from passage.sync.models import Node, NodeAuditEvent, SyncAlias

    p = personas
    foreign = _traveller(p, p.other_post, "P0000001")
    node = Node.objects.create(name="tst-air-1", crossing_point=p.post)
    post_id = "01890a5d-ac96-774b-bcce-b302099a8057"  # the post's own id for that person
    SyncAlias.objects.create(
        model="travellers.traveller", remote_id=post_id, local_id=str(foreign.pk), node=node
    )
    NodeAuditEvent.objects.create(
        node=node,
        seq=7,
        at=timezone.now(),
        actor_id=str(p.officer.pk),
        actor_name="officer",
        action="read",
        object_type="travellers.traveller",
        object_id=post_id,
        object_repr="ADA OKAFOR",
        message="traveller history viewed at the post",
        prev_hash="0" * 64,
        hash="1" * 64,
    )
    today = timezone.localdate()
    found = reviews.review(p.officer, today, today, p.dpo)
    (read,) = found.reads
    assert read.post == "tst-air-1" and read.person == str(foreign.pk)
    assert Flag.NOT_AT_POSTS in read.flags
    client.force_login(p.dpo)
    page = client.get(_url(p.officer), _period()).content.decode()
    assert "traveller history viewed at the post" in page and "tst-air-1 #7" in page


def test_commands_set_post_hours_and_print_flagged_reads(personas):
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    p = personas
    foreign = _traveller(p, p.other_post, "C0000001")
    local = _traveller(p, p.post, "C0000002")
    audit.record_read(p.officer, foreign, message="possible match shown at the counter")
    audit.record_read(p.officer, local, message="traveller history viewed")
    args = ["--weekdays", "12345", "--from", "08:00", "--to", "18:00"]
    # Hours for the other post: the officer at TST-AIR is not judged by them.
    call_command(
        "oversight", "hours", "--post", "tst-land", *args, "--as", "dpo", stdout=io.StringIO()
    )
    hours = WorkingHours.objects.get(crossing_point=p.other_post)
    assert (hours.weekdays, hours.start, hours.end) == ("12345", dt.time(8), dt.time(18))
    set_by = AuditEvent.objects.filter(action=AuditAction.WORKING_HOURS_SET).latest("seq")
    assert set_by.actor_id == str(p.dpo.pk)
    today = timezone.localdate().isoformat()
    out = io.StringIO()
    call_command(
        "oversight",
        "reads",
        "--user",
        "officer",
        "--start",
        today,
        "--end",
        today,
        "--flagged",
        "--as",
        "dpo",
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and "possible match" in lines[1] and "not_at_posts" in lines[1]
    for bad, match in (
        (["hours", "--post", "NOPE", *args, "--as", "dpo"], "--post"),
        (
            [
                "hours",
                "--user",
                "officer",
                "--weekdays",
                "9",
                "--from",
                "08:00",
                "--to",
                "18:00",
                "--as",
                "dpo",
            ],
            "--weekdays",
        ),
        (
            ["hours", "--post", "TST-AIR", *args[:3], "8am", "--to", "18:00", "--as", "dpo"],
            "--from",
        ),
        (["reads", "--user", "officer", "--start", "x", "--end", today, "--as", "dpo"], "--start"),
        (
            ["reads", "--user", "officer", "--start", today, "--end", today, "--as", "officer"],
            "--as",
        ),
    ):
        with pytest.raises(CommandError, match=match):
            call_command("oversight", *bad, stdout=io.StringIO())
