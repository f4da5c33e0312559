"""Exceptions raised by ``passage.core.chip``.

Verifying a chip rarely *raises*: a signature that does not verify, a hash that differs
or a certificate nobody trusts is a finding, reported as a failed or "cannot tell" check
of the :class:`~passage.core.chip.verify.ChipReport`. Exceptions are kept for bytes that
cannot be read as the structure they claim to be, and for trust anchors refused::

    ChipError                 base class; also a ValueError. ``source`` names the file or
     │                        structure at fault (``EF.SOD``, ``EF.DG2``, ``master list``)
     └── TrustError           a master list, CSCA certificate or CRL that is readable but
                              refused: its signature does not verify, its signer chains
                              to no trusted CSCA, a CRL whose issuer is not trusted
"""

from __future__ import annotations


class ChipError(ValueError):
    """Bytes that are not the structure named by ``source``; ``message`` says why."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


class TrustError(ChipError):
    """A trust anchor (master list, CSCA certificate, CRL) that is refused."""
