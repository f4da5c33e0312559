"""The conflict drill (issue 24, decision 0105): one traveller corrected at HQ and at two
posts while the link is down, then synced over a real HTTP server, each installation a
separate process with its own database.

Post 1 created the traveller; post 2 saw the same passport (HQ linked its traveller to
post 1's). Offline, HQ corrects the surname, post 2 the given names, post 1 the surname
too (otherwise) and the day of birth. After the sync: the different fields are merged
everywhere, the surname keeps HQ's value with post 1's kept as an open conflict, HQ's
record keeps who created it and when; a supervisor's decision then reaches every post.
"""

from __future__ import annotations

import pytest

from .test_faults import Site, _free_port, _kill, _wait_for

pytestmark = pytest.mark.slow

NUMBER = "D0000001"
FIELDS = "t.primary_name, t.secondary_name, t.sex, t.birth_day"
TRAVELLER = (
    "SELECT {fields} FROM travellers_traveller t JOIN travellers_traveldocument d "
    "ON d.traveller_id = t.id WHERE d.number = ?"
)


def traveller(site: Site, fields: str = FIELDS) -> tuple:
    rows = site.query(TRAVELLER.format(fields=fields), (NUMBER,))
    assert len(rows) == 1, rows
    return rows[0]


def work(site: Site, call: str) -> None:
    site.run("shell", "-c", f"from passage.sync.tests import conflictwork as w; w.{call}")


def test_a_traveller_corrected_at_hq_and_at_two_posts_offline_merges_and_keeps_the_conflict(
    tmp_path,
):
    port = _free_port()
    hq_url = f"http://127.0.0.1:{port}"
    hq = Site(tmp_path, "hq", "hq")
    one, two = Site(tmp_path, "post1", "node"), Site(tmp_path, "post2", "node")
    sites = (hq, one, two)
    for site in sites:
        site.var.mkdir()
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
    for n, post in enumerate((one, two), start=1):
        out = hq.run("sync", "enrol", f"post{n}", "--crossing-point", "UTO-AIR")
        node_id = out.split("id ")[1].split()[0]
        key = out.split("does not store it): ")[1].split()[0]
        post.run("sync", "join", "--hq", hq_url, "--node", node_id, f"--key={key}")

    server = hq.start("runserver", "--noreload", f"127.0.0.1:{port}")
    try:
        _wait_for(hq_url + "/health", server)
        work(one, f"record({NUMBER!r})")
        one.run("sync")
        work(two, f"record({NUMBER!r})")
        two.run("sync")
        created = traveller(hq, "t.id, t.created_by_id, t.created_at")
        assert created[0] == traveller(one, "t.id")[0] != traveller(two, "t.id")[0]
        assert hq.query("SELECT count(*) FROM travellers_traveller") == [(1,)]
    finally:
        _kill(server)

    # The link is down: each end corrects what it holds.
    work(hq, f"correct({NUMBER!r}, primary_name='ERIKSON')")
    work(two, f"correct({NUMBER!r}, secondary_name='ANNE')")
    work(one, f"correct({NUMBER!r}, primary_name='ERICSSON', birth_day=21)")

    server = hq.start("runserver", "--noreload", f"127.0.0.1:{port}")
    try:
        _wait_for(hq_url + "/health", server)
        for post in (two, one, two):
            post.run("sync")
        merged = ("ERIKSON", "ANNE", "F", 21)
        assert traveller(hq) == merged
        # HQ's correction reached both posts; post 1's surname waits for a supervisor.
        assert traveller(two) == merged
        assert traveller(one) == merged
        assert traveller(hq, "t.id, t.created_by_id, t.created_at") == created
        conflicts = hq.query(
            "SELECT field, base, held, incoming, status FROM travellers_correctionconflict"
        )
        assert conflicts == [("primary_name", '"ERIKSSON"', '"ERIKSON"', '"ERICSSON"', "open")], (
            conflicts
        )

        work(hq, "resolve('incoming')")
        for post in (one, two):
            post.run("sync")
        decided = ("ERICSSON", "ANNE", "F", 21)
        for site in sites:
            assert traveller(site) == decided, site.var
        assert hq.query("SELECT status FROM travellers_correctionconflict") == [("resolved",)]
    finally:
        _kill(server)
    for site in sites:
        site.run("audit", "verify", "--no-record")
    hq.run("sync", "verify")
