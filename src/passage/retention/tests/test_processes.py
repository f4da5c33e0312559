"""Real processes: a purge killed with SIGKILL half-way, and HQ's deletions reaching a
post over a live HQ server (the sync fault tests' ``Site`` helpers)."""

from __future__ import annotations

import datetime as dt
import signal
import time

import pytest

from passage.sync.tests.test_faults import Site, _free_port, _kill, _wait_for

pytestmark = pytest.mark.slow

PERSONS = 3000


def _setup(*sites: Site) -> None:
    for site in sites:
        site.var.mkdir()
        site.env["PASSAGE_STATS_SETTLE_SECONDS"] = "0"
    setups = [
        site.start(
            "shell",
            "-c",
            "from django.core.management import call_command as c; "
            "c('setup'); c('demo', crossings=0, quiet_logins=True)",
        )
        for site in sites
    ]
    for process in setups:
        assert process.wait(timeout=300) == 0


def _half_deleted(site: Site) -> list[tuple]:
    """Generated persons (PURGE…) left with anything but their whole record."""
    return site.query(
        "SELECT t.id, "
        "(SELECT count(*) FROM crossings_crossing c WHERE c.traveller_id = t.id), "
        "(SELECT count(*) FROM travellers_traveldocument d WHERE d.traveller_id = t.id) "
        "FROM travellers_traveller t WHERE t.primary_name LIKE 'PURGE%' "
        "AND ((SELECT count(*) FROM crossings_crossing c WHERE c.traveller_id = t.id) != 2 "
        "OR (SELECT count(*) FROM travellers_traveldocument d WHERE d.traveller_id = t.id) != 1)"
    )


def test_a_purge_killed_half_way_resumes_without_a_broken_chain_or_a_half_deleted_person(
    tmp_path,
):
    site = Site(tmp_path, "hq", "hq")
    _setup(site)
    generate = site.shell(
        "from passage.accounts.models import User; "
        "from passage.reference.models import BorderCrossingPoint as B; "
        "from passage.retention.tests.generate import due_population; "
        f"due_population({PERSONS}, User.objects.get(username='officer'), "
        "B.objects.get(code='UTO-AIR'), batch=1000)"
    )
    assert generate.wait(timeout=300) == 0
    as_of = (dt.date.today() + dt.timedelta(days=4 * 365)).isoformat()
    purge = site.start("retention", "purge", "--as-of", as_of, "--batch", "3")
    deadline = time.monotonic() + 240
    removed = 0
    while time.monotonic() < deadline and purge.poll() is None:
        rows = site.query("SELECT coalesce(sum(persons), 0) FROM retention_purgerun")
        removed = rows[0][0]
        if removed >= 60:
            break
        time.sleep(0.02)
    assert purge.poll() is None, "the purge finished before it could be killed"
    purge.send_signal(signal.SIGKILL)  # the process alone, mid-batch as likely as not
    purge.wait()
    _kill(purge)
    left = site.query("SELECT count(*) FROM travellers_traveller WHERE primary_name LIKE 'PURGE%'")
    assert 0 < left[0][0] < PERSONS, "killed half-way"
    assert _half_deleted(site) == []
    site.run("audit", "verify", "--no-record")
    assert site.query("SELECT status FROM retention_purgerun") == [("running",)]

    out = site.run("retention", "purge", "--as-of", as_of, timeout=300)
    assert "persons removed entirely" in out
    assert site.query(
        "SELECT count(*) FROM travellers_traveller WHERE primary_name LIKE 'PURGE%'"
    ) == [(0,)]
    runs = site.query("SELECT status, resumes_id IS NOT NULL FROM retention_purgerun")
    assert sorted(runs) == [("finished", 1), ("interrupted", 0)]
    total = site.query("SELECT sum(persons) FROM retention_purgerun")[0][0]
    assert total == PERSONS  # each person deleted once, by one run or the other
    site.run("audit", "verify", "--no-record")
    # Every event about a generated crossing lost its payload and kept its place.
    assert site.query(
        "SELECT count(*) FROM accounts_auditevent WHERE object_repr GLOB '*PURGE[0-9]*'"
    ) == [(0,)]


