"""The six roles, each a group holding exactly the permissions its jobs need.

This table is the single source of truth: ``sync_roles()`` makes the groups match it
(adding and removing permissions), and a test checks every group against it. Apps add
their permissions here as their capabilities arrive.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from . import audit
from .choices import AuditAction
from .models import User


class Role(models.TextChoices):
    BORDER_OFFICER = "border_officer", "Border officer"
    SUPERVISOR = "supervisor", "Supervisor"
    PROTECTION_OFFICER = "protection_officer", "Protection officer"
    ANALYST = "analyst", "Analyst"
    ADMINISTRATOR = "administrator", "Administrator"
    DATA_PROTECTION_OFFICER = "data_protection_officer", "Data-protection officer"
    CARRIER_GATEWAY = "carrier_gateway", "Carrier gateway"
    FIELD_ENUMERATOR = "field_enumerator", "Field enumerator"

    @property
    def translated(self) -> str:
        """The role's name in the user's language (group names stay in English)."""
        return str(ROLE_TITLES[self])


ROLE_TITLES = {
    Role.BORDER_OFFICER: _("Border officer"),
    Role.SUPERVISOR: _("Supervisor"),
    Role.PROTECTION_OFFICER: _("Protection officer"),
    Role.ANALYST: _("Analyst"),
    Role.ADMINISTRATOR: _("Administrator"),
    Role.DATA_PROTECTION_OFFICER: _("Data-protection officer"),
    Role.CARRIER_GATEWAY: _("Carrier gateway"),
    Role.FIELD_ENUMERATOR: _("Field enumerator"),
}

_SITE = {"accounts.access_site", "accounts.hold_api_tokens"}
_VIEW_REFERENCE = {
    "reference.view_country",
    "reference.view_adminarea",
    "reference.view_bordercrossingpoint",
}
_MANAGE_REFERENCE = {
    f"reference.{verb}_{model}"
    for verb in ("view", "add", "change", "delete")
    for model in ("country", "adminarea", "bordercrossingpoint", "refusalground")
} | {f"stay.{verb}_stayrule" for verb in ("view", "add", "change", "delete")}

_COUNTER = {
    "crossings.record_crossing",
    "crossings.view_crossing",
    "travellers.view_traveller_history",
    "reference.view_refusalground",
}
# statistics: aggregates only, never a person.
_STATISTICS = {"statistics.view_statistics", "statistics.refresh_statistics"}
_SUPERVISE = {
    "crossings.amend_crossing",
    "crossings.decide_secondary",
    "crossings.review_document_override",
    "reference.switch_mode",
    "stay.review_overstay",
    "stay.record_visa",
}

# Alert lists (docs/alerts.md): supervisors review hits and see why a person is listed;
# administrators manage the lists.
_ALERTS_REVIEW = {"alerts.review_hit", "alerts.view_alert_reason", "alerts.view_alertlist"}
_ALERTS_MANAGE = {
    "alerts.manage_alerts",
    "alerts.view_alertlist",
    "alerts.view_alertentry",
    "alerts.view_alert_reason",
}
# sync: everyone at a post sees its backlog; administrators enrol and revoke posts.
_SYNC_STATUS = {"sync.view_sync_status"}
_SYNC_MANAGE = {"sync.view_sync_status", "sync.enrol_node"}

ROLE_PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.BORDER_OFFICER: frozenset(_SITE | _VIEW_REFERENCE | _COUNTER | _SYNC_STATUS),
    Role.SUPERVISOR: frozenset(
        _SITE
        | _VIEW_REFERENCE
        | _COUNTER
        | _SUPERVISE
        | _ALERTS_REVIEW
        | _STATISTICS
        | _SYNC_STATUS
    ),
    Role.PROTECTION_OFFICER: frozenset(_SITE | _VIEW_REFERENCE),
    Role.ANALYST: frozenset(
        _SITE | {"reference.view_country", "reference.view_bordercrossingpoint"} | _STATISTICS
    ),
    Role.ADMINISTRATOR: frozenset(
        _SITE
        | _MANAGE_REFERENCE
        | _ALERTS_MANAGE
        | {
            "accounts.view_user",
            "accounts.add_user",
            "accounts.change_user",
            "auth.view_group",
            "accounts.verify_audit",
        }
        | _SYNC_MANAGE
    ),
    Role.DATA_PROTECTION_OFFICER: frozenset(
        _SITE
        | _VIEW_REFERENCE
        | {"accounts.view_auditevent", "accounts.verify_audit", "accounts.view_user"}
        # oversight (issue 22): access reviews and the transparency report.
        | {
            "oversight.view_accessreview",
            "oversight.review_access",
            "oversight.publish_transparency",
        }
    ),
}

# protection: counter staff flag and register; only protection officers see details;
# administrators keep the directory of service providers. (Added, not merged into the
# table above, to keep the apps' edits to this file apart.)
_PROTECTION_COUNTER = {
    "protection.flag_vulnerability",
    "protection.register_household",
    "protection.complete_household",
}
for _role, _extra in {
    Role.BORDER_OFFICER: _PROTECTION_COUNTER,
    Role.SUPERVISOR: _PROTECTION_COUNTER,
    Role.PROTECTION_OFFICER: {
        "protection.view_protection",
        "protection.manage_referral",
        "protection.view_serviceprovider",
        "protection.register_household",
        "protection.complete_household",
    },
    Role.ADMINISTRATOR: {
        *(f"protection.{verb}_serviceprovider" for verb in ("view", "add", "change", "delete")),
        "protection.view_indicator",
        "protection.change_indicator",
        "protection.view_service",
    },
}.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | frozenset(_extra)

# passengers (issue 21): supervisors and analysts of a post see its arriving flights
# (counts); supervisors see the persons listed; administrators import files; a carrier
# gateway account holds a token that may only send lists. (Added apart, as above.)
ROLE_PERMISSIONS[Role.CARRIER_GATEWAY] = frozenset(
    {"accounts.hold_api_tokens", "passengers.submit_passenger_lists"}
)
for _role, _extra in {
    Role.SUPERVISOR: {
        "passengers.view_arriving_flights",
        "passengers.view_listed_persons",
        "passengers.review_listed_hits",
    },
    Role.ANALYST: {"passengers.view_arriving_flights"},
    Role.ADMINISTRATOR: {"passengers.import_passenger_lists"},
}.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | frozenset(_extra)

# identity (issue 20): supervisors review proposed links between documents of one person.
ROLE_PERMISSIONS[Role.SUPERVISOR] = ROLE_PERMISSIONS[Role.SUPERVISOR] | frozenset(
    {"identity.review_link"}
)

# travellers (decision 0105): supervisors correct a traveller's identity fields and
# resolve conflicting corrections (both values shown). (Added apart, as above.)
ROLE_PERMISSIONS[Role.SUPERVISOR] = ROLE_PERMISSIONS[Role.SUPERVISOR] | frozenset(
    {"travellers.correct_traveller", "travellers.resolve_conflict"}
)

# subject access (issue 22): the data-protection officer handles a person's requests
# about their own data; a protection officer releases protection records into the file.
for _role, _extra in {
    Role.DATA_PROTECTION_OFFICER: {"subjectaccess.handle_subject_requests"},
    Role.PROTECTION_OFFICER: {"subjectaccess.release_protection_records"},
}.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | frozenset(_extra)

# retention (issue 22): the data-protection officer sees the schedule and the purges and
# places legal holds. (Added apart, as above.)
ROLE_PERMISSIONS[Role.DATA_PROTECTION_OFFICER] = ROLE_PERMISSIONS[
    Role.DATA_PROTECTION_OFFICER
] | frozenset({"retention.view_retention", "retention.manage_legal_hold"})

# displacement (issue 23): a field enumerator counts and interviews at the flow
# monitoring points assigned to them, assesses the areas and sites around them and
# imports their forms' submissions; analysts see the dashboards and exports (figures
# only); administrators keep the points and sites. (Added apart, as above.)
ROLE_PERMISSIONS[Role.FIELD_ENUMERATOR] = frozenset(
    _SITE
    | {
        "reference.view_adminarea",
        "reference.view_country",
        "displacement.view_flowmonitoringpoint",
        "displacement.record_flow",
        "displacement.assess_sites",
        "displacement.import_submissions",
    }
    | _SYNC_STATUS
)
for _role, _extra in {
    Role.ANALYST: {"displacement.view_displacement", "displacement.view_flowmonitoringpoint"},
    Role.ADMINISTRATOR: {
        *(
            f"displacement.{verb}_{model}"
            for verb in ("view", "add", "change")
            for model in ("flowmonitoringpoint", "site")
        ),
    },
}.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | frozenset(_extra)

# Roles whose members use the Django admin (reference data, users).
STAFF_ROLES = frozenset({Role.ADMINISTRATOR})


def group_name(role: Role) -> str:
    return str(role.label)


def _permission(name: str) -> Permission:
    app_label, codename = name.split(".", 1)
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist as exc:
        raise LookupError(f"role table names unknown permission {name!r}") from exc


@transaction.atomic
def sync_roles(actor: User | None = None) -> dict[str, int]:
    """Create or update the role groups so that they hold exactly their permissions."""
    changed: dict[str, int] = {}
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name(role))
        wanted = {_permission(name) for name in names}
        current = set(group.permissions.all())
        if wanted != current:
            group.permissions.set(wanted)
            changed[group.name] = len(wanted)
    if changed:
        audit.record(
            actor,
            AuditAction.ROLES_SYNCED,
            object_type="auth.group",
            details={"groups": changed},
            message="Role groups brought in line with the role table",
        )
    return changed


def roles_of(user: object) -> list[Role]:
    names = set(user.groups.values_list("name", flat=True))  # type: ignore[attr-defined]
    return [role for role in Role if group_name(role) in names]
