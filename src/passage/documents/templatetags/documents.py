"""Names of the chip's checks and their outcomes, in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

CHECK_NAMES = {
    "data_group_hashes": _("data group hashes"),
    "signed_attributes": _("signed attributes"),
    "signature": _("document signer's signature"),
    "certificate_chain": _("chain to a trusted CSCA"),
    "revocation": _("revocation"),
    "printed_mrz": _("chip MRZ equals the printed MRZ"),
}
STATUSES = {"ok": _("passed"), "failed": _("failed"), "cannot_tell": _("cannot tell")}


@register.filter
def chip_check(name: str) -> str:
    """A check of ``core.chip.CHECKS`` by its name on the page (the name itself if new)."""
    return str(CHECK_NAMES.get(name, name))


@register.filter
def chip_status(status: str) -> str:
    return str(STATUSES.get(status, status))


@register.filter
def common_name(subject: str | None) -> str:
    """The CN of a certificate's subject as ``core.chip`` writes it ("C=UT, …, CN=CSCA
    Utopia"), with its country; the whole subject when it has no CN."""
    if not subject:
        return "?"
    parts = dict(p.split("=", 1) for p in subject.split(", ") if "=" in p)
    name = parts.get("CN")
    if not name:
        return subject
    return f"{name} ({parts['C']})" if parts.get("C") else name
