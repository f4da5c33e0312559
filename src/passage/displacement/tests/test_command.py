from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from passage.displacement.models import FlowCount

from .conftest import count_row

pytestmark = pytest.mark.django_db


def test_passage_displacement_import_reports_each_rejected_row(field, tmp_path, capsys):
    path = tmp_path / "counts.json"
    path.write_text(
        json.dumps([{"_uuid": "a", **count_row()}, {"_uuid": "b", **count_row(total=2)}])
    )
    with pytest.raises(CommandError, match="1 rejected: nothing imported"):
        call_command("displacement", "import", str(path), "--user", "enumerator")
    assert "row 2 (b): girls: more children (5) than people (2)" in capsys.readouterr().err
    assert not FlowCount.objects.exists()
    path.write_text(json.dumps([{"_uuid": "a", **count_row()}]))
    call_command("displacement", "import", str(path), "--user", "enumerator")
    assert "1 imported, 0 already imported" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no active user"):
        call_command("displacement", "import", str(path), "--user", "nobody")
    with pytest.raises(CommandError, match="No such file"):
        call_command("displacement", "import", str(tmp_path / "x"), "--user", "enumerator")


def test_passage_displacement_xform_prints_the_built_form(capsys):
    call_command("displacement", "xform", "flow_count")
    assert 'id="passage_flow_count"' in capsys.readouterr().out
