"""The linkage model on small sets: problems listed, traps kept apart, variants joined."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from passage.identity.engine import Colour, Pair, Resolver, cluster, default_model_path, prepare
from passage.identity.engine.synthetic import population


def _record(rid: str, **fields: str) -> dict[str, str]:
    base = {
        "record_id": rid,
        "surname": "MOHAMED",
        "given_names": "ALI HASSAN",
        "birth_date": "1980-03-04",
        "sex": "M",
        "nationality": "EGY",
        "issuing_state": "EGY",
        "document_number": f"A{rid}000",
    }
    base.update(fields)
    return base


def test_bad_fields_become_unknown_and_are_listed() -> None:
    prepared = prepare(
        [
            _record("1", birth_date="1980-02-30", nationality="ZZZ", sex="Q"),
            {"surname": "no id"},
            _record("1"),
        ]
    )
    assert [row["unique_id"] for row in prepared.rows] == ["1"]
    row = prepared.rows[0]
    assert (row["bd_y"], row["nationality"], row["sex"]) == (None, None, None)
    assert prepared.problems["1"] == [
        "birth_date: not a date (YYYY-MM-DD, YYYY-MM or YYYY)",
        "sex: 'Q' is not one of F, M, X",
        "nationality: unknown country code ZZZ",
    ]
    assert [message for _, message in prepared.rejected] == [
        "record_id: missing",
        "record_id: 1 repeated, ignored",
    ]


def test_transliteration_and_swapped_date_join_but_father_and_twin_do_not() -> None:
    prepared = prepare(
        [
            _record("a"),
            _record("b", surname="MUHAMMAD", given_names="ALI HASAN", birth_date="1980-04-03"),
            _record("father", birth_date="1954-07-19"),
            _record("twin", given_names="OMAR"),
        ]
    )
    resolver = Resolver(default_model_path())
    pairs = {(p.left, p.right): p for p in resolver.score(prepared)}
    assert pairs[("a", "b")].colour is Colour.WHITE
    assert set(pairs[("a", "b")].contributions) == {
        "name",
        "birth_date",
        "sex",
        "nationality",
        "document",
    }
    persons = cluster([r["unique_id"] for r in prepared.rows], pairs.values(), prepared.rows)
    assert persons["a"] == persons["b"]
    assert len({persons["a"], persons["father"], persons["twin"]}) == 3


def test_one_document_with_two_identities_is_red() -> None:
    prepared = prepare(
        [
            _record("a", document_number="X1"),
            _record(
                "b",
                document_number="X1",
                surname="PETROV",
                given_names="IVAN",
                birth_date="1990-11-12",
            ),
        ]
    )
    (pair,) = Resolver(default_model_path()).score(prepared)
    assert pair.colour is Colour.RED and pair.reason == "one document, two identities"


def test_a_year_only_record_does_not_join_two_namesakes() -> None:
    """Both namesakes match the partial record; joining through it would make them one."""
    rows = prepare(
        [
            _record("x", birth_date="1980-03-04"),
            _record("y", birth_date="1980-09-21"),
            _record("p", birth_date="1980"),
        ]
    ).rows
    pairs = [
        Pair("p", "x", 9.0, {}, {}, Colour.WHITE),
        Pair("p", "y", 8.0, {}, {}, Colour.WHITE),
    ]
    persons = cluster(["x", "y", "p"], pairs, rows)
    # p is one of the two, and the links cannot say which: it stays apart (the links
    # remain proposals a supervisor decides), where it once joined the stronger one
    assert len({persons["p"], persons["x"], persons["y"]}) == 3
    assert len(set(cluster(["x", "y", "p"], pairs).values())) == 1  # without the guard
    # with one namesake only, the partial record joins it
    alone = cluster(["x", "p"], pairs[:1], [r for r in rows if r["unique_id"] != "y"])
    assert alone["p"] == alone["x"]


def test_generated_population_resolves_well() -> None:
    """A small population from a seed the shipped model was not fitted on (11)."""
    records, truth = population(150, seed=3)
    prepared = prepare(records)
    resolver = Resolver(default_model_path())
    persons = cluster(
        [r["unique_id"] for r in prepared.rows], resolver.score(prepared), prepared.rows
    )
    both = Counter((persons[r], truth[r]) for r in persons)
    together = sum(n * (n - 1) // 2 for n in both.values())
    predicted = sum(n * (n - 1) // 2 for n in Counter(persons.values()).values())
    true = sum(n * (n - 1) // 2 for n in Counter(truth.values()).values())
    assert together / predicted >= 0.98
    assert together / true >= 0.85


def test_an_incremental_run_scores_the_new_records_as_a_full_run_does(tmp_path: Path) -> None:
    """New records against stored rows (Parquet) and among themselves: the same pairs,
    weights and colours as scoring everything, keeping the pairs that touch a new one."""
    from passage.identity.engine.model import write_rows

    records, _truth = population(300, seed=4)
    cut = len(records) * 4 // 5
    stored, new = prepare(records[:cut]), prepare(records[cut:])
    write_rows(stored, tmp_path / "rows-1.parquet")
    new_ids = {r["unique_id"] for r in new.rows}
    resolver = Resolver(default_model_path())
    full = {
        (p.left, p.right): (p.weight, p.colour)
        for p in resolver.score(prepare(records))
        if p.left in new_ids or p.right in new_ids
    }
    incremental = {
        (p.left, p.right): (p.weight, p.colour)
        for p in resolver.score_new(new, [tmp_path / "rows-1.parquet"])
    }
    assert len(full) > 20
    assert incremental == full
    # Only the stored rows sharing a blocking key with a new record were read.
    assert 0 < resolver.stored_rows_read < len(stored.rows)


def test_an_incremental_run_reads_only_the_stored_rows_it_can_meet(tmp_path: Path) -> None:
    """One new record against a thousand stored ones of other names and years: only its
    earlier document's row is read from the Parquet file, not the population."""
    from passage.identity.engine.model import write_rows

    others = [
        _record(
            f"s{i}",
            surname=f"NAME{chr(65 + i % 26)}{chr(65 + i // 26)}",
            given_names=f"OTHER{chr(65 + i % 26)}",
            birth_date=f"{1930 + i % 60}-0{1 + i % 9}-1{i % 10}",
        )
        for i in range(1000)
    ]
    stored = prepare([_record("old"), *others])
    write_rows(stored, tmp_path / "rows-1.parquet")
    new = prepare([_record("renewed", surname="MUHAMMAD", given_names="ALI HASAN")])
    resolver = Resolver(default_model_path())
    pairs = list(resolver.score_new(new, [tmp_path / "rows-1.parquet"]))
    assert [(p.left, p.right, p.colour) for p in pairs] == [("old", "renewed", Colour.WHITE)]
    assert resolver.stored_rows_read == 1


