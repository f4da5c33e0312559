"""Who may do what with alert lists and hits (role x action), through the pages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from passage.alerts.models import AlertEntry, ScreeningHit
from passage.reference.services import load_refusal_grounds

from .lists import SECRET_REASON, passport, post

pytestmark = pytest.mark.django_db

ROLES = ["officer", "supervisor", "protection", "analyst", "administrator", "dpo"]


def status(client, user, method, url, data=None):
    client.force_login(user)
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    return response.status_code


@pytest.mark.parametrize(
    ("action", "allowed"),
    [
        ("lists", {"supervisor", "administrator"}),
        ("create", {"administrator"}),
        ("detail", {"supervisor", "administrator"}),
        ("import", {"administrator"}),
        ("add", {"administrator"}),
        ("entry", {"administrator"}),
        ("hits", {"supervisor"}),
    ],
)
def test_role_by_action(client, personas, wanted, action, allowed):
    entry = wanted.entries.first()
    urls = {
        "lists": "/alerts/",
        "create": "/alerts/new/",
        "detail": f"/alerts/{wanted.pk}/",
        "import": f"/alerts/{wanted.pk}/import/",
        "add": f"/alerts/{wanted.pk}/entries/new/",
        "entry": f"/alerts/entries/{entry.pk}/",
        "hits": "/alerts/hits/",
    }
    for role in ROLES:
        code = status(client, getattr(personas, role), "get", urls[action])
        assert (code == 200) == (role in allowed), (role, action, code)
        if role not in allowed:
            assert code == 403


def test_withdrawal_is_for_administrators(client, personas, wanted):
    entry = wanted.entries.get(reference="W-2")
    url = f"/alerts/entries/{entry.pk}/withdraw/"
    assert status(client, personas.supervisor, "post", url, {"reason": "x"}) == 403
    assert (
        status(client, personas.administrator, "post", url, {"reason": "court order lifted"}) == 302
    )
    entry.refresh_from_db()
    assert entry.withdrawn


def test_supervisors_see_lists_but_not_entries_and_administrators_see_reasons(
    client, personas, wanted
):
    client.force_login(personas.supervisor)
    html = client.get(f"/alerts/{wanted.pk}/").content.decode()
    assert "Versions" in html and "Anna Maria Eriksson" not in html
    client.force_login(personas.administrator)
    html = client.get(f"/alerts/{wanted.pk}/?q=eriksson").content.decode()
    assert "Anna Maria Eriksson" in html and "Boris" not in html
    entry = wanted.entries.get(reference="W-1")
    assert SECRET_REASON in client.get(f"/alerts/entries/{entry.pk}/").content.decode()


def test_hits_are_reviewed_only_by_supervisors_of_that_post(client, personas, wanted):
    from passage.accounts.roles import Role
    from passage.accounts.services import create_user

    load_refusal_grounds(None)
    client.force_login(personas.officer)
    post(client, passport())
    hit = ScreeningHit.objects.get()
    url = f"/alerts/hits/{hit.pk}/"
    elsewhere = create_user(
        None,
        "sup2",
        password="x" * 20,
        roles=[Role.SUPERVISOR],
        crossing_points=[personas.other_post],
    )
    assert status(client, personas.officer, "get", url) == 403
    assert status(client, elsewhere, "get", url) == 404
    assert status(client, personas.administrator, "get", url) == 403
    assert status(client, personas.supervisor, "get", url) == 200


def test_administrator_imports_through_the_page(client, personas, wanted, settings):
    client.force_login(personas.administrator)
    good = SimpleUploadedFile("list.jsonl", b'{"reference": "N-1", "names": ["Nadia Novak"]}\n')
    response = client.post(
        f"/alerts/{wanted.pk}/import/", {"format": "jsonl", "file": good, "replace": "0"}
    )
    assert response.status_code == 302
    assert AlertEntry.objects.filter(reference="N-1").exists()
    bad = SimpleUploadedFile(
        "list.jsonl", b'{"reference": "N-2", "names": ["X"], "birth_dates": ["1990-13"]}\n'
    )
    response = client.post(
        f"/alerts/{wanted.pk}/import/", {"format": "jsonl", "file": bad, "replace": "1"}
    )
    assert response.status_code == 400
    assert "line 1: birth_dates" in response.content.decode()
    assert not AlertEntry.objects.filter(reference="N-2").exists()
    settings.PASSAGE_ALERT_UPLOAD_MAX_BYTES = 10
    big = SimpleUploadedFile("list.jsonl", b"x" * 200_000)
    response = client.post(f"/alerts/{wanted.pk}/import/", {"format": "jsonl", "file": big})
    assert response.status_code == 413


def test_administrator_creates_a_list_and_adds_an_entry(client, personas, reference_data):
    client.force_login(personas.administrator)
    response = client.post(
        "/alerts/new/",
        {"name": "Interpol SLTD extract", "kind": "documents", "default_action": "refuse"},
    )
    assert response.status_code == 302
    list_url = response["Location"]
    response = client.post(
        list_url + "entries/new/",
        {"issuing_state": "FRA", "document_number": "", "status": "stolen"},
    )
    assert response.status_code == 400 and "required" in response.content.decode()
    response = client.post(
        list_url + "entries/new/",
        {"issuing_state": "FRA", "document_number": "12AB34567", "status": "stolen"},
    )
    assert response.status_code == 302
    assert AlertEntry.objects.get().document_number == "12AB34567"


def test_api_lists_and_imports(client, personas, wanted, token_for):
    url = "/api/v1/alerts/lists"
    assert client.get(url, HTTP_AUTHORIZATION=token_for(personas.officer)).status_code == 403
    assert client.get(url).status_code == 401
    body = client.get(url, HTTP_AUTHORIZATION=token_for(personas.supervisor)).json()
    assert body[0]["name"] == "National wanted persons" and body[0]["version"] == 1
    imp = f"/api/v1/alerts/lists/{wanted.pk}/import?format=jsonl&mode=append"
    line = b'{"reference": "API-1", "names": ["Api Person"]}\n'
    refused = client.post(
        imp,
        line,
        content_type="application/x-ndjson",
        HTTP_AUTHORIZATION=token_for(personas.supervisor),
    )
    assert refused.status_code == 403
    done = client.post(
        imp,
        line,
        content_type="application/x-ndjson",
        HTTP_AUTHORIZATION=token_for(personas.administrator),
    )
    assert done.status_code == 201, done.content
    assert done.json()["version"] == 2 and done.json()["entries"] == 3
    bad = client.post(
        imp,
        b'{"names": []}\n',
        content_type="application/x-ndjson",
        HTTP_AUTHORIZATION=token_for(personas.administrator),
    )
    assert bad.status_code == 422 and "line 1: names" in bad.json()["detail"]
