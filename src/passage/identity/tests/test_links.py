"""The HQ batch job, the review of links, and what confirmed links change."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from passage.accounts.models import AuditEvent
from passage.core.problems import ProblemError
from passage.identity import services
from passage.identity.choices import Decision, LinkColour, LinkState
from passage.identity.models import Link
from passage.travellers.models import TravelDocument, Traveller


def _doc(
    surname: str,
    given: str,
    born: tuple[int, int | None, int | None],
    number: str,
    nationality: str = "EGY",
) -> TravelDocument:
    traveller = Traveller.objects.create(
        primary_name=surname,
        secondary_name=given,
        sex="M",
        birth_year=born[0],
        birth_month=born[1],
        birth_day=born[2],
        nationality_id=nationality,
    )
    return TravelDocument.objects.create(
        traveller=traveller,
        document_type="passport",
        issuing_state_id=nationality,
        number=number,
    )


@pytest.fixture
def docs(personas: Any) -> dict[str, TravelDocument]:
    return {
        "a": _doc("MOHAMED", "ALI HASSAN", (1980, 3, 4), "A1234567"),
        "b": _doc("MUHAMMAD", "ALI HASAN", (1980, 4, 3), "A7654321"),
        "father": _doc("MOHAMED", "ALI HASSAN", (1954, 7, 19), "A0000001"),
        "twin": _doc("MOHAMED", "OMAR", (1980, 3, 4), "A1234568"),
    }


def _link(docs: dict[str, TravelDocument], x: str, y: str) -> Link:
    left, right = sorted((docs[x].pk, docs[y].pk))
    return Link.objects.get(left_id=left, right_id=right)


@pytest.mark.django_db
def test_run_proposes_variants_not_relatives_and_is_audited(docs: Any) -> None:
    result = services.run_resolution()
    link = _link(docs, "a", "b")
    assert (link.colour, link.state) == (LinkColour.WHITE, LinkState.PROPOSED)
    assert set(link.fields) == {"name", "birth_date", "sex", "nationality", "document"}
    assert link.fields["birth_date"]["level"] == "day and month swapped"
    assert not Link.objects.filter(colour=LinkColour.WHITE).exclude(pk=link.pk).exists()
    assert result.run.proposed >= 1
    assert AuditEvent.objects.filter(action="link_proposed").count() == 1
    # proposals have no effect until a supervisor decides
    assert services.linked_documents(docs["a"].pk) == {docs["a"].pk}


@pytest.mark.django_db
def test_decided_pair_not_proposed_again_unless_a_record_changes(
    reviewer: Any, personas: Any, docs: Any
) -> None:
    services.run_resolution()
    link = _link(docs, "a", "b")
    services.decide(
        reviewer,
        link.pk,
        version=link.version,
        decision="same",
        reason="same photo in both passports",
    )
    assert services.linked_documents(docs["a"].pk) == {docs["a"].pk, docs["b"].pk}
    decided = Link.objects.get(pk=link.pk)
    services.run_resolution()
    again = Link.objects.get(pk=link.pk)
    assert (again.state, again.version) == (LinkState.DECIDED, decided.version)
    Traveller.objects.filter(pk=docs["b"].traveller_id).update(secondary_name="ALI HASAN AHMED")
    result = services.run_resolution()
    reopened = Link.objects.get(pk=link.pk)
    assert result.run.reopened == 1
    assert (reopened.state, reopened.decision) == (LinkState.PROPOSED, "")
    assert services.linked_documents(docs["a"].pk) == {docs["a"].pk}


@pytest.mark.django_db
def test_decision_on_a_changed_link_is_refused(reviewer: Any, personas: Any, docs: Any) -> None:
    services.run_resolution()
    link = _link(docs, "a", "b")
    stale = link.version
    services.decide(
        reviewer, link.pk, version=stale, decision="different", reason="different faces"
    )
    with pytest.raises(ProblemError) as caught:
        services.decide(reviewer, link.pk, version=stale, decision="same", reason="second look")
    assert "changed since you opened it" in caught.value.problems["version"]
    assert Link.objects.get(pk=link.pk).colour == LinkColour.GREEN


@pytest.mark.django_db
def test_undo_returns_the_link_to_the_queue(
    reviewer: Any, client: Any, personas: Any, docs: Any
) -> None:
    services.run_resolution()
    link = _link(docs, "a", "b")
    link = services.decide(
        reviewer, link.pk, version=link.version, decision=Decision.SAME, reason="checked"
    )
    link = services.undo(reviewer, link.pk, version=link.version, reason="wrong pair")
    assert (link.state, link.colour) == (LinkState.PROPOSED, LinkColour.WHITE)
    assert services.linked_documents(docs["a"].pk) == {docs["a"].pk}
    assert list(
        AuditEvent.objects.filter(object_id=str(link.pk))
        .values_list("action", flat=True)
        .order_by("pk")
    ) == ["link_decided", "link_undone"]
    undone = AuditEvent.objects.get(object_id=str(link.pk), action="link_undone")
    data = json.loads(undone.data)
    assert (data["before"]["reason"], data["after"]["reason"]) == ("checked", "wrong pair")
    # the page says the undo's reason is an undo's, not the decision's
    client.force_login(reviewer)
    page = client.get(f"/identity/links/{link.pk}/").content.decode()
    assert 'id="undone"' in page and "wrong pair" in page


@pytest.mark.django_db
def test_bad_decisions_name_the_field(reviewer: Any, personas: Any, docs: Any) -> None:
    services.run_resolution()
    link = _link(docs, "a", "b")
    with pytest.raises(ProblemError) as caught:
        services.decide(reviewer, link.pk, version=link.version, decision="maybe", reason=" ")
    assert set(caught.value.problems) == {"decision", "reason"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [("supervisor", 200), ("officer", 403), ("analyst", 403), ("protection", 403)],
)
def test_queue_permission(client: Any, personas: Any, docs: Any, who: str, status: int) -> None:
    services.run_resolution()
    client.force_login(getattr(personas, who))
    assert client.get("/identity/links/").status_code == status


@pytest.mark.django_db
def test_review_page_decides_and_refuses_a_stale_version(
    reviewer: Any, client: Any, personas: Any, docs: Any
) -> None:
    services.run_resolution()
    link = _link(docs, "a", "b")
    client.force_login(reviewer)
    page = client.get(f"/identity/links/{link.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "MUHAMMAD" in body and "day and month swapped" in body
    # the weights add up: the prior and the fields' weights make the match weight
    prior = page.context["prior"]
    fields = sum(row["weight"] for row in page.context["rows"])
    assert prior < 0 and abs(prior + fields - link.weight) < 1e-9
    assert 'id="prior"' in body
    assert "<bdi>Male</bdi>" in body  # the sex in words, translated, not the MRZ letter
    # the validity the red rule reads: from the issue date, or the day first recorded
    for doc in (link.left, link.right):
        if doc.issue_date:
            assert f"{doc.issue_date:%Y-%m-%d} \u2013 " in body
        else:
            assert f"first recorded {doc.created_at:%Y-%m-%d}" in body
    # In Arabic the document's code, number and expiry stay one left-to-right run.
    client.cookies["django_language"] = "ar"
    arabic = client.get(f"/identity/links/{link.pk}/").content.decode()
    number = link.left.number
    validity = "( · ([0-9-]{10} \u2013 )?[0-9-]{10})?"
    assert re.search(rf'<span dir="ltr">[A-Z]{{3}} {number}{validity}</span>', arabic)
    client.cookies["django_language"] = "en"
    stale = client.post(
        f"/identity/links/{link.pk}/",
        {"decision": "same", "reason": "x", "version": link.version + 5},
    )
    assert stale.status_code == 409
    refused = stale.content.decode()
    # said once, at the top, where the focus goes
    assert refused.count("changed since you opened it") == 1
    assert 'id="link-problems"' in refused and "autofocus" in refused
    done = client.post(
        f"/identity/links/{link.pk}/",
        {"decision": "fraud", "reason": "two passports, one face", "version": link.version},
    )
    assert done.status_code == 302
    assert Link.objects.get(pk=link.pk).colour == LinkColour.RED
    # a second reviewer's page, opened before that decision: refused, and offered the
    # form the link takes now (undo), not the decision again
    late = client.post(
        f"/identity/links/{link.pk}/",
        {"decision": "same", "reason": "y", "version": link.version},
    )
    assert late.status_code == 409
    assert "Undo the decision" in late.content.decode()
    client.force_login(personas.officer)
    assert client.get(f"/identity/links/{link.pk}/").status_code == 403


@pytest.mark.django_db
def test_links_need_national_scope_by_the_rule_sync_conflicts_follow(
    client: Any, reviewer: Any, personas: Any, docs: Any
) -> None:
    """A link joins documents recorded at any post: a supervisor of one post holding
    identity.review_link reaches none, exactly as for correction conflicts."""
    from passage.accounts.access import NotFound, holds_nationally
    from passage.travellers.access import conflicts_for
    from passage.travellers.models import CorrectionConflict

    services.run_resolution()
    link = _link(docs, "a", "b")
    post_supervisor = personas.supervisor
    assert post_supervisor.has_perm("identity.review_link")
    assert not holds_nationally(post_supervisor, "identity.review_link")
    client.force_login(post_supervisor)
    queue = client.get("/identity/links/").content.decode()
    assert "MUHAMMAD" not in queue
    assert 'id="queue-national"' in queue  # the page says why it is empty
    assert client.get(f"/identity/links/{link.pk}/").status_code == 404
    with pytest.raises(NotFound):
        services.decide(
            post_supervisor, link.pk, version=link.version, decision="same", reason="looks alike"
        )
    assert Link.objects.get(pk=link.pk).state == LinkState.PROPOSED
    # one rule: whoever reaches links reaches conflicts, and the other way round
    traveller = Traveller.objects.create(primary_name="ERIKSSON", secondary_name="ANNA")
    CorrectionConflict.objects.create(
        traveller=traveller, field="primary_name", held="A", incoming="B"
    )
    for user in (post_supervisor, reviewer, personas.analyst, personas.officer):
        links = Link.objects.restrict(user).exists()
        assert links == conflicts_for(user).exists()
        assert links == holds_nationally(user, "identity.review_link")
    client.force_login(reviewer)
    assert client.get(f"/identity/links/{link.pk}/").status_code == 200
    assert 'id="queue-national"' not in client.get("/identity/links/").content.decode()


@pytest.mark.django_db
def test_the_queue_pages_possible_fraud_first(
    reviewer: Any, client: Any, docs: Any, monkeypatch: Any
) -> None:
    """The queue took 1,000 links in no order and sorted those: past 1,000 proposals a
    red one could be left off it (decision 223). It is ordered before it is paged."""
    from passage.identity import views

    services.run_resolution()
    proposed = list(Link.objects.filter(state=LinkState.PROPOSED))
    assert len(proposed) >= 2
    heaviest = max(proposed, key=lambda link: link.weight)
    Link.objects.filter(pk=heaviest.pk).update(colour=LinkColour.WHITE)
    lightest = min(proposed, key=lambda link: link.weight)
    Link.objects.filter(pk=lightest.pk).update(colour=LinkColour.RED)
    client.force_login(reviewer)
    assert 'rel="next"' not in client.get("/identity/links/").content.decode()
    monkeypatch.setattr(views, "QUEUE_PER_PAGE", 1)
    page = client.get("/identity/links/").content.decode()
    assert f"/identity/links/{lightest.pk}/" in page, "the red link, light as it is, first"
    assert f"Page 1 of {len(proposed)}" in page and 'href="?page=2" rel="next"' in page
    # The page shows names and documents: the read names the link and its travellers.
    read = AuditEvent.objects.filter(message="identity link queue viewed").latest("at")
    assert str(lightest.pk) in read.data and str(lightest.left.traveller_id) in read.data


@pytest.mark.django_db
def test_an_incremental_run_reads_only_new_documents(
    docs: Any, _identity_rows: Any, django_assert_max_num_queries: Any
) -> None:
    """After a full run, --new prepares only the documents recorded since, compares them
    with the stored rows, and proposes the new pairs (here a renewal of "a")."""
    services.run_resolution()
    assert len(list(_identity_rows.glob("rows-*.parquet"))) == 1
    before = set(Link.objects.values_list("pk", flat=True))
    renewal = _doc("MOHAMED", "ALI HASAN", (1980, 3, 4), "A9999999")
    prepared: list[int] = []
    real_prepare = services.prepare

    def counting(records: Any) -> Any:
        records = list(records)
        prepared.append(len(records))
        return real_prepare(records)

    services.prepare = counting  # type: ignore[assignment]
    try:
        result = services.run_resolution(incremental=True)
    finally:
        services.prepare = real_prepare  # type: ignore[assignment]
    assert prepared == [1]  # the one new document, not all five
    assert result.run.incremental and result.run.records == 1
    new_links = Link.objects.exclude(pk__in=before).filter(colour=LinkColour.WHITE)
    partners = {
        link.left_id if link.right_id == renewal.pk else link.right_id for link in new_links
    }
    assert docs["a"].pk in partners and docs["father"].pk not in partners
    assert len(list(_identity_rows.glob("rows-*.parquet"))) == 2
    # the next full run replaces the stored rows
    services.run_resolution()
    assert len(list(_identity_rows.glob("rows-*.parquet"))) == 1


@pytest.mark.django_db
def test_a_document_is_valid_from_its_issue_date_when_known(personas: Any) -> None:
    """The renewal evidence reads the issue date (decision 0158); without one the
    document's history is unknown (not the day it was first recorded)."""
    import datetime as dt

    doc = _doc("MOHAMED", "ALI HASSAN", (1980, 3, 4), "A1234567")
    assert services.record_of(doc)["valid_from"] is None
    doc.issue_date = dt.date(2016, 5, 2)
    doc.expiry_date = dt.date(2026, 5, 1)
    doc.save()
    record = services.record_of(doc)
    assert (record["valid_from"], record["valid_until"]) == ("2016-05-02", "2026-05-01")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("issued", "problem"),
    [
        ("2024-01-02", "issued on or after its expiry date"),
        ("1901-01-01", "impossible issue date"),
        ("2099-01-01", "in the future"),
    ],
)
def test_an_impossible_issue_date_is_refused_by_name(
    personas: Any, issued: str, problem: str
) -> None:
    import datetime as dt

    from passage.travellers.services import Identity

    identity = Identity(
        primary_name="MOHAMED",
        secondary_name="ALI",
        nationality="EGY",
        issuing_state="EGY",
        number="A1234567",
        expiry_date=dt.date(2024, 1, 1),
        issue_date=dt.date.fromisoformat(issued),
    )
    with pytest.raises(ProblemError) as caught:
        identity.clean(dt.date(2026, 12, 3))
    assert caught.value.problems == {"issue_date": problem}


