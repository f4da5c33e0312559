"""Yes/no settings from the environment: a typo is an error, never a silent "no"."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from passage.site.settings import env_bool


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("Yes", True), (" on ", True), ("0", False), ("false", False), ("OFF", False)],
)
def test_yes_and_no_are_read(monkeypatch, value, expected):
    monkeypatch.setenv("PASSAGE_SOMETHING", value)
    assert env_bool("PASSAGE_SOMETHING", not expected) is expected


@pytest.mark.parametrize("value", [None, "", "  "])
def test_unset_or_empty_gives_the_default(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("PASSAGE_SOMETHING", raising=False)
    else:
        monkeypatch.setenv("PASSAGE_SOMETHING", value)
    assert env_bool("PASSAGE_SOMETHING", True) is True


def test_a_typo_names_the_setting(monkeypatch):
    monkeypatch.setenv("PASSAGE_SECURE", "fasle")
    with pytest.raises(ImproperlyConfigured, match="PASSAGE_SECURE: 'fasle'"):
        env_bool("PASSAGE_SECURE", True)
