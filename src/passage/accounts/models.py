from __future__ import annotations

import hashlib
from typing import Any, ClassVar

from django.contrib.auth.models import (  # type: ignore[attr-defined]  # private helpers
    AbstractUser,
    _user_has_module_perms,  # the backends' loop, without the superuser pass
    _user_has_perm,
)
from django.db import models
from django.utils.translation import gettext_lazy as _
from uuid_utils.compat import uuid7

from .choices import AuditAction


class User(AbstractUser):
    """A person who signs in to Passage. Roles are groups (see ``roles.py``)."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    crossing_points = models.ManyToManyField(
        "reference.BorderCrossingPoint",
        blank=True,
        related_name="assigned_users",
        verbose_name=_("assigned crossing points"),
        help_text=_("Where this user may act. Officers act only at their assigned posts."),
    )
    national_scope = models.BooleanField(
        _("national scope"),
        default=False,
        help_text=_("May act at every crossing point (headquarters staff)."),
    )

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        # Django lets an active superuser pass every check; Passage holds everyone to the
        # role table (decision 0042).
        return self.is_active and _user_has_perm(self, perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_active and _user_has_module_perms(self, app_label)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        permissions = [
            ("access_site", "Use Passage (sign in and see the home page)"),
            ("hold_api_tokens", "Create and revoke own API tokens"),
        ]


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit event through the application."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events cannot be deleted.")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit events cannot be changed.")


class AuditEvent(models.Model):
    """One link of the append-only, hash-chained audit log.

    ``hash`` is SHA-256 over the previous event's hash and this event's canonical
    envelope with its payload's digest (see ``audit.canonical``); ``seq`` is the position in the chain, so a
    removed or altered row breaks the chain at a place ``passage audit verify`` names.
    """

    seq = models.BigIntegerField(primary_key=True)
    at = models.DateTimeField(db_index=True)
    actor_id = models.CharField(max_length=64, blank=True, db_index=True)
    actor_name = models.CharField(max_length=150, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    source_ip = models.CharField(max_length=64, blank=True)
    # Validated against AuditAction by audit.record(); no database choices, so that an app
    # adding an action needs no migration of the audit table.
    action = models.CharField(max_length=40, db_index=True)
    object_type = models.CharField(max_length=100, blank=True, db_index=True)
    object_id = models.CharField(max_length=100, blank=True, db_index=True)
    object_repr = models.CharField(max_length=200, blank=True)
    data = models.TextField(blank=True, help_text="Canonical JSON: before, after, details")
    message = models.TextField(blank=True)
    # SHA-256 of object_repr, data and message: what the chain covers (decision 0120).
    payload_digest = models.CharField(max_length=64, blank=True)
    # Set when a retention purge or an erasure removed the payload (audit.purge_payloads).
    purged_on = models.DateField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects: ClassVar[AuditEventQuerySet] = AuditEventQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["seq"]

        permissions = [("verify_audit", "Verify the integrity of the audit chain")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events cannot be deleted.")

    def get_action_display(self) -> str:
        try:
            return str(AuditAction(self.action).label)
        except ValueError:
            return self.action


class AuditChainHead(models.Model):
    """The chain's last link; locked while appending so that links never fork.

    It also anchors the tail: deleting the newest events leaves the head pointing past
    the end of the table, which verification reports.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    # The head under the first chain rule (hash over the whole payload) when migration
    # accounts/0004 re-chained the log over payload digests (decision 0120): an anchor
    # taken before that (a printed hash) is compared with these.
    legacy_seq = models.BigIntegerField(null=True, blank=True)
    legacy_hash = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"audit chain head at #{self.last_seq}"


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 of the secret is stored; the secret is shown once.

    Tokens are random 256-bit strings, so a fast hash is enough: there is nothing to
    guess that a slow hash would protect.
    """

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
