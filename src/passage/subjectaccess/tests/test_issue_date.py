"""The person's own file names every document's date of issue when it is held
(decision 0163: it is personal data captured at the counter)."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from passage.travellers.models import TravelDocument

pytestmark = pytest.mark.django_db


def test_the_file_gives_the_date_of_issue(anna, tmp_path):
    TravelDocument.objects.filter(number="L898902C3").update(issue_date=dt.date(2019, 5, 2))
    out = StringIO()
    call_command(
        "subject-access", document="UTO:L898902C3", user="dpo", out=str(tmp_path), stdout=out
    )
    data = json.loads((tmp_path / "person-file.json").read_text())
    (document,) = data["documents"]
    assert document["issue_date"] == "2019-05-02"
    assert (tmp_path / "person-file-ar.pdf").read_bytes().startswith(b"%PDF-")