def test_a_partial_birth_date_with_a_typo_in_given_names_is_still_blocked() -> None:
    """The surname sound and the year meet where one record has no full birth date (the
    rule that replaced surname sound and year for every pair, decision 0152)."""
    prepared = prepare(
        [
            _record("a", given_names="ABDIRAHMAN", birth_date="1975"),
            _record("b", given_names="ABDIRANMAN", birth_date="1975"),
            _record("c", given_names="YUSUF", birth_date="1975-02-03"),
            _record("d", given_names="OMAR", birth_date="1975-08-09"),
        ]
    )
    pairs = {(p.left, p.right) for p in Resolver(default_model_path()).score(prepared, floor=-99)}
    assert ("a", "b") in pairs
    # two full, different birth dates in one year are not a block of their own any more
    assert ("c", "d") not in pairs


def test_a_second_nationality_passport_counts_the_other_country_once() -> None:
    """Nationality and issuing state are one fact for most documents: a second
    nationality's passport (with only the year and month of birth) lost it twice, about
    2.4 bits more, and stayed yellow among 200,000 records (decision 0155)."""
    prepared = prepare(
        [
            _record("a"),
            _record("b", nationality="TUR", issuing_state="TUR", birth_date="1980-03"),
        ]
    )
    (pair,) = Resolver(default_model_path()).score(prepared, records=200_000)
    assert pair.colour is Colour.WHITE
    assert pair.levels["nationality"] == "different"
    # documents of two issuers say nothing of each other's history (decision 0158)
    assert pair.levels["document"] == "unknown" and pair.contributions["document"] == 0


