"""The demo's alert lists: synthetic persons and documents, a few of them demo travellers.

``passage demo`` calls :func:`load_demo_alerts`. The lists go through the same import
service as real ones (versioned, audited) and their indexes are built at once, so the
counter shows hits from the first traveller on. Names are synthetic (the seeded
population generator), never real listed persons.
"""

from __future__ import annotations

import json
import random
from typing import Any

from django.utils import timezone

from passage.core.synthetic import Population
from passage.travellers.models import Traveller

from . import indexes, services
from .choices import AlertAction, ListKind
from .models import AlertList

PERSONS_LIST = "Utopia wanted and refused persons (demo)"
DOCUMENTS_LIST = "Lost and stolen travel documents (demo)"
PERSONS = 300
DOCUMENTS = 150
# The ICAO 9303 specimen passport (UTO L898902C3, ERIKSSON ANNA MARIA, born 1974-08-12):
# type its MRZ at the counter to see a hit.
SPECIMEN = {
    "reference": "DEMO-SPECIMEN",
    "names": ["Anna Maria Eriksson"],
    "birth_dates": ["1974-08-12"],
    "nationalities": ["UTO"],
    "action": "notify",
    "reason": "Demo: notify the Utopian passport office when this specimen is presented.",
}
REASONS = {
    AlertAction.REFUSE: "Demo: entry ban after deportation (synthetic).",
    AlertAction.ARREST: "Demo: arrest warrant (synthetic).",
    AlertAction.NOTIFY: "Demo: notify the requesting authority (synthetic).",
    AlertAction.MONITOR: "Demo: discreet check requested (synthetic).",
}


def _person_lines(seed: int) -> list[dict[str, Any]]:
    rng = random.Random(f"{seed}:alerts")
    population = Population(seed=seed + 7919, reference_date=timezone.localdate())
    lines = [SPECIMEN]
    for person in population.persons():
        if len(lines) > PERSONS:
            break
        action = rng.choice(list(AlertAction))
        lines.append(
            {
                "reference": f"DEMO-P{person.number:05d}",
                "names": [f"{person.secondary_latin} {person.primary_latin}".strip()],
                "original_names": [
                    n
                    for n in [f"{person.secondary_native} {person.primary_native}".strip()]
                    if n and not n.isascii()
                ],
                "birth_dates": [person.birth_date],
                "nationalities": [person.nationality],
                "action": action.value,
                "reason": REASONS[action],
            }
        )
    return lines


def _travellers_on_lists(count: int) -> list[Traveller]:
    """A few demo travellers with a passport, so that the counter shows hits."""
    return list(
        Traveller.objects.filter(documents__document_type="passport", primary_name__gt="")
        .exclude(nationality_id="UTO")
        .order_by("id")
        .distinct()[:count]
    )


def load_demo_alerts(seed: int = 1) -> list[str]:
    """Create and import the two demo lists once; returns lines for the demo's output.

    A post loads none: it holds HQ's lists, pulled by sync under HQ's keys."""
    from django.conf import settings

    if settings.PASSAGE_ROLE == "node":
        return ["alert lists: none loaded at a post; HQ's arrive with the next sync"]
    if AlertList.objects.filter(name__in=[PERSONS_LIST, DOCUMENTS_LIST]).exists():
        return ["demo alert lists already present"]
    persons = services.create_list(
        None,
        AlertList(
            name=PERSONS_LIST,
            kind=ListKind.PERSONS,
            default_action=AlertAction.REFUSE,
            source="Passage demo (synthetic)",
            authority="Utopia Border Police",
        ),
    )
    documents = services.create_list(
        None,
        AlertList(
            name=DOCUMENTS_LIST,
            kind=ListKind.DOCUMENTS,
            default_action=AlertAction.REFUSE,
            source="Passage demo (synthetic)",
            authority="Utopia Ministry of Interior",
        ),
    )
    person_lines = _person_lines(seed)
    shown = []
    travellers = _travellers_on_lists(4)
    for i, t in enumerate(travellers[:3]):
        birth = t.birth_date_display
        if i == 1 and t.birth_year:  # a birth year one off, as lists often have it
            birth = str(t.birth_year + 1)
        person_lines.append(
            {
                "reference": f"DEMO-T{i + 1}",
                "names": [t.full_name],
                "original_names": [t.native_name] if t.native_name else [],
                "birth_dates": [birth] if birth else [],
                "nationalities": [t.nationality_id] if t.nationality_id else [],
                "action": ["notify", "refuse", "monitor"][i],
                "reason": "Demo: a demo traveller put on the list so the counter shows a hit.",
            }
        )
        doc = t.documents.first()
        where = f"{doc.issuing_state_id} {doc.number}" if doc else "no document"
        shown.append(f"  {t.full_name} ({where}) — persons list")
    rng = random.Random(f"{seed}:documents")
    states = ["UTO", "ETH", "KEN", "SSD", "SDN", "ERI", "SOM", "D", "FRA", "RUS"]
    doc_lines = [
        {
            "reference": f"DEMO-D{n:05d}",
            "issuing_state": rng.choice(states),
            "document_number": f"{rng.choice('ABCDEFGHJKMNPRTUVWXY')}{rng.randrange(10**7):07d}",
            "document_type": "passport",
            "status": rng.choice(["lost", "stolen", "stolen", "revoked", "invalid"]),
        }
        for n in range(DOCUMENTS)
    ]
    for t in travellers[3:]:
        doc = t.documents.filter(document_type="passport").first()
        if doc is not None and doc.issuing_state_id:
            doc_lines.append(
                {
                    "reference": "DEMO-STOLEN-1",
                    "issuing_state": doc.issuing_state_id,
                    "document_number": doc.number,
                    "document_type": "passport",
                    "status": "stolen",
                }
            )
            shown.append(f"  {t.full_name} ({doc.issuing_state_id} {doc.number}) — stolen passport")
    for alert_list, lines in ((persons, person_lines), (documents, doc_lines)):
        data = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode()
        version, _ = services.import_entries(
            None, alert_list, "jsonl", data, file_name="demo.jsonl"
        )
        indexes.build(version)
    return [
        f"alert lists: {len(person_lines)} persons, {len(doc_lines)} documents "
        "(the ICAO specimen ERIKSSON ANNA MARIA, UTO L898902C3, raises a hit), "
        "and demo travellers on them:",
        *shown,
    ]
