from __future__ import annotations

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from passage.common.bulk import fast_insert, json_text


def test_crossings_demo_still_offers_fast_insert():
    from passage.crossings import demo

    assert demo.fast_insert is fast_insert


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, None),
        ("abc", '"abc"'),  # a JSON string, never text taken for JSON
        ({"a": [1, "x"]}, '{"a": [1, "x"]}'),
        ([], "[]"),
    ],
)
def test_json_fields_are_encoded_one_way(value, text):
    assert json_text(models.JSONField())(value) == text


def test_json_fields_are_encoded_with_the_fields_encoder():
    import datetime as dt

    field = models.JSONField(encoder=DjangoJSONEncoder)
    assert json.loads(json_text(field)({"on": dt.date(2026, 12, 3)})) == {"on": "2026-12-03"}