def test_hq_purges_and_the_post_deletes_the_same_records_on_its_next_sync(tmp_path):
    port = _free_port()
    hq_url = f"http://127.0.0.1:{port}"
    hq, post = Site(tmp_path, "hq", "hq"), Site(tmp_path, "post", "node")
    _setup(hq, post)
    out = hq.run("sync", "enrol", "post1", "--crossing-point", "UTO-AIR")
    node_id = out.split("id ")[1].split()[0]
    key = out.split("does not store it): ")[1].split()[0]
    post.run("sync", "join", "--hq", hq_url, "--node", node_id, f"--key={key}")
    recorder = post.shell("from passage.sync.tests.nodework import record; record(30, 1, 'P')")
    assert recorder.wait(timeout=300) == 0
    server = hq.start("runserver", "--noreload", f"127.0.0.1:{port}")
    try:
        _wait_for(hq_url + "/health", server)
        post.run("sync", "--batch", "500", timeout=300)
        before = {r[0] for r in hq.query("SELECT id FROM crossings_crossing")}
        assert before == {r[0] for r in post.query("SELECT id FROM crossings_crossing")}
        as_of = (dt.date.today() + dt.timedelta(days=6 * 365)).isoformat()
        hq.run("retention", "purge", "--as-of", as_of, timeout=300)
        kept_at_hq = {r[0] for r in hq.query("SELECT id FROM crossings_crossing")}
        assert len(kept_at_hq) < len(before), "the purge deleted crossings at HQ"
        # HQ's copy of the post's chain lost the payloads about what it deleted.
        gone = sorted(before - kept_at_hq)
        marks = ",".join("?" * len(gone))
        assert hq.query(
            f"SELECT count(*) FROM sync_nodeauditevent WHERE object_id IN ({marks}) "  # noqa: S608
            "AND (data != '' OR object_repr != '')",
            tuple(gone),
        ) == [(0,)]
        post.run("sync", "--batch", "500", timeout=300)
        assert {r[0] for r in post.query("SELECT id FROM crossings_crossing")} == kept_at_hq
        kept_persons = hq.query("SELECT count(*) FROM travellers_traveller")[0][0]
        assert post.query("SELECT count(*) FROM travellers_traveller")[0][0] == kept_persons
        assert post.query("SELECT version FROM sync_datasetcopy WHERE name = 'deletions'") == (
            hq.query("SELECT cast(max(seq) AS text) FROM retention_deletion")
        )
        post.run("sync", "--batch", "500", timeout=300)  # the post's own deletion events
        for site in (hq, post):
            site.run("audit", "verify", "--no-record")
        hq.run("sync", "verify")
    finally:
        _kill(server)


def _numbers(site: Site) -> set[str]:
    return {r[0] for r in site.query("SELECT number FROM travellers_traveldocument")}


def test_a_post_restored_after_a_purge_takes_no_purged_person_back_from_hq(tmp_path):
    """Decision 0167: HQ's stored batches are scrubbed by the purge, so a post restored
    from a backup taken before it sent them takes back their places, not the persons."""
    import gzip
    import sqlite3

    port = _free_port()
    hq_url = f"http://127.0.0.1:{port}"
    hq, post = Site(tmp_path, "hq", "hq"), Site(tmp_path, "post", "node")
    _setup(hq, post)
    out = hq.run("sync", "enrol", "post1", "--crossing-point", "UTO-AIR")
    node_id = out.split("id ")[1].split()[0]
    key = out.split("does not store it): ")[1].split()[0]
    post.run("sync", "join", "--hq", hq_url, "--node", node_id, f"--key={key}")
    server = hq.start("runserver", "--noreload", f"127.0.0.1:{port}")
    try:
        _wait_for(hq_url + "/health", server)
        first = post.shell("from passage.sync.tests.nodework import record; record(12, 1, 'A')")
        assert first.wait(timeout=300) == 0
        post.run("sync", "--batch", "40", timeout=300)
        backup = str(tmp_path / "post-backup.sqlite3")
        source, copy = sqlite3.connect(post.var / "passage.sqlite3"), sqlite3.connect(backup)
        source.backup(copy)
        copy.close()
        source.close()
        # Recorded and sent after the backup: only HQ's stored batches hold them then.
        second = post.shell("from passage.sync.tests.nodework import record; record(15, 2, 'B')")
        assert second.wait(timeout=300) == 0
        post.run("sync", "--batch", "40", timeout=300)
        sent_after_backup = {n for n in _numbers(post) if n.startswith("B")}
        before = _numbers(hq)
        as_of = (dt.date.today() + dt.timedelta(days=6 * 365)).isoformat()
        hq.run("retention", "purge", "--as-of", as_of, timeout=300)
        purged = before - _numbers(hq)
        assert purged & sent_after_backup, "the purge removed persons sent after the backup"
        # HQ's stored batches name none of the purged persons' documents.
        for (body,) in hq.query("SELECT body FROM sync_inboxreceipt"):
            text = gzip.decompress(body).decode()
            assert not [n for n in purged if n in text]

        for suffix in ("-wal", "-shm"):
            (post.var / f"passage.sqlite3{suffix}").unlink(missing_ok=True)
        source, target = sqlite3.connect(backup), sqlite3.connect(post.var / "passage.sqlite3")
        source.backup(target)
        target.close()
        source.close()
        said = post.run("sync", "--batch", "40", timeout=300)
        assert "restored from a backup" in said, said
        post.run("sync", "--batch", "40", timeout=300)  # the post's own deletion events
        # Nothing of a purged person came back: no document, no outbox row, no payload.
        assert not _numbers(post) & purged
        for table, column in (("sync_outboxevent", "data"), ("accounts_auditevent", "data")):
            texts = [r[0] for r in post.query(f"SELECT {column} FROM {table}")]  # noqa: S608
            assert not [n for n in purged for t in texts if n in t], table
        # Both chains verify and HQ's copy of the post's chain is the post's chain.
        for site in (hq, post):
            site.run("audit", "verify", "--no-record")
        assert "agrees" in hq.run("sync", "verify")
        mine = post.query("SELECT seq, hash FROM accounts_auditevent ORDER BY seq")
        held = hq.query(
            "SELECT seq, hash FROM sync_nodeauditevent WHERE node_id = ? ORDER BY seq",
            (node_id.replace("-", ""),),
        )
        assert held == mine
    finally:
        _kill(server)
