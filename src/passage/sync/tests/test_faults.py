"""Real processes, killed at random: a HQ server and two posts syncing over loopback.

Each post records crossings (some travellers carry passports both posts see); a post's
counter, its sync loop and the HQ server are killed with SIGKILL at seeded random
moments, round after round. Afterwards every crossing exists exactly once at HQ, the
shared passports are one traveller each, and every audit chain verifies: each
installation's own and, at HQ, each post's.

``PASSAGE_FAULT_SEED`` and ``PASSAGE_FAULT_ROUNDS`` change the seed and the number of
rounds (a failure prints the seed).
"""

from __future__ import annotations

import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PASSAGE = str(Path(sys.executable).parent / "passage")
SEED = int(os.environ.get("PASSAGE_FAULT_SEED", "20261123"))
ROUNDS = int(os.environ.get("PASSAGE_FAULT_ROUNDS", "10"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Site:
    """One installation: its own var directory and SQLite database, its role."""

    def __init__(self, root: Path, name: str, role: str) -> None:
        self.var = root / name
        self.role = role
        self.env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"PASSAGE_DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
            and not k.startswith("PYTEST")
        }
        self.env.update(
            PASSAGE_VAR_DIR=str(self.var),
            PASSAGE_ROLE=role,
            PASSAGE_SECURE="0",
            PASSAGE_DEBUG="0",
            PASSAGE_SECRET_KEY="fault-test-" + "s" * 50,
            PASSAGE_SYNC_MASTER_KEY="fault-test-master-" + "m" * 40,
        )

    def run(self, *args: str, check: bool = True, timeout: float = 180) -> str:
        done = subprocess.run(
            [PASSAGE, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"passage {' '.join(args)}: {done.stdout}\n{done.stderr}")
        return done.stdout

    def start(self, *args: str) -> subprocess.Popen[bytes]:
        with open(self.var / "process.log", "ab") as log:  # the child keeps its own copy
            return subprocess.Popen(
                [PASSAGE, *args],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def shell(self, code: str) -> subprocess.Popen[bytes]:
        return self.start("shell", "-c", code)

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        db = sqlite3.connect(self.var / "passage.sqlite3", timeout=30)
        try:
            return db.execute(sql, params).fetchall()
        finally:
            db.close()


def _kill(process: subprocess.Popen[bytes] | None) -> None:
    if process is not None and process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("HQ server exited while starting")
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:  # noqa: S310 - loopback
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("HQ server did not start")


def test_killing_hq_and_posts_mid_sync_loses_and_doubles_nothing(tmp_path):
    rng = random.Random(SEED)
    port = _free_port()
    hq_url = f"http://127.0.0.1:{port}"
    hq = Site(tmp_path, "hq", "hq")
    posts = [Site(tmp_path, "post1", "node"), Site(tmp_path, "post2", "node")]
    for site in (hq, *posts):
        site.var.mkdir()
    setups = [
        site.start(
            "shell",
            "-c",
            "from django.core.management import call_command as c; "
            "c('setup'); c('demo', crossings=0, quiet_logins=True)",
        )
        for site in (hq, *posts)
    ]
    for process in setups:
        assert process.wait(timeout=300) == 0
    for n, post in enumerate(posts, start=1):
        out = hq.run("sync", "enrol", f"post{n}", "--crossing-point", "UTO-AIR")
        node_id = out.split("id ")[1].split()[0]
        key = out.split("does not store it): ")[1].split()[0]
        post.run("sync", "join", "--hq", hq_url, "--node", node_id, f"--key={key}")

    # Work done before the link comes up: a backlog at both posts.
    recorders = [
        post.shell(f"from passage.sync.tests.nodework import record; record(40, {n}, 'B{n}')")
        for n, post in enumerate(posts, start=1)
    ]
    for process in recorders:
        assert process.wait(timeout=300) == 0

    server = None
    loops: list[subprocess.Popen[bytes] | None] = [None, None]
    counter: subprocess.Popen[bytes] | None = None
    kills: list[str] = []
    try:
        for round_ in range(ROUNDS):
            if server is None or server.poll() is not None:
                server = hq.start("runserver", "--noreload", f"127.0.0.1:{port}")
                _wait_for(hq_url + "/health", server)
            for i, post in enumerate(posts):
                if loops[i] is None or loops[i].poll() is not None:  # type: ignore[union-attr]
                    loops[i] = post.start("sync", "--loop", "--interval", "0.2", "--batch", "40")
            if counter is None or counter.poll() is not None:
                counter = posts[0].shell(
                    "from passage.sync.tests.nodework import record; "
                    f"record(30, {100 + round_}, 'C{round_:02d}')"
                )
            time.sleep(rng.uniform(0.3, 2.5))
            victims = {
                "hq": server,
                "post1 sync": loops[0],
                "post2 sync": loops[1],
                "post1 counter": counter,
            }
            name = rng.choice(sorted(victims))
            kills.append(name)
            _kill(victims[name])
    finally:
        for process in (counter, *loops):
            _kill(process)

    # The link comes back for good: each post syncs until its backlog is gone.
    try:
        if server is None or server.poll() is not None:
            server = hq.start("runserver", "--noreload", f"127.0.0.1:{port}")
            _wait_for(hq_url + "/health", server)
        for post in posts:
            post.run("sync", "--batch", "500", timeout=300)
    finally:
        _kill(server)

    context = f"seed {SEED}, kills {kills}"
    print(context)  # shown with -s, and on failure
    at_posts = [
        set(r[0] for r in post.query("SELECT id FROM crossings_crossing")) for post in posts
    ]
    at_hq = [r[0] for r in hq.query("SELECT id FROM crossings_crossing")]
    assert len(at_hq) == len(set(at_hq)) == sum(len(ids) for ids in at_posts), context
    assert set(at_hq) == at_posts[0] | at_posts[1], context
    numbers = set()
    for post in posts:
        numbers |= {r[0] for r in post.query("SELECT number FROM travellers_traveldocument")}
    shared = {n for n in numbers if n.startswith("S")}
    assert shared, "the workload shares passports between posts"
    assert hq.query("SELECT count(*) FROM travellers_traveldocument")[0][0] == len(numbers), context
    assert hq.query("SELECT count(*) FROM travellers_traveller")[0][0] == len(numbers), context
    for site in (hq, *posts):
        site.run("audit", "verify", "--no-record")
    hq.run("sync", "verify")
    for n, post in enumerate(posts, start=1):
        events = post.query("SELECT count(*) FROM accounts_auditevent")[0][0]
        held = hq.query(
            "SELECT count(*) FROM sync_nodeauditevent e JOIN sync_node n ON e.node_id = n.id "
            "WHERE n.name = ?",
            (f"post{n}",),
        )[0][0]
        assert held == events, context
        assert post.query("SELECT max(seq) FROM sync_outboxevent") == post.query(
            "SELECT acked_seq FROM sync_postlink"
        ), context
    print(f"{len(at_hq)} crossings, {len(numbers)} documents ({len(shared)} shared) at HQ")