def test_a_name_common_in_the_run_weighs_less_than_a_rare_one() -> None:
    """The name frequency is counted on the population being resolved (decision 0156):
    the same two records weigh less where twenty more records carry their name."""

    def run(common: int) -> Pair:
        fillers = [
            _record(
                f"f{i}",
                surname=f"NAME{chr(65 + i // 2 % 26)}{chr(65 + i // 52)}",
                given_names="OTHER",
                birth_date=f"{1930 + i % 40}-05-06",
            )
            for i in range(100 - common)
        ]
        namesakes = [_record(f"n{i}", birth_date=f"{1940 + i % 30}-07-08") for i in range(common)]
        prepared = prepare([_record("a", birth_date="1980"), _record("b"), *fillers, *namesakes])
        pairs = Resolver(default_model_path()).score(prepared, floor=-99)
        return next(p for p in pairs if (p.left, p.right) == ("a", "b"))

    rare, common = run(0), run(20)
    assert rare.levels == common.levels
    assert common.weight < rare.weight - 1.5
    assert common.contributions["name"] < rare.contributions["name"] - 1.5


def test_name_frequency_adjustment_is_relative_and_capped() -> None:
    from passage.identity.engine.model import NAME_FREQUENCY_CAP, NameFrequencies

    names = NameFrequencies.of(["A", "A", "B", "B", "C", "C", None])
    assert names.records == 6 and names.adjustment("A") == 0.0
    names = NameFrequencies.of(["A"] * 6 + [f"N{i}" for i in range(20)])
    assert names.adjustment("A") < -1.0 < 1.0 < names.adjustment("N1") < NAME_FREQUENCY_CAP
    # one record in a thousand carries B, the others A: B adds no more than the cap
    assert NameFrequencies.from_counts({"A": 999, "B": 1}, 1000).adjustment("B") == 2.0
    assert names.adjustment(None) == 0.0


def test_a_namesake_of_one_country_born_that_year_is_to_verify_among_a_million() -> None:
    """One record with only the birth year and a namesake of the same country: the
    country once counted twice (nationality and issuer) and made the pair white among
    a million records, where a common name meets many namesakes born that year. (The
    shipped white threshold is 2.0 since decision 0161, where the pairs between two
    groups decide whether they join; the weight is measured against 4.0, the threshold
    this test was written for: the country counted once keeps it under.)"""
    from passage.identity.engine.model import Thresholds

    prepared = prepare([_record("a"), _record("b", birth_date="1980", document_number="P77319")])
    resolver = Resolver(default_model_path(), thresholds=Thresholds(white=4.0, yellow=-3.0))
    (pair,) = resolver.score(prepared, records=1_000_000)
    assert pair.colour is Colour.YELLOW
    assert pair.levels["nationality"] == "same nationality and issuer"


def test_a_document_number_typed_one_character_off_is_one_document_not_red() -> None:
    """Same identity, same issuer, same validity, a number one character off: a clerk's
    typing error, not two documents valid at once (which stays red)."""
    valid = {"valid_from": "2020-01-01", "valid_until": "2030-01-01"}
    prepared = prepare(
        [
            _record("a", document_number="P1234567", **valid),
            _record("b", document_number="P1234561", **valid),
            _record("c", document_number="Q7654321", **valid),
        ]
    )
    pairs = {(p.left, p.right): p for p in Resolver(default_model_path()).score(prepared)}
    assert pairs[("a", "b")].colour is Colour.WHITE
    assert pairs[("a", "b")].levels["document"] == "same issuer, number one character off"
    assert pairs[("a", "c")].colour is Colour.RED
    assert pairs[("a", "c")].reason == "two documents of one issuer valid at once for one identity"


