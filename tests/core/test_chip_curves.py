"""Explicit EC domain parameters → named curves (ICAO 9303-12 §4.1.6.1, RFC 5639, SEC 2)."""

from __future__ import annotations

import pytest
from asn1crypto import core, keys
from cryptography.hazmat.primitives.asymmetric import ec

from passage.core.chip.curves import CURVES, SUPPORTED, curve_for, match_curve
from passage.core.chip.keys import load_public_key


def _add(p, a, P, Q):
    if P is None:
        return Q
    if Q is None:
        return P
    (x1, y1), (x2, y2) = P, Q
    if x1 == x2 and (y1 + y2) % p == 0:
        return None
    if P == Q:
        slope = (3 * x1 * x1 + a) * pow(2 * y1, -1, p) % p
    else:
        slope = (y2 - y1) * pow(x2 - x1, -1, p) % p
    x3 = (slope * slope - x1 - x2) % p
    return x3, (slope * (x1 - x3) - y1) % p


def _multiply(p, a, k, P):
    result = None
    while k:
        if k & 1:
            result = _add(p, a, result, P)
        P = _add(p, a, P, P)
        k >>= 1
    return result


@pytest.mark.parametrize("name", sorted(CURVES))
def test_table_describes_a_curve_of_order_n(name):
    """G lies on y² = x³ + ax + b over F_p and n·G is the point at infinity."""
    c = CURVES[name]
    assert (c.gy * c.gy - (c.gx**3 + c.a * c.gx + c.b)) % c.p == 0
    assert _multiply(c.p, c.a, c.n, (c.gx, c.gy)) is None


@pytest.mark.parametrize("name", sorted(SUPPORTED))
def test_table_agrees_with_cryptography(name):
    """d·G computed from the table is the public key `cryptography` derives from d."""
    c = CURVES[name]
    curve = curve_for(name)
    assert curve is not None
    private = ec.generate_private_key(curve)
    d = private.private_numbers().private_value
    public = private.public_key().public_numbers()
    assert _multiply(c.p, c.a, d, (c.gx, c.gy)) == (public.x, public.y)


def _explicit(name, **changes):
    c = CURVES[name]._replace(**changes)
    size = (c.p.bit_length() + 7) // 8
    return keys.SpecifiedECDomain(
        {
            "version": "ecdpVer1",
            "field_id": {"field_type": "prime_field", "parameters": core.Integer(c.p)},
            "curve": {"a": c.a.to_bytes(size, "big"), "b": c.b.to_bytes(size, "big")},
            "base": b"\x04" + c.gx.to_bytes(size, "big") + c.gy.to_bytes(size, "big"),
            "order": c.n,
            "cofactor": c.h,
        }
    )


def _key_info(name, domain):
    curve, c = curve_for(name), CURVES[name]
    x, y = c.gx, c.gy  # the base point: a valid public key even where cryptography has no curve
    if curve is not None:
        point = ec.generate_private_key(curve).public_key().public_numbers()
        x, y = point.x, point.y
    size = (c.p.bit_length() + 7) // 8
    encoded = b"\x04" + x.to_bytes(size, "big") + y.to_bytes(size, "big")
    return keys.PublicKeyInfo(
        {
            "algorithm": {
                "algorithm": "ec",
                "parameters": keys.ECDomainParameters(name="specified", value=domain),
            },
            "public_key": encoded,
        }
    )


@pytest.mark.parametrize("name", sorted(SUPPORTED))
def test_explicit_parameters_give_the_named_curve(name):
    key = load_public_key(_key_info(name, _explicit(name)))
    assert key.key is not None
    assert key.key.curve.name == curve_for(name).name
    assert key.description == f"ECDSA {name} (explicit parameters)"


@pytest.mark.parametrize("field", ["p", "a", "b", "gx", "gy", "n", "h"])
def test_one_parameter_changed_matches_no_curve(field):
    c = CURVES["brainpoolP256r1"]
    values = c._asdict()
    values[field] += 2
    assert match_curve(**values) is None


def test_unknown_parameters_leave_the_key_unusable():
    key = load_public_key(_key_info("brainpoolP256r1", _explicit("brainpoolP256r1", b=5)))
    assert key.key is None
    assert key.reason == "explicit EC parameters describe no curve Passage knows"


def test_recognised_but_unsupported_curve_is_named():
    key = load_public_key(_key_info("brainpoolP224r1", _explicit("brainpoolP224r1")))
    assert key.key is None
    assert key.reason == "curve brainpoolP224r1 is not supported by cryptography"


def test_compressed_base_point_is_matched_by_x():
    c = CURVES["secp384r1"]
    assert match_curve(c.p, c.a, c.b, c.gx, None, c.n, None) == "secp384r1"
