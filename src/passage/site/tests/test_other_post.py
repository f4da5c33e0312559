"""The URL walk again, as an officer of another post.

Every route that takes an id is requested for a record made at TST-AIR, by an officer who
holds every counter role (border officer, supervisor, protection officer) but serves only
TST-LAND: the roles would allow it, so the only reason to refuse is the post. A record
id answers 404, exactly as a missing one does; a post code answers an audited 403
(crossing points are public reference data: decision 0033). A new route that takes an
id fails this test until it is listed here.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.accounts.roles import Role
from passage.accounts.services import create_token, create_user
from passage.alerts.models import ScreeningHit
from passage.crossings import services as crossings
from passage.crossings.models import DocumentOverride
from passage.passengers.choices import Channel, ListKind
from passage.passengers.models import ListedPerson, PassengerList
from passage.protection import services as protection_services
from passage.protection.models import Assessment
from passage.reference.services import set_crossing_point_mode
from passage.stay.models import OverstayCase
from passage.travellers.services import Identity

from .test_permissions import ALL

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("alert_files")]

# Routes with an id that no post owns, and why.
NOT_POST_SCOPED = {
    "alerts/<uuid:pk>/": "alert lists are national (HQ's, copied to every post)",
    "alerts/<uuid:pk>/status/": "alert lists are national",
    "alerts/<uuid:pk>/import/": "alert lists are national",
    "alerts/<uuid:pk>/entries/new/": "alert lists are national",
    "alerts/entries/<uuid:pk>/": "alert entries belong to national lists",
    "alerts/entries/<uuid:pk>/withdraw/": "alert entries belong to national lists",
    "api/v1/alerts/lists/<list_id>/import": "alert lists are national",
    "sync/nodes/<uuid:pk>/revoke/": "nodes are HQ's administration, not a post's",
    "sync/nodes/<uuid:pk>/rekey/": "nodes are HQ's administration",
    "sync/nodes/<uuid:pk>/chain/": "nodes are HQ's administration",
    "sync/conflicts/<uuid:pk>/resolve/": "conflicts are resolved at HQ by national supervisors",
    "identity/links/<uuid:pk>/": "identity links are reviewed at HQ by national supervisors",
    "api/v1/identity/links/<link_id>/decision": "identity links are reviewed at HQ",
    "displacement/export.<str:fmt>": "a file format, not a record",
    "retention/holds/<uuid:pk>/lift/": "legal holds are national, the DPO's only",
    "statistics/export/<slug:key>.<slug:fmt>": "a table's name, not a record",
    "api/v1/statistics/tables/<key>": "a table's name, not a record",
    # A person's requests are national: the DPO's alone (test_pages walks them by role).
    "data-protection/requests/<uuid:pk>/": "data-subject requests are national, DPO only",
    "data-protection/requests/<uuid:pk>/decide": "data-subject requests are national",
    "data-protection/requests/<uuid:pk>/answer": "data-subject requests are national",
    "data-protection/requests/<uuid:pk>/file.<str:fmt>": "data-subject requests are national",
    "accounts/audit/<int:seq>/": "the audit log is national, the data-protection officer's",
    "oversight/reviews/<uuid:pk>/": "access reviews are the data-protection officer's",
    "oversight/users/<uuid:pk>/reads/": "a user, reviewed by the data-protection officer",
    "oversight/users/<uuid:pk>/reads/hours/": "a user's working hours, set by the DPO",
    "oversight/transparency/<str:year>.<slug:fmt>": "a year and a format, not a record",
}


def _entry(p, identity: Identity, **decision) -> object:
    """An entry recorded at TST-AIR by its officer."""
    data = crossings.CrossingInput(direction="entry", identity=identity, **decision)
    return crossings.record_crossing(p.officer, p.post, data).crossing


@pytest.fixture
def elsewhere(protection, wanted):
    """Records at TST-AIR, and an officer with every counter role at TST-LAND only."""
    p = protection
    listed = Identity(
        primary_name="ERIKSSON",
        secondary_name="ANNA MARIA",
        birth_year=1974,
        birth_month=8,
        birth_day=12,
        nationality="UTO",
        number="L898902C3",
        issuing_state="UTO",
    )
    hit_crossing = _entry(p, listed)  # on the wanted list: a hit and a secondary inspection
    hit = ScreeningHit.objects.get(crossing=hit_crossing)
    refused = _entry(
        p,
        Identity(primary_name="ROE", number="R1", issuing_state="UTO"),
        decision="refused",
        refusal_grounds=["A"],
    )
    flagged = _entry(
        p,
        Identity(primary_name="DOE", number="X1", issuing_state="UTO"),
        decision="secondary",
        protection_indicators=["SC-UC"],
    )
    assessment = Assessment.objects.get(crossing=flagged)
    referral = assessment.referrals.get()
    admitted = _entry(p, Identity(primary_name="LATE", number="O1", issuing_state="UTO"))
    case = OverstayCase.objects.create(
        entry=admitted, authorised_until=dt.date.today() - dt.timedelta(days=10)
    )
    set_crossing_point_mode(p.supervisor, p.post, "emergency", "influx")
    p.post.refresh_from_db()
    household = protection_services.register_household(
        p.officer,
        p.post,
        protection_services.HouseholdInput(
            head=protection_services.MemberInput(sex="F", age_band="18-59", primary_name="KOVAL"),
            place_of_origin="Riverbend",
            intended_destination="Capital",
        ),
    ).household
    flight = PassengerList.objects.create(
        crossing_point=p.post,
        kind=ListKind.values[0],
        flight_number="XY123",
        departure_port="AAA",
        arrival_port="TST",
        flight_date=dt.date.today(),
        interchange_reference="1",
        sender="carrier",
        message_reference="m1",
        directory="D",
        digest="0" * 64,
        channel=Channel.values[0],
        received_at=timezone.now(),
    )
    listed = ListedPerson.objects.create(
        passenger_list=flight, position=1, role="passenger", surname="LISTED", hit_count=1
    )
    # Fixture data for the route, as the passenger list above: an override at TST-AIR.
    override = DocumentOverride.objects.create(
        crossing=admitted, reason="checked by hand", failed=[{"field": "composite"}]
    )
    token = create_token(p.officer, p.officer, "reader", 30).token
    stranger = create_user(
        None,
        "stranger",
        password="x-unused-x",
        roles=[Role.BORDER_OFFICER, Role.SUPERVISOR, Role.PROTECTION_OFFICER],
        crossing_points=[p.other_post],
    )
    ids = {
        "tokens": token.pk,
        "crossings": hit_crossing.pk,
        "refusal-notice": refused.pk,
        "secondary": hit_crossing.inspection.pk,
        "travellers": hit_crossing.traveller_id,
        "overstays": case.pk,
        "hits": hit.pk,
        "flags": assessment.pk,
        "referrals": referral.pk,
        "households": household.pk,
        "members": household.members.get().pk,
        "flights": flight.pk,
        "persons": listed.pk,
        "document-overrides": override.pk,
    }
    return stranger, ids


def _url(route: str, ids: dict[str, object]) -> str:
    """Fill a route's parameters with the record it names (by the path segment before it)."""
    if re.search(r"<(?:str:)?code>", route):
        return "/" + re.sub(r"<(?:str:)?code>", "TST-AIR", route)
    if route.endswith("refusal-notice/"):
        return "/" + re.sub(r"<(?:\w+:)?\w+>", str(ids["refusal-notice"]), route)
    # Each parameter is filled with the record named by the path segment before it
    # (flights/<pk>/persons/<person>/: the flight, then a person on it).
    return "/" + re.sub(
        r"([\w-]+)/<(?:\w+:)?\w+>", lambda m: f"{m.group(1)}/{ids[m.group(1)]}", route
    )


