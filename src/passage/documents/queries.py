"""Reads of trust anchors, and the process's TrustStore built from them."""

from __future__ import annotations

import threading

from django.db.models import Count, Max

from passage.core.chip import TrustStore, read_certificate

from .choices import AnchorKind
from .models import TrustAnchor

_lock = threading.Lock()
_cached: tuple[tuple[object, ...], TrustStore] | None = None


def trust_store() -> TrustStore:
    """The trusted CSCAs and CRLs, rebuilt only when anchors were added since.

    Building the store reads every certificate (about 0.75 s for 500 CSCAs); a chip is
    verified in milliseconds, so the store is kept per process and its freshness checked
    with one aggregate query (anchors are only ever added).
    """
    global _cached
    stamp = TrustAnchor.objects.aggregate(n=Count("id"), last=Max("id"), at=Max("imported_at"))
    key = (stamp["n"], stamp["last"], stamp["at"])
    with _lock:
        if _cached is not None and _cached[0] == key:
            return _cached[1]
        store = TrustStore()
        anchors = list(TrustAnchor.objects.order_by("id").values_list("kind", "der", "subject"))
        for kind, der, subject in anchors:
            if kind == AnchorKind.CSCA:
                store.add_csca(read_certificate(bytes(der), subject))
        for kind, der, subject in anchors:
            if kind == AnchorKind.CRL:
                store.add_crl(bytes(der), subject)
        _cached = (key, store)
        return store
