"""Index files keep every entry id whole, whatever its bytes."""

from __future__ import annotations

import uuid

import numpy as np
import pytest

from passage.alerts import indexes
from passage.alerts.models import AlertEntry

pytestmark = pytest.mark.django_db


def test_a_listed_document_whose_entry_id_ends_in_nul_bytes_is_still_found(stolen):
    entry = AlertEntry.objects.get(alert_list=stolen)
    # numpy's fixed-width bytes type drops trailing NULs: one id in 256 ends in 00.
    nul_id = uuid.UUID(bytes=entry.pk.bytes[:14] + b"\x00\x00")
    AlertEntry.objects.filter(pk=entry.pk).update(id=nul_id)
    version = stolen.active_version
    index = indexes.loaded(version)
    ref = index.docs.lookup("UTO", "X1234567")[0].ref
    assert index.doc_entry(ref) == nul_id


def test_an_index_written_with_the_old_id_layout_is_rebuilt_not_misread(stolen):
    version = stolen.active_version
    target = indexes.build(version)
    np.save(target / "docs-ids.npy", np.array([b"\x01" * 16], dtype="S16"))
    index = indexes.loaded(version)
    assert index.doc_ids.dtype == np.uint8 and index.doc_ids.shape == (1, 16)
