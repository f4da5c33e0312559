from __future__ import annotations

import json
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from passage.accounts import audit
from passage.core.problems import ProblemError
from passage.sync import services
from passage.sync.client import ClientError, linked_client
from passage.sync.models import Node


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
        self._need("node")
        while True:
            started = time.monotonic()
            try:
                summary = linked_client(batch_size=options["batch"]).run_once()
            except ClientError as exc:
                if not options["loop"]:
                    raise CommandError(str(exc)) from exc
                self.stderr.write(f"sync failed, will retry: {exc}")
            else:
                pulled = (
                    ", ".join(f"{k} {v[:12]}" for k, v in summary.pulled.items()) or "nothing new"
                )
                if summary.recovered:
                    self.stdout.write(summary.recovered)
                self.stdout.write(
                    f"sent {summary.sent} rows in {summary.batches} batches "
                    f"({time.monotonic() - started:.1f} s); HQ holds up to #{summary.acked}; "
                    f"backlog {summary.backlog}; pulled {pulled}"
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
        if settings.PASSAGE_ROLE == "node":
            s = services.post_status()
            data: Any = {
                "role": "node",
                "hq": s.hq_url,
                "node": s.node_id,
                "outbox_head": s.head,
                "acked": s.acked,
                "backlog": s.backlog,
                "last_success_at": s.last_success_at.isoformat() if s.last_success_at else None,
                "last_error": s.last_error,
                "recovery": s.recovery,
                "recovered_at": s.recovered_at.isoformat() if s.recovered_at else None,
                "datasets": {c.name: c.as_dict() for c in s.datasets},
            }
        else:
            data = {
                "role": "hq",
                "nodes": [
                    {
                        "name": n.name,
                        "id": str(n.pk),
                        "received_seq": n.received_seq,
                        "backlog": n.backlog,
                        "last_contact_at": n.last_contact_at.isoformat()
                        if n.last_contact_at
                        else None,
                        "revoked": n.revoked,
                        "datasets": n.datasets,
                        "last_error": n.last_error,
                        "restored_at": n.restored_at.isoformat() if n.restored_at else None,
                    }
                    for n in Node.objects.all()
                ],
            }
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=2))
            return
        for key, value in data.items():
            self.stdout.write(f"{key}: {value}")

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