def test_a_renewal_issued_as_the_old_passport_expired_is_one_person_among_a_million() -> None:
    """Document history (decision 0158): a passport of the same issuer issued as the
    other expired. With only the birth year on the renewal, the pair was yellow among a
    million records (the old model had no such level); without the dates it still is
    (at white 4.0, the threshold this test was written for; 2.0 since decision 0161)."""
    from passage.identity.engine.model import Thresholds

    old = {"valid_from": "2009-06-01", "valid_until": "2019-06-01"}
    renewed = {"valid_from": "2019-02-11", "valid_until": "2029-02-11"}
    records = [
        _record("a", **old),
        _record("b", birth_date="1980", document_number="P77319", **renewed),
    ]
    resolver = Resolver(default_model_path(), thresholds=Thresholds(white=4.0, yellow=-3.0))
    (pair,) = resolver.score(prepare(records), records=1_000_000)
    assert pair.levels["document"] == "same issuer, issued as the other expired"
    assert pair.colour is Colour.WHITE
    undated = [{k: v for k, v in r.items() if not k.startswith("valid")} for r in records]
    (pair,) = resolver.score(prepare(undated), records=1_000_000)
    assert pair.levels["document"] == "unknown"
    assert pair.colour is Colour.YELLOW


def test_a_renewal_issued_before_the_old_passport_expired_is_not_red() -> None:
    """A passport renewed 200 days before the old one expired overlaps it: that is a
    renewal, not two documents of one issuer valid at once (red from 60 days before).
    Two documents valid together for years stay red."""
    prepared = prepare(
        [
            _record("a", valid_from="2012-05-01", valid_until="2022-05-01"),
            _record(
                "b", document_number="Q5550001", valid_from="2021-10-13", valid_until="2031-10-13"
            ),
            _record(
                "c", document_number="R5550002", valid_from="2016-01-04", valid_until="2026-01-04"
            ),
        ]
    )
    pairs = {(p.left, p.right): p for p in Resolver(default_model_path()).score(prepared)}
    assert pairs[("a", "b")].colour is Colour.WHITE
    assert pairs[("a", "c")].colour is Colour.RED
    assert pairs[("a", "c")].reason == "two documents of one issuer valid at once for one identity"


def test_a_document_number_with_two_characters_swapped_is_one_document_not_red() -> None:
    """A clerk swapping two neighbouring characters makes a number two edits off: still
    one document typed twice, not two documents valid at once."""
    valid = {"valid_from": "2020-01-01", "valid_until": "2030-01-01"}
    prepared = prepare(
        [
            _record("a", document_number="P1234567", **valid),
            _record("b", document_number="P1243567", **valid),
        ]
    )
    (pair,) = Resolver(default_model_path()).score(prepared)
    assert pair.colour is Colour.WHITE


def test_stored_rows_written_before_the_validity_days_are_still_read(tmp_path: Path) -> None:
    """Rows stored by an older full run have no day columns: the incremental run derives
    them from the ISO dates and scores as it would with new rows."""
    import pyarrow.parquet as pq

    from passage.identity.engine.model import prepared_table

    records, _truth = population(120, seed=6)
    cut = len(records) * 4 // 5
    stored, new = prepare(records[:cut]), prepare(records[cut:])
    table = prepared_table(stored)
    pq.write_table(table, tmp_path / "rows-new.parquet")
    pq.write_table(
        table.drop_columns(["valid_from_day", "valid_until_day"]), tmp_path / "rows-old.parquet"
    )
    resolver = Resolver(default_model_path())

    def scored(path: Path) -> dict[tuple[str, str], tuple[float, Any]]:
        return {(p.left, p.right): (p.weight, p.colour) for p in resolver.score_new(new, [path])}

    with_days = scored(tmp_path / "rows-new.parquet")
    assert len(with_days) > 10
    assert scored(tmp_path / "rows-old.parquet") == with_days