ID_ROUTES = [
    (ns, route)
    for ns, route, _ in ALL
    if ns != "admin" and "<" in route and route not in NOT_POST_SCOPED
]


def _answers(client, stranger, namespace: str, url: str, ids: dict[str, object]) -> set[int]:
    """The status codes of a GET and an empty POST (405s left out)."""
    if namespace == "api":
        secret = create_token(stranger, stranger, "walk", 30).secret
        headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
        get = client.get(url, **headers)
        post = client.post(url, {}, content_type="application/json", **headers)
        if post.status_code == 422:
            # A write's body is checked before the record is looked up: give it one.
            body = {
                "service": "asylum",
                "provider": str(ids["referrals"]),
                "status": "x",
                "version": 1,  # a traveller's correction
                "reason": "walk",
            }
            post = client.post(url, body, content_type="application/json", **headers)
    else:
        get = client.get(url)
        post = client.post(url, {})
    return {get.status_code, post.status_code} - {405}


def test_another_posts_officer_gets_404_for_records_and_403_for_the_post(client, elsewhere):
    """One test over every route (the records are made once): each wrong answer is listed."""
    stranger, ids = elsewhere
    client.force_login(stranger)
    wrong = []
    for namespace, route in ID_ROUTES:
        url = _url(route, ids)  # a KeyError names a route that no record here fills
        by_code = bool(re.search(r"<(?:str:)?code>", route))
        denied = AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED).count()
        codes = _answers(client, stranger, namespace, url, ids)
        expected = {403} if by_code else {404}
        if codes != expected:
            wrong.append((url, sorted(codes)))
        if (
            by_code
            and AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED).count() == denied
        ):
            wrong.append((url, "refusal not audited"))
    assert len(ID_ROUTES) >= 30
    assert not wrong, wrong


def test_the_traveller_page_lists_only_what_the_officer_may_open(client, elsewhere, personas):
    stranger, ids = elsewhere
    client.force_login(personas.officer)
    page = client.get(f"/travellers/{ids['travellers']}/")
    assert page.status_code == 200
    assert f"/crossings/{ids['crossings']}/" in page.content.decode()
    client.force_login(stranger)
    assert client.get(f"/travellers/{ids['travellers']}/").status_code == 404
    assert client.get(f"/crossings/{ids['crossings']}/").status_code == 404
