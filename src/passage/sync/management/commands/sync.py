from __future__ import annotations

import datetime as dt
import json
import logging
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

from passage.accounts import audit
from passage.core.problems import ProblemError
from passage.sync import services
from passage.sync.client import ClientError, linked_client
from passage.sync.models import ClockFlag, Node

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Synchronise a post with headquarters. Without a sub-command (at a post): push the "
        "outbox and pull reference data and rules, once or --loop. At HQ: enrol, rekey, "
        "revoke, verify; at a post: join. status works at both."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep syncing (post)")
        parser.add_argument(
            "--interval", type=float, default=30.0, help="seconds between rounds with --loop"
        )
        parser.add_argument(
            "--batch", type=int, default=4000, help="outbox rows per batch (default 4000)"
        )
        sub = parser.add_subparsers(dest="action", metavar="ACTION")
        enrol = sub.add_parser("enrol", help="HQ: enrol a post and print its credentials once")
        enrol.add_argument("name")
        enrol.add_argument("--crossing-point", default="", help="code of the post's crossing point")
        rekey = sub.add_parser("rekey", help="HQ: give a post a new key (the old one stops)")
        rekey.add_argument("name")
        revoke = sub.add_parser("revoke", help="HQ: refuse every further request of a post")
        revoke.add_argument("name")
        revoke.add_argument("--reason", default="")
        join = sub.add_parser("join", help="post: store the credentials HQ printed")
        join.add_argument("--hq", required=True, help="HQ's address, e.g. https://hq.example.gov")
        join.add_argument("--node", required=True)
        join.add_argument("--key", required=True)
        status = sub.add_parser("status", help="backlog, last contact, dataset versions")
        status.add_argument("--json", action="store_true")
        sub.add_parser(
            "verify",
            help="HQ: verify every post's chain as HQ holds it and compare it with the head "
            "the post last reported; post: verify this post's chain and compare it with HQ's copy",
        )
        prune = sub.add_parser(
            "prune", help="post: delete outbox rows HQ has acknowledged and verified"
        )
        prune.add_argument(
            "--keep-days",
            type=int,
            default=services.KEEP_DAYS,
            help="keep rows acknowledged in the last DAYS days, which an HQ restored from "
            f"a backup of that age asks for again (default {services.KEEP_DAYS})",
        )
        prune.add_argument(
            "--vacuum",
            action="store_true",
            help="then give the freed space back to the file system (SQLite VACUUM: the "
            "database is locked while it runs; without it SQLite reuses the space)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options.get("action")
        if action is None:
            self._sync(options)
        else:
            getattr(self, f"_{action}")(options)

    def _need(self, role: str) -> None:
        if role != settings.PASSAGE_ROLE:
            where = "a post (PASSAGE_ROLE=node)" if role == "node" else "HQ (PASSAGE_ROLE=hq)"
            raise CommandError(f"this runs at {where}; PASSAGE_ROLE is {settings.PASSAGE_ROLE}")

    def _node(self, name: str) -> Node:
        node = Node.objects.filter(name=name).first()
        if node is None:
            raise CommandError(f"no node named {name!r} (passage sync status lists them)")
        return node

    def _sync(self, options: dict[str, Any]) -> None:
        """One round, or rounds forever with --loop: a loop survives every error (HQ
        unreachable, an alert list HQ no longer holds, a database error), which the
        round has stored for the status page and HQ, and tries again."""
        self._need("node")
        while True:
            started = time.monotonic()
            try:
                summary = linked_client(batch_size=options["batch"]).run_once()
            except Exception as exc:
                if not options["loop"]:
                    if isinstance(exc, ClientError | ProblemError):
                        raise CommandError(str(exc)) from exc
                    raise
                if not isinstance(exc, ClientError | ProblemError):
                    logger.exception("sync round failed")
                self.stderr.write(f"sync failed, will retry: {type(exc).__name__}: {exc}")
            else:
                pulled = (
                    ", ".join(f"{k} {v[:12]}" for k, v in summary.pulled.items()) or "nothing new"
                )
                if summary.recovered:
                    self.stdout.write(summary.recovered)
                built = (
                    f"; built {summary.indexes_built} index(es)" if summary.indexes_built else ""
                )
                self.stdout.write(
                    f"sent {summary.sent} rows in {summary.batches} batches "
                    f"({time.monotonic() - started:.1f} s); HQ holds up to #{summary.acked}; "
                    f"backlog {summary.backlog}; pulled {pulled}{built}"
                )
            if not options["loop"]:
                return
            time.sleep(options["interval"])

    def _enrol(self, options: dict[str, Any]) -> None:
        self._need("hq")
        try:
            credentials = services.enrol_node(None, options["name"], options["crossing_point"])
        except ProblemError as exc:
            raise CommandError(str(exc)) from exc
        self._print_credentials(credentials)

    def _rekey(self, options: dict[str, Any]) -> None:
        self._need("hq")
        self._print_credentials(services.rekey_node(None, self._node(options["name"])))

    def _print_credentials(self, credentials: services.Credentials) -> None:
        node = credentials.node
        self.stdout.write(f"node {node.name}: id {node.pk}")
        self.stdout.write(f"key (shown once, HQ does not store it): {credentials.key}")
        self.stdout.write(f"fingerprint: {node.key_fingerprint}")
        self.stdout.write("on the post, run:")
        self.stdout.write(f"  {credentials.join_command}")

    def _revoke(self, options: dict[str, Any]) -> None:
        self._need("hq")
        node = services.revoke_node(None, self._node(options["name"]), options["reason"])
        self.stdout.write(f"{node.name} revoked at {node.revoked_at:%Y-%m-%d %H:%M}")

    def _join(self, options: dict[str, Any]) -> None:
        self._need("node")
        try:
            link = services.join_hq(None, options["hq"], options["node"], options["key"])
        except ProblemError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"joined {link.hq_url} as node {link.node_id}; run `passage sync`")

    def _status(self, options: dict[str, Any]) -> None:
        margin = float(settings.PASSAGE_SYNC_CLOCK_MARGIN)
        warnings: list[str] = []
        if settings.PASSAGE_ROLE == "node":
            s = services.post_status()
            data: Any = {
                "role": "node",
                "hq": s.hq_url,
                "node": s.node_id,
                "outbox_head": s.head,
                "acked": s.acked,
                "backlog": s.backlog,
                "last_success_at": _iso(s.last_success_at),
                "last_attempt_at": _iso(s.last_attempt_at),
                "last_error": s.last_error,
                "recovery": s.recovery,
                "recovered_at": _iso(s.recovered_at),
                "last_pull_error": s.last_pull_error,
                "clock_offset_seconds": s.clock_offset,
                "clock_checked_at": _iso(s.clock_checked_at),
                "datasets": {c.name: c.as_dict() for c in s.datasets},
            }
            if s.clock_off:
                warnings.append(
                    f"this post's clock is {_offset(s.clock_offset)} (margin {margin:g} s)"
                )
            if s.last_pull_error:
                warnings.append(f"receiving from HQ fails: {s.last_pull_error}")
        else:
            now = timezone.now()
            nodes = []
            for n in services.nodes_known():
                flagged = int(getattr(n, "flagged", 0))  # annotated by nodes_known()
                nodes.append(
                    {
                        "name": n.name,
                        "id": str(n.pk),
                        "received_seq": n.received_seq,
                        # What HQ knows, and how old that knowledge is: None until the
                        # post has reported its outbox in a signed request.
                        "backlog": n.backlog if n.backlog_known else None,
                        "reported_head": n.reported_head if n.backlog_known else None,
                        "reported_at": _iso(n.reported_at),
                        "reported_seconds_ago": _age(now, n.reported_at),
                        "last_contact_at": _iso(n.last_contact_at),
                        "revoked": n.revoked,
                        "datasets": n.datasets,
                        "last_error": n.last_error,
                        "restored_at": _iso(n.restored_at),
                        "post_error": n.post_error,
                        "clock_offset_seconds": n.clock_offset,
                        "clock_checked_at": _iso(n.clock_checked_at),
                        "clock_flagged_records": flagged,
                    }
                )
                if n.clock_off:
                    warnings.append(
                        f"{n.name}: clock {_offset(n.clock_offset)} (margin {margin:g} s), "
                        f"{flagged} record(s) flagged"
                    )
                elif flagged:
                    warnings.append(f"{n.name}: {flagged} record(s) flagged for the clock")
                if not n.backlog_known:
                    warnings.append(f"{n.name}: backlog unknown (the post has not reported)")
            data = {
                "role": "hq",
                "nodes": nodes,
                "unauthenticated_refused_24h": services.unauthenticated_refusals(),
                "flagged": list(
                    ClockFlag.objects.order_by("-id").values(
                        "node__name", "seq", "object_type", "object_id", "recorded_at", "reason"
                    )[:20]
                ),
            }
        data["warnings"] = warnings
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=2, default=str))
            return
        for key, value in data.items():
            if key == "warnings":
                continue
            if key == "nodes":
                for node in value:
                    age = node["reported_seconds_ago"]
                    backlog = (
                        "unknown (never reported)"
                        if node["backlog"] is None
                        else f"{node['backlog']} as reported {age:.0f} s ago"
                    )
                    self.stdout.write(
                        f"{node['name']}: received #{node['received_seq']}, backlog {backlog}"
                        f"{', revoked' if node['revoked'] else ''}"
                        f"{', restored from a backup at ' + node['restored_at'] if node['restored_at'] else ''}"
                        f"{'; post reports: ' + node['post_error'] if node['post_error'] else ''}"
                    )
                continue
            self.stdout.write(f"{key}: {value}")
        for warning in warnings:
            self.stdout.write(f"WARNING: {warning}")

    def _verify(self, options: dict[str, Any]) -> None:
        if settings.PASSAGE_ROLE == "node":
            self._verify_post()
            return
        self._need("hq")
        broken = 0
        for node in Node.objects.all():
            result = services.verify_node_chain(node)
            if not result.ok:
                broken += 1
                self.stdout.write(
                    f"{node.name}: BROKEN after {result.checked} events: {result.reason}"
                )
                continue
            try:
                compared = services.compare_reported_head(node)
            except ValueError as exc:
                broken += 1
                self.stdout.write(f"{node.name}: DISAGREES: {exc}")
                continue
            self.stdout.write(
                f"{node.name}: {result.checked} events from #{result.first_seq} verified; "
                f"{compared}"
            )
        if broken:
            raise CommandError(f"{broken} post chain(s) broken or disagreeing")

    def _verify_post(self) -> None:
        """This post's own chain, then HQ's copy of it compared with it."""
        own = audit.verify()
        if not own.ok:
            raise CommandError(f"this post's chain is BROKEN at #{own.broken_seq}: {own.reason}")
        try:
            result = linked_client().compare_chains()
        except ClientError as exc:
            raise CommandError(
                f"{own.checked} events verified here; HQ not compared: {exc}"
            ) from exc
        self.stdout.write(f"{own.checked} events verified here; {result}")

    def _prune(self, options: dict[str, Any]) -> None:
        self._need("node")
        deleted = services.prune_outbox(None, options["keep_days"])
        if options["vacuum"] and connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM")
        self.stdout.write(
            f"pruned {deleted} outbox rows acknowledged and verified by HQ more than "
            f"{options['keep_days']} days ago; {services.post_status().backlog} waiting to be sent"
        )


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _age(now: dt.datetime, then: dt.datetime | None) -> float | None:
    return round((now - then).total_seconds(), 1) if then else None


def _offset(seconds: float | None) -> str:
    if seconds is None:
        return "not measured"
    return f"{abs(seconds):.0f} s {'ahead of' if seconds > 0 else 'behind'} HQ"
