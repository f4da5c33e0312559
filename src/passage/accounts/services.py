"""Writes of accounts: tokens, users, sign-in events. Each atomic and audited."""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.utils import timezone

from passage.core.problems import ProblemError

from . import audit
from .choices import AuditAction
from .models import ApiToken, User, hash_token
from .roles import STAFF_ROLES, Role, group_name, sync_roles

TOKEN_PREFIX = "psg"  # noqa: S105 - a public marker, not a secret


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once, never stored


@transaction.atomic
def create_token(actor: User | None, user: User, name: str, days: int | None = None) -> IssuedToken:
    name = name.strip()
    if not name:
        raise ProblemError({"name": "give the token a name, such as the reader or script using it"})
    if len(name) > 100:
        raise ProblemError({"name": "at most 100 characters"})
    limit = settings.PASSAGE_API_TOKEN_DAYS
    days = limit if days is None else days
    if not 1 <= days <= limit:
        raise ProblemError({"days": f"a token lives between 1 and {limit} days"})
    prefix = secrets.token_hex(6)
    secret = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        secret_hash=hash_token(secret),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    audit.record(
        actor,
        AuditAction.TOKEN_CREATED,
        obj=token,
        after={"user": str(user.pk), "name": name, "expires_at": token.expires_at},
    )
    return IssuedToken(token, secret)


@transaction.atomic
def revoke_token(actor: User | None, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor, AuditAction.TOKEN_REVOKED, obj=token)
    return token


def authenticate_token(secret: str) -> tuple[User | None, str]:
    """The user a bearer token stands for, or None with the reason it was refused."""
    parts = secret.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None, "malformed token"
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.secret_hash, hash_token(secret)):
        return None, "unknown token"
    now = timezone.now()
    if token.revoked_at is not None:
        return None, "revoked token"
    if token.expires_at <= now:
        return None, "expired token"
    if not token.user.is_active:
        return None, "inactive user"
    # Conditional update: concurrent requests do not each write the row.
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user, ""


@transaction.atomic
def audited_save(
    actor: User | None, instance: models.Model, *, validate: bool = True
) -> models.Model:
    """Create or change one object outside a dedicated service (the admin), with before/after."""
    if validate:
        instance.full_clean()
    model = type(instance)
    existing = model._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    before = audit.snapshot(existing) if existing is not None else None
    instance.save()
    audit.record(
        actor,
        AuditAction.UPDATE if existing is not None else AuditAction.CREATE,
        obj=instance,
        before=before,
        after=audit.snapshot(instance),
    )
    return instance


@transaction.atomic
def audited_delete(actor: User | None, instance: models.Model) -> None:
    audit.record(actor, AuditAction.DELETE, obj=instance, before=audit.snapshot(instance))
    instance.delete()


@transaction.atomic
def audited_relations(
    actor: User | None, instance: models.Model, before: dict[str, list[str]]
) -> None:
    """Record changes to many-to-many relations (groups, assigned crossing points)."""
    after = {
        name: sorted(str(pk) for pk in getattr(instance, name).values_list("pk", flat=True))
        for name in before
    }
    if after != before:
        audit.record(
            actor,
            AuditAction.UPDATE,
            obj=instance,
            before={"relations": before},
            after={"relations": after},
        )


@transaction.atomic
def record_login(user: User) -> None:
    audit.record(user, AuditAction.LOGIN, obj=user)


@transaction.atomic
def record_logout(user: User | AnonymousUser) -> None:
    if user is not None and user.is_authenticated:
        audit.record(user, AuditAction.LOGOUT, obj=user)


@transaction.atomic
def record_login_failure(username: str, *, locked: bool = False) -> None:
    audit.record(
        None,
        AuditAction.LOGIN_LOCKED if locked else AuditAction.LOGIN_FAILED,
        object_type="accounts.user",
        actor_name=username[:150],
        message="Too many failed attempts; locked out" if locked else "Wrong username or password",
    )


@transaction.atomic
def set_password(actor: User | None, user: User, password: str) -> None:
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(actor, AuditAction.UPDATE, obj=user, details={"fields": ["password"]})


@transaction.atomic
def create_user(
    actor: User | None,
    username: str,
    *,
    password: str | None,
    roles: list[Any],
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    crossing_points: list[Any] | None = None,
    national_scope: bool = False,
) -> User:
    """Create or update a user with the given roles and assignments (demo, provisioning)."""
    from django.contrib.auth.models import Group

    user = User.objects.filter(username=username).first()
    before = audit.snapshot(user) if user is not None else None
    if user is None:
        user = User(username=username)
    user.first_name, user.last_name, user.email = first_name, last_name, email
    user.national_scope = national_scope
    user.is_staff = any(role in STAFF_ROLES for role in roles)
    if password is not None:
        user.set_password(password)
    user.full_clean(exclude=["password"] if password is None else None)
    user.save()
    user.groups.set([Group.objects.get(name=group_name(role)) for role in roles])
    user.crossing_points.set(crossing_points or [])
    after = audit.snapshot(user)
    after["roles"] = sorted(str(role) for role in roles)
    after["crossing_points"] = sorted(str(p.code) for p in crossing_points or [])
    audit.record(
        actor,
        AuditAction.CREATE if before is None else AuditAction.UPDATE,
        obj=user,
        before=before,
        after=after,
    )
    return user


@transaction.atomic
def install_administrator(username: str, password: str) -> User:
    """The installation's first administrator (``passage administrator``): the
    administrator role at national scope, marked superuser. The mark gives nothing the
    role does not (decision 0042); it is only ever set here, from the command line."""
    sync_roles()
    user = create_user(
        None, username, password=password, roles=[Role.ADMINISTRATOR], national_scope=True
    )
    User.objects.filter(pk=user.pk).update(is_superuser=True)
    user.is_superuser = True
    audit.record(
        None,
        AuditAction.UPDATE,
        obj=user,
        details={"is_superuser": True},
        message="installation administrator set from the command line",
    )
    return user