def test_the_second_generator_changes_only_the_documents_dates() -> None:
    """Decision 0158: the generator dates documents as real ones are (first documents
    over 17 years, renewals from a year before the old expiry, a second nationality's
    passport on its own date); people, names, variants and numbers are the first's."""
    first, truth1 = population(400, seed=8, generator=1)
    second, truth2 = population(400, seed=8)
    assert truth1 == truth2
    undated = [
        [{k: v for k, v in r.items() if not k.startswith("valid")} for r in p]
        for p in (first, second)
    ]
    assert undated[0] == undated[1]
    assert [r["valid_from"] for r in first] != [r["valid_from"] for r in second]
    assert (
        min(r["valid_from"] for r in second)
        < "2005"
        < "2010"
        <= min(r["valid_from"] for r in first)
    )


def test_two_documents_of_one_issuer_without_dates_have_no_history() -> None:
    """Without both validity dates the document comparison is unknown (no weight), not
    "other document" (-3 bits): a renewal whose issue date was never recorded."""
    prepared = prepare(
        [
            _record("a", valid_until="2019-06-01"),
            _record("b", document_number="P77319", valid_until="2029-02-11"),
        ]
    )
    (pair,) = Resolver(default_model_path()).score(prepared)
    assert pair.levels["document"] == "unknown" and pair.contributions["document"] == 0


def test_two_groups_meeting_through_one_link_stay_two_people() -> None:
    """Decision 0161: a white link joins two groups of records only when the pairs
    between them weigh, on average, at least ``group`` (a pair not proposed counting
    -8 bits). Two namesakes holding three documents each, met by one link, stayed one
    person and made nine false pairs; a record linked to both of a person's records (one
    white, one yellow) still joins them."""
    from passage.identity.engine.model import GROUP_MISSING, Thresholds

    def pair(a: str, b: str, weight: float) -> Pair:
        colour = Colour.WHITE if weight >= 2.0 else Colour.YELLOW
        return Pair(min(a, b), max(a, b), weight, {}, {}, colour)

    within = [pair(f"{p}{i}", f"{p}{j}", 20.0) for p in "xyz" for i, j in ((1, 2), (1, 3), (2, 3))]
    pairs = [*within, pair("x1", "y1", 5.0), pair("w1", "z1", 5.0), pair("w1", "z2", 1.0)]
    ids = ["x1", "x2", "x3", "y1", "y2", "y3", "z1", "z2", "z3", "w1"]
    before = cluster(ids, pairs)
    assert before["x1"] == before["y3"]  # any white link joined them
    persons = cluster(ids, pairs, group=0.0)
    assert persons["x1"] == persons["x3"] and persons["y1"] == persons["y3"]
    assert persons["x1"] != persons["y1"]
    # w1 weighs 5 and 1 against z1 and z2, nothing against z3: (5 + 1 - 8) / 3 < 0
    assert GROUP_MISSING == -8.0 and persons["w1"] != persons["z1"]
    # a third link, 3 bits: (5 + 1 + 3) / 3 = 3, enough for a group support of 0 or 3
    pairs.append(pair("w1", "z3", 3.0))
    for group, joined in ((0.0, True), (3.0, True), (3.5, False)):
        found = cluster(ids, pairs, group=group)
        assert (found["w1"] == found["z3"]) is joined
    # the shipped thresholds carry the group support, and a saved model keeps it
    shipped = Resolver(default_model_path()).thresholds
    assert shipped.group is not None
    assert Thresholds(**shipped.as_dict()) == shipped
