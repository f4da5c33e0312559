from __future__ import annotations

from django.db import models


class AuditAction(models.TextChoices):
    """What an audit event records. Apps add members here as their capabilities arrive."""

    CREATE = "create", "created"
    UPDATE = "update", "changed"
    DELETE = "delete", "deleted"
    READ = "read", "read personal data"
    IMPORT = "import", "imported"
    LOGIN = "login", "logged in"
    LOGIN_FAILED = "login_failed", "login failed"
    LOGIN_LOCKED = "login_locked", "login locked out"
    LOGOUT = "logout", "logged out"
    SESSION_EXPIRED = "session_expired", "session expired"
    ACCESS_DENIED = "access_denied", "access denied"
    API_AUTH_FAILED = "api_auth_failed", "API authentication failed"
    TOKEN_CREATED = "token_created", "API token created"
    TOKEN_REVOKED = "token_revoked", "API token revoked"
    ROLES_SYNCED = "roles_synced", "roles synchronised"
    AUDIT_VERIFIED = "audit_verified", "audit chain verified"
    MODE_SWITCHED = "mode_switched", "crossing point mode switched"
    AMEND = "amend", "amended"
    DECIDE = "decide", "decided"
    EXPORT = "export", "exported personal data"
    # alerts
    WITHDRAW = "withdraw", "withdrawn"
    SUPPRESS = "suppress", "false positive suppressed"
    # statistics
    STATISTICS_REFRESHED = "statistics_refreshed", "statistics brought up to date"
    STATISTICS_EXPORTED = "statistics_exported", "statistics exported"
    # oversight (access reviews, transparency report)
    REVIEW_SIGNED = "review_signed", "access review signed off"
    WORKING_HOURS_SET = "working_hours_set", "working hours set"
    TRANSPARENCY_PUBLISHED = "transparency_published", "transparency report produced"
    # protection
    REFUSAL_BLOCKED = "refusal_blocked", "refusal blocked by a protection safeguard"
    PROTECTION_REFUSED = "protection_refused", "protection request refused"
    REFERRAL_STATUS = "referral_status", "referral status changed"
    # sync
    NODE_ENROLLED = "node_enrolled", "post node enrolled"
    NODE_REKEYED = "node_rekeyed", "post node given a new key"
    NODE_REVOKED = "node_revoked", "post node revoked"
    SYNC_JOINED = "sync_joined", "post joined headquarters"
    SYNC_RECEIVED = "sync_received", "batch received from a post"
    SYNC_REFUSED = "sync_refused", "sync request refused"
    SYNC_PULLED = "sync_pulled", "dataset received from headquarters"
    # identity
    LINK_PROPOSED = "link_proposed", "identity links proposed"
    LINK_DECIDED = "link_decided", "identity link decided"
    LINK_UNDONE = "link_undone", "identity link decision undone"
    SYNC_RESTORE_DETECTED = "sync_restore_detected", "post found restored from a backup"
    SYNC_RECOVERED = "sync_recovered", "post recovered its history from headquarters"
    SYNC_PRUNED = "sync_pruned", "acknowledged outbox rows pruned"
    # retention (issue 22, decision 0120-0124)
    RETENTION_PURGED = "retention_purged", "records purged under the retention schedule"
    PERSON_ERASED = "person_erased", "a person's records erased"
    DELETIONS_APPLIED = "deletions_applied", "deletions from headquarters applied"
    LEGAL_HOLD_PLACED = "legal_hold_placed", "legal hold placed"
    LEGAL_HOLD_LIFTED = "legal_hold_lifted", "legal hold lifted"
    # travellers: field-level corrections and their conflicts (decision 0105)
    CORRECT = "correct", "corrected"
    CONFLICT_RESOLVED = "conflict_resolved", "conflicting correction resolved"