@pytest.mark.django_db
def test_two_passports_of_one_identity_recorded_while_both_run_are_red_without_issue_dates(
    personas: Any,
) -> None:
    """Decision 0164: a document recorded today was issued by today. Two passports of
    one issuer for one name and birth date, both recorded and both valid for years
    more, were valid together that long whatever their issue dates: red. The day first
    recorded is sent as ``first_seen`` and is never the document's issue date."""
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    one = _doc("MOHAMED", "ALI HASSAN", (1980, 3, 4), "A1234567")
    two = _doc("MOHAMED", "ALI HASSAN", (1980, 3, 4), "Q7654321")
    for doc, years in ((one, 4), (two, 6)):
        doc.expiry_date = today + dt.timedelta(days=365 * years)
        doc.save()
    record = services.record_of(one)
    assert (record["valid_from"], record["first_seen"]) == (None, today.isoformat())
    services.run_resolution()
    link = Link.objects.get()
    assert link.colour == LinkColour.RED
    assert link.fields["document"]["level"] == "unknown"
    # Valid together for less than a year from today: a renewal, not red.
    one.expiry_date = today + dt.timedelta(days=200)
    one.save()
    services.run_resolution()
    assert Link.objects.get().colour != LinkColour.RED


@pytest.mark.django_db
def test_names_that_meet_by_sound_only_are_not_shown_as_agreeing(
    reviewer: Any, client: Any, docs: Any
) -> None:
    """Short sound keys meet by chance (OGUZ POLAT and HAGOS YARED: AKS, BLT/ART): the
    model's name weight may be positive for strangers, so where the names as written are
    far apart the page says only the sounds agreed, never a green tick."""
    from passage.travellers.models import Traveller

    services.run_resolution()
    link = _link(docs, "a", "b")
    assert link.fields["name"]["weight"] > 0
    client.force_login(reviewer)
    page = client.get(f"/identity/links/{link.pk}/")
    assert "sounds-only" not in page.content.decode()  # a true variant: agrees
    Traveller.objects.filter(pk=link.left.traveller_id).update(
        primary_name="POLAT", secondary_name="OGUZ"
    )
    Traveller.objects.filter(pk=link.right.traveller_id).update(
        primary_name="YARED", secondary_name="HAGOS"
    )
    page = client.get(f"/identity/links/{link.pk}/")
    name = page.context["rows"][0]
    assert (name["agrees"], name["sounds_only"]) == (False, 20)
    assert "only the sounds agree" in page.content.decode()


def test_names_are_compared_as_written_part_by_part() -> None:
    """A shared given name does not hide a differing surname; swapped parts and a part
    missing on one side are not differences."""
    from types import SimpleNamespace

    from passage.identity.views import WRITTEN_ALIKE, _written_alike

    def alike(left: tuple[str, str], right: tuple[str, str]) -> int:
        def person(n: tuple[str, str]) -> Any:
            return SimpleNamespace(primary_name=n[0], secondary_name=n[1])

        return _written_alike(person(left), person(right))

    assert alike(("ADEN", "DENNIS"), ("OMAR", "DENNIS")) < WRITTEN_ALIKE  # 55 as a whole
    assert alike(("OMONDI", "JOSEPH"), ("OSMAN", "JOSEPH")) < WRITTEN_ALIKE
    assert alike(("MOHAMED", "ALI HASSAN"), ("MUHAMMAD", "ALI HASAN")) >= WRITTEN_ALIKE
    assert alike(("JANSEN", "LUCA"), ("JOHANSSON", "LUCA")) >= WRITTEN_ALIKE
    assert alike(("TILAHUN", "BIRHANU"), ("BIRHANU", "TILAHUN")) == 100
    assert alike(("DOE", ""), ("DOE", "JOHN")) == 100
