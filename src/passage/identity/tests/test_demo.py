from __future__ import annotations

from typing import Any

import pytest

from passage.identity.choices import LinkColour
from passage.identity.demo import load
from passage.identity.models import Link
from passage.travellers.models import TravelDocument


@pytest.mark.django_db
def test_demo_gives_the_queue_work(reference_data: Any) -> None:
    (line,) = load(seed=1, people=30)
    assert "links proposed" in line
    assert TravelDocument.objects.count() > 30
    colours = set(Link.objects.values_list("colour", flat=True))
    assert LinkColour.WHITE in colours
    assert colours & {LinkColour.YELLOW, LinkColour.RED}
