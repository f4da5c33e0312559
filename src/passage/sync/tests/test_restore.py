"""The restore drill: a post restored from a backup, with HQ behind a real HTTP server.

Back up a post (SQLite's online backup), record, sync, restore the backup, record
again, sync: the post must notice that HQ holds more of its history than it does, take
that history back, renumber what it recorded since the restore, and send it; in the end
HQ and the post hold every crossing once and the two copies of the post's audit chain
verify and agree (decision 0110). Before this, the post reused sequence numbers HQ
already held, HQ answered "duplicate" and the crossings recorded since the restore were
never sent (issue 24, point 1).
"""

from __future__ import annotations

import sqlite3
import subprocess

import pytest

from .test_faults import Site, _free_port, _kill, _wait_for

pytestmark = pytest.mark.slow


def _record(post: Site, count: int, seed: int, prefix: str) -> None:
    post.run(
        "shell",
        "-c",
        f"from passage.sync.tests.nodework import record; record({count}, {seed}, '{prefix}')",
    )


def _backup(post: Site, target: str) -> None:
    source = sqlite3.connect(post.var / "passage.sqlite3")
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def _restore(post: Site, backup: str) -> None:
    for suffix in ("-wal", "-shm"):
        (post.var / f"passage.sqlite3{suffix}").unlink(missing_ok=True)
    source = sqlite3.connect(backup)
    target = sqlite3.connect(post.var / "passage.sqlite3")
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def _crossings(site: Site) -> list[str]:
    return [r[0] for r in site.query("SELECT id FROM crossings_crossing")]


def test_a_post_restored_from_a_backup_takes_back_its_history_and_loses_nothing(tmp_path):
    port = _free_port()
    hq_url = f"http://127.0.0.1:{port}"
    hq, post = Site(tmp_path, "hq", "hq"), Site(tmp_path, "post", "node")
    setups = []
    for site in (hq, post):
        site.var.mkdir()
        setups.append(
            site.start(
                "shell",
                "-c",
                "from django.core.management import call_command as c; "
                "c('setup'); c('demo', crossings=0, quiet_logins=True)",
            )
        )
    for process in setups:
        assert process.wait(timeout=300) == 0
    out = hq.run("sync", "enrol", "post", "--crossing-point", "UTO-AIR")
    node_id = out.split("id ")[1].split()[0]
    key = out.split("does not store it): ")[1].split()[0]
    post.run("sync", "join", "--hq", hq_url, "--node", node_id, f"--key={key}")

    server: subprocess.Popen[bytes] | None = None
    try:
        server = hq.start("runserver", "--noreload", f"127.0.0.1:{port}")
        _wait_for(hq_url + "/health", server)
        _record(post, 12, 1, "A")
        post.run("sync", "--batch", "40")
        backup = str(tmp_path / "post-backup.sqlite3")
        _backup(post, backup)
        before_backup = set(_crossings(post))

        # After the backup: recorded and sent, then lost at the post by the restore.
        _record(post, 15, 2, "B")
        post.run("sync", "--batch", "40")
        lost = set(_crossings(post)) - before_backup
        assert lost and set(_crossings(hq)) == before_backup | lost

        _restore(post, backup)
        assert set(_crossings(post)) == before_backup
        # Recorded after the restore: the same outbox numbers HQ already holds.
        _record(post, 9, 3, "C")
        since_restore = set(_crossings(post)) - before_backup

        said = post.run("sync", "--batch", "40")
        assert "restored from a backup" in said and "nothing was lost" in said, said
        status = post.run("sync", "status")
        assert "restored from a backup" in status, status

        # Every crossing, once, at both ends.
        at_hq, at_post = _crossings(hq), _crossings(post)
        assert len(at_hq) == len(set(at_hq)) and len(at_post) == len(set(at_post))
        assert set(at_hq) == set(at_post) == before_backup | lost | since_restore
        # Both chains verify; HQ's copy of the post's chain is the post's chain.
        for site in (hq, post):
            site.run("audit", "verify", "--no-record")
        verified = hq.run("sync", "verify")
        assert "agrees with the head" in verified, verified
        compared = post.run("sync", "verify")
        assert "agrees" in compared, compared
        mine = post.query("SELECT seq, hash FROM accounts_auditevent ORDER BY seq")
        held = hq.query(
            "SELECT seq, hash FROM sync_nodeauditevent WHERE node_id = ? ORDER BY seq",
            (node_id.replace("-", ""),),
        )
        assert held == mine
        assert post.query("SELECT max(seq) FROM sync_outboxevent") == post.query(
            "SELECT acked_seq FROM sync_postlink"
        )
        # HQ said so once and, the post recovered, no longer does.
        assert hq.query(
            "SELECT count(*) FROM accounts_auditevent WHERE action = 'sync_restore_detected'"
        ) == [(1,)]
        assert hq.query("SELECT restored_at, last_error FROM sync_node") == [(None, "")]
        # Pipelined batches arrived in order or waited: no refusal was recorded.
        assert hq.query(
            "SELECT count(*) FROM accounts_auditevent WHERE action = 'sync_refused'"
        ) == [(0,)]
    finally:
        _kill(server)
