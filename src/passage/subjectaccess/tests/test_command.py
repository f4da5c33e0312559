"""``passage subject-access``: the person's file as JSON and PDF, audited, DPO only."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from passage.accounts.models import AuditEvent
from passage.alerts.tests.lists import SECRET_REASON
from passage.subjectaccess.models import SubjectRequest

pytestmark = pytest.mark.django_db


def _run(tmp_path, **options):
    out = StringIO()
    call_command("subject-access", out=str(tmp_path / "file"), stdout=out, **options)
    return json.loads(out.getvalue())


def test_file_written_as_json_and_pdf_in_four_languages(anna, tmp_path):
    summary = _run(tmp_path, document="UTO:L898902C3", user="dpo")
    assert summary["found"] is True
    folder = tmp_path / "file"
    assert sorted(p.name for p in folder.iterdir()) == [
        "person-file-ar.pdf",
        "person-file-en.pdf",
        "person-file-es.pdf",
        "person-file-fr.pdf",
        "person-file.json",
    ]
    for pdf in folder.glob("*.pdf"):
        assert pdf.read_bytes().startswith(b"%PDF-")
    data = json.loads((folder / "person-file.json").read_text())
    assert data["person"]["surname"] == "ERIKSSON"
    assert [c["effective_decision"]["code"] for c in data["crossings"]] == [
        "refused",
        "secondary",
    ]
    assert data["crossings"][0]["refusal_grounds"][0]["code"] == "E"
    # The alert check is said, its outcome too; the list, entry and reason never.
    screening = data["crossings"][1]["screening"]
    assert screening["outcome"]["code"] == "referred"
    assert screening["possible_matches"][0]["status"]["code"] == "pending"
    text = (folder / "person-file.json").read_text()
    for secret in (SECRET_REASON, "National wanted persons", "W-1", "Анна"):
        assert secret not in text
    request = SubjectRequest.objects.get(pk=summary["request"])
    assert request.kind == "access" and request.due_on > request.received_on
    # Every step audited: the request, the reads (one per file), the exports.
    events = AuditEvent.objects.filter(actor_name="dpo")
    assert events.filter(action="create", object_id=str(request.pk)).count() == 1
    assert events.filter(action="read", object_id=str(anna.anna.pk)).count() == 5
    assert events.filter(action="export", object_id=str(request.pk)).count() == 5


def test_the_file_shows_who_read_it(anna, tmp_path):
    _run(tmp_path, document="UTO:L898902C3", user="dpo", lang="en")
    data = json.loads((tmp_path / "file" / "person-file.json").read_text())
    reads = [e for e in data["audit"] if e["action"]["code"] == "read"]
    assert reads and reads[0]["who"] == "dpo" and "subject access" in reads[0]["why"]
    created = [e for e in data["audit"] if e["record"] == "crossings.crossing"]
    assert {e["who"] for e in created} == {"officer"}


def test_a_person_not_held_is_answered_so_and_audited(personas, tmp_path):
    summary = _run(tmp_path, document="UTO:NOBODY123", user="dpo", lang="en")
    assert summary["found"] is False
    data = json.loads((tmp_path / "file" / "person-file.json").read_text())
    assert data["person"] is None
    assert "no record" in data["message"]
    request = SubjectRequest.objects.get(pk=summary["request"])
    assert request.outcome == "no_such_person" and request.status == "decided"
    event = AuditEvent.objects.get(action="create", object_id=str(request.pk))
    assert "no such person" in event.message


def test_by_name_and_birth_date(anna, tmp_path):
    summary = _run(tmp_path, surname="eriksson", birth_date="1974-08-12", user="dpo", lang="ar")
    assert summary["found"] is True


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"document": "L898902C3"}, "--document"),
        ({"document": "UTO:L898902C3", "lang": "de"}, "--lang"),
        ({"surname": "ERIKSSON", "birth_date": "1974-13-45"}, "--birth-date"),
        ({"surname": "ERIKSSON"}, "--birth-date"),
    ],
)
def test_bad_input_names_the_option(anna, tmp_path, options, field):
    with pytest.raises(CommandError, match=field):
        _run(tmp_path, user="dpo", **options)
    assert not SubjectRequest.objects.exists()


@pytest.mark.parametrize("user", ["officer", "supervisor", "administrator", "nobody"])
def test_only_the_dpo_runs_it(anna, tmp_path, user):
    with pytest.raises(CommandError, match=r"subjectaccess\.handle_subject_requests"):
        _run(tmp_path, document="UTO:L898902C3", user=user)
    assert not (tmp_path / "file").exists()


def test_a_missing_pdf_font_is_a_system_check_warning(monkeypatch):
    from passage.subjectaccess import checks, pdf

    monkeypatch.delenv("PASSAGE_PDF_FONT_DIR", raising=False)
    assert checks.pdf_font() == []
    monkeypatch.setattr(pdf, "FONT_DIRS", ())
    assert {w.id for w in checks.pdf_font()} == {"subjectaccess.W001"}
