"""Public keys from certificates, and signature verification with a verdict.

:func:`load_public_key` turns an X.509 SubjectPublicKeyInfo into a ``cryptography`` key:
RSA (``rsaEncryption`` or ``id-RSASSA-PSS``) from its modulus and exponent, EC from its
point on a named curve or on the named curve its explicit parameters describe
(:mod:`.curves`). :func:`verify_signature` checks one signature under an X.509/CMS
algorithm identifier: RSASSA-PKCS1-v1_5, RSASSA-PSS with its own parameters (RFC 4055
§3.1), ECDSA (X9.62 DER signatures) and BSI TR-03111 ``ecdsa-plain`` (r || s).

Both answer with an :class:`Outcome` — ``ok``, ``failed`` or ``cannot_tell`` with a
reason — never an exception: an algorithm or curve Passage cannot compute is "cannot
tell", never a pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

from .curves import CURVE_OIDS, curve_for, match_curve

Status = Literal["ok", "failed", "cannot_tell"]

HASHES: Final[dict[str, type[hashes.HashAlgorithm]]] = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}
"""The hash algorithms ICAO 9303-12 §4.4 allows for the SOD and certificates."""

_ECDSA_PLAIN: Final[dict[str, str]] = {
    "0.4.0.127.0.7.1.1.4.1.1": "sha1",
    "0.4.0.127.0.7.1.1.4.1.2": "sha224",
    "0.4.0.127.0.7.1.1.4.1.3": "sha256",
    "0.4.0.127.0.7.1.1.4.1.4": "sha384",
    "0.4.0.127.0.7.1.1.4.1.5": "sha512",
}
"""BSI TR-03111 §5.2.1 ecdsa-plain-SHA*: the signature is r || s, not a DER sequence."""


_ID_EC_PUBLIC_KEY: Final = "1.2.840.10045.2.1"


@dataclass(frozen=True, slots=True)
class Outcome:
    status: Status
    reason: str


@dataclass(frozen=True, slots=True)
class PublicKey:
    """A usable key, or why there is none (``key`` None and ``reason`` set)."""

    key: rsa.RSAPublicKey | ec.EllipticCurvePublicKey | None
    description: str
    reason: str = ""


def load_public_key(info: Any) -> PublicKey:
    """A ``cryptography`` key from an asn1crypto ``PublicKeyInfo``."""
    try:
        algorithm = info["algorithm"]["algorithm"].native
        if algorithm in {"rsa", "rsassa_pss"}:
            numbers = info["public_key"].parsed
            modulus, exponent = numbers["modulus"].native, numbers["public_exponent"].native
            key = rsa.RSAPublicNumbers(exponent, modulus).public_key()
            return PublicKey(key, f"RSA-{key.key_size}")
        if algorithm == "ec":
            return _ec_key(info)
        return PublicKey(None, algorithm, f"public key algorithm {algorithm} is not supported")
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        return PublicKey(None, "unreadable", f"the public key cannot be read: {exc}")


def _ec_key(info: Any) -> PublicKey:
    parameters = info["algorithm"]["parameters"]
    kind = parameters.name
    if kind == "named":
        oid = parameters.chosen.dotted
        name = CURVE_OIDS.get(oid)
        if name is None:
            return PublicKey(None, f"EC {oid}", f"curve {oid} is not known")
        how = "named"
    elif kind == "specified":
        name = _explicit_curve(parameters.chosen)
        if name is None:
            return PublicKey(
                None, "EC (explicit)", "explicit EC parameters describe no curve Passage knows"
            )
        how = "explicit parameters"
    else:
        return PublicKey(None, "EC", "implicitly-CA EC parameters cannot be verified")
    curve = curve_for(name)
    if curve is None:
        return PublicKey(None, f"EC {name}", f"curve {name} is not supported by cryptography")
    point = info["public_key"].native
    key = ec.EllipticCurvePublicKey.from_encoded_point(curve, point)
    return PublicKey(key, f"ECDSA {name} ({how})")


def _explicit_curve(domain: Any) -> str | None:
    field = domain["field_id"]
    if field["field_type"].native != "prime_field":
        return None
    p = field["parameters"].native
    a = int.from_bytes(domain["curve"]["a"].native, "big")
    b = int.from_bytes(domain["curve"]["b"].native, "big")
    base = domain["base"].native
    size = (p.bit_length() + 7) // 8
    if base[:1] == b"\x04" and len(base) == 1 + 2 * size:
        gx, gy = int.from_bytes(base[1 : 1 + size], "big"), int.from_bytes(base[1 + size :], "big")
    elif base[:1] in {b"\x02", b"\x03"} and len(base) == 1 + size:
        gx, gy = int.from_bytes(base[1:], "big"), None
    else:
        return None
    cofactor = domain["cofactor"].native
    return match_curve(p, a, b, gx, gy, domain["order"].native, cofactor)


def verify_signature(
    public_key: PublicKey,
    algorithm: Any,
    data: bytes,
    signature: bytes,
    *,
    digest_algorithm: str | None = None,
) -> Outcome:
    """Verify ``signature`` over ``data`` under an asn1crypto ``SignedDigestAlgorithm``.

    ``digest_algorithm`` is the CMS SignerInfo's, used when the signature algorithm names
    no hash itself (``rsaEncryption``, ``id-ecPublicKey``), as RFC 5652 §5.3 allows.
    """
    key = public_key.key
    if key is None:
        return Outcome("cannot_tell", public_key.reason)
    try:
        oid = algorithm["algorithm"].dotted
        if oid in _ECDSA_PLAIN:
            return _verify_ec(key, data, _plain_to_der(signature), _ECDSA_PLAIN[oid])
        if oid == _ID_EC_PUBLIC_KEY and digest_algorithm in HASHES:
            # Some states name the key's algorithm, not the signature's, in SignerInfo;
            # RFC 5753 §2.1.1 lets the digest algorithm give the hash.
            return _verify_ec(key, data, signature, digest_algorithm)
        kind = algorithm.signature_algo
        if kind == "rsassa_pss":
            return _verify_pss(key, algorithm["parameters"], data, signature)
        try:
            hash_name = algorithm.hash_algo
        except ValueError:
            hash_name = digest_algorithm
        if hash_name not in HASHES:
            return Outcome("cannot_tell", f"hash algorithm {hash_name} is not supported")
        if kind == "rsassa_pkcs1v15":
            if not isinstance(key, rsa.RSAPublicKey):
                return Outcome("failed", f"an RSA signature but a {public_key.description} key")
            key.verify(signature, data, padding.PKCS1v15(), HASHES[hash_name]())
            return Outcome("ok", f"RSA PKCS#1 v1.5 with {hash_name}, {public_key.description}")
        if kind == "ecdsa":
            return _verify_ec(key, data, signature, hash_name)
        return Outcome("cannot_tell", f"signature algorithm {kind} is not supported")
    except InvalidSignature:
        return Outcome("failed", f"the signature does not verify ({public_key.description})")
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        return Outcome("cannot_tell", f"signature algorithm not supported or unreadable: {exc}")


def _verify_ec(key: Any, data: bytes, signature: bytes, hash_name: str) -> Outcome:
    if not isinstance(key, ec.EllipticCurvePublicKey):
        return Outcome("failed", "an ECDSA signature but an RSA key")
    if hash_name not in HASHES:
        return Outcome("cannot_tell", f"hash algorithm {hash_name} is not supported")
    key.verify(signature, data, ec.ECDSA(HASHES[hash_name]()))
    return Outcome("ok", f"ECDSA with {hash_name} on {key.curve.name}")


def _verify_pss(key: Any, parameters: Any, data: bytes, signature: bytes) -> Outcome:
    if not isinstance(key, rsa.RSAPublicKey):
        return Outcome("failed", "an RSA-PSS signature but an EC key")
    # RFC 4055 §3.1: absent fields mean SHA-1, MGF1 with SHA-1, salt 20, trailer 1.
    hash_name = parameters["hash_algorithm"]["algorithm"].native
    mgf = parameters["mask_gen_algorithm"]
    if mgf["algorithm"].native != "mgf1":
        return Outcome("cannot_tell", f"RSA-PSS mask generation {mgf['algorithm'].native}")
    mgf_hash = mgf["parameters"]["algorithm"].native
    if parameters["trailer_field"].native != "trailer_field_bc":
        return Outcome("cannot_tell", "RSA-PSS trailer field other than 0xBC")
    salt = parameters["salt_length"].native
    if hash_name not in HASHES or mgf_hash not in HASHES:
        return Outcome("cannot_tell", f"RSA-PSS hash {hash_name}/{mgf_hash} is not supported")
    key.verify(
        signature,
        data,
        padding.PSS(mgf=padding.MGF1(HASHES[mgf_hash]()), salt_length=salt),
        HASHES[hash_name](),
    )
    return Outcome(
        "ok", f"RSA-PSS with {hash_name}, MGF1-{mgf_hash}, salt {salt}, RSA-{key.key_size}"
    )


def _plain_to_der(signature: bytes) -> bytes:
    if not signature or len(signature) % 2:
        raise ValueError("an ecdsa-plain signature has an odd length")
    half = len(signature) // 2
    r, s = int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big")
    return utils.encode_dss_signature(r, s)
