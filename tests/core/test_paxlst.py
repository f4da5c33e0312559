"""PAXLST reading: GTAS's sample messages, our own, every directory, and bad input.

Expected values are read off the messages by hand (tests/data/paxlst/README.md).
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from passage.core.paxlst import (
    DEFAULT_SERVICE,
    Document,
    Flight,
    PaxlstError,
    Person,
    ServiceCharacters,
    decode,
    make_paxlst,
    parse_paxlst,
    read_messages,
    segments,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "paxlst"


def read(path: Path) -> str:
    return decode(path.read_bytes())


def one_person(body: str, *, directory: str = "05B", una: str = "") -> str:
    """A one-passenger interchange around ``body`` (the person's segments after NAD)."""
    segs = [
        "UNH+1+PAXLST:D:" + directory + ":UN:IATA",
        "BGM+745",
        "TDT+20+UX123+++UX",
        "LOC+125+MAD",
        "DTM+189:2403011000:201",
        "LOC+87+UTO",
        *[s for s in body.split("'") if s],
        "CNT+42:1",
    ]
    segs.append(f"UNT+{len(segs) + 1}+1")
    return una + "UNB+UNOA:4+AIR+GOV+240301:0900+77'" + "'".join(segs) + "'UNZ+1+77'"


# -- GTAS's samples (US CBP, tests/data/paxlst/gtas) ------------------------------------


def test_gtas_apis_message_with_groups_and_routing_legs() -> None:
    """apisMessage.txt: UNA, indented lines, UNG/UNE, two routing legs (LOC+92), no DOC."""
    (pl,) = parse_paxlst(read(DATA / "gtas" / "apisMessage.txt"))
    assert pl.kind == "passenger"
    assert pl.interchange_reference == "000006640"
    assert pl.directory == "D05B"
    assert pl.flight.number == "AA124"  # the last leg: the one that arrives
    assert (pl.flight.departure_port, pl.flight.arrival_port) == ("ORD", "JFK")
    assert pl.flight.departure == datetime(2007, 2, 19, 18, 40)
    assert pl.flight.arrival == datetime(2007, 2, 19, 19, 55)
    michael, cheryl = pl.persons
    assert (michael.surname, michael.given_names, michael.sex) == ("CLARK", "MICHAEL", "M")
    assert michael.birth_date == date(1972, 9, 7)
    assert (michael.embarkation, michael.disembarkation) == ("ATL", "JFK")
    assert michael.reservation == "TYR123"
    assert michael.documents == ()
    assert (cheryl.given_names, cheryl.sex, cheryl.birth_date) == ("CHERYL", "F", date(1973, 4, 7))
    assert cheryl.embarkation == "ORD"
    # The contact in NAD+MS is never a traveller (a GTAS users' complaint).
    assert all(p.surname != "JOHN SMITH" for p in pl.persons)


def test_gtas_multi_leg_sample_refused_for_its_stray_last_line_and_read_without_it() -> None:
    """multiple_flight_leg_apis.txt ends with '13Nov09' after UNZ: a segment cut off."""
    text = read(DATA / "gtas" / "multiple_flight_leg_apis.txt")
    with pytest.raises(PaxlstError) as caught:
        parse_paxlst(text)
    assert caught.value.segment == 52 and caught.value.line == 49
    assert "ends inside a segment" in str(caught.value)
    (pl,) = parse_paxlst(text.rsplit("\n", 1)[0])
    assert pl.flight.number == "QQ827"
    assert (pl.flight.departure_port, pl.flight.arrival_port) == ("JFK", "CDG")
    assert pl.flight.arrival == datetime(2008, 8, 11, 6, 30)
    todd, kristin = pl.persons
    assert (todd.surname, todd.given_names, todd.nationality) == ("BARRETT", "TODD", "FRA")
    assert todd.birth_date == date(1968, 2, 23)
    assert todd.document.type == "P"
    assert todd.document.number == "YY3478621G"
    assert todd.document.expiry == date(2008, 12, 30)
    assert todd.document.issuing_state == "FRA"
    assert (todd.embarkation, todd.disembarkation) == ("MIA", "CDG")
    assert kristin.document.number == "TRQWE99800"
    assert kristin.document.expiry == date(2009, 9, 16)
    assert kristin.birth_date == date(1960, 6, 6)


@pytest.mark.parametrize(
    ("name", "segment", "says"),
    [
        # UNT says 121 segments; UNH to UNT holds 111 (9 + 10 x 10 + CNT + UNT).
        ("airline2.edi", 114, "segment count is '121', the message has 111"),
        # UNT says 152 segments; UNH to UNT holds 107 (9 + 8 x 12 + CNT + UNT).
        ("Test1.txt", 109, "segment count is '0000152', the message has 107"),
    ],
)
def test_gtas_samples_with_wrong_counts_are_refused(name: str, segment: int, says: str) -> None:
    with pytest.raises(PaxlstError) as caught:
        parse_paxlst(read(DATA / "gtas" / name))
    assert caught.value.tag == "UNT"
    assert caught.value.segment == segment
    assert says in str(caught.value)


def test_gtas_airline2_service_characters() -> None:
    """airline2.edi: UNA:*.? $ — '*' separates data elements, '$' ends segments."""
    service, segs = segments(read(DATA / "gtas" / "airline2.edi"))
    assert (service.data, service.terminator, service.component) == ("*", "$", ":")
    nad = [s for s in segs if s.tag == "NAD"][1]
    assert nad.value(1) == "FL" and nad.value(4, 1) == "BETTON" and nad.value(4, 2) == "DAVID"
    assert segs[2].tag == "UNG"  # sent as 'UNG ' with a space


# -- our own messages (tests/data/paxlst/own) --------------------------------------------


def test_own_d05b_passenger_list() -> None:
    (pl,) = parse_paxlst(read(DATA / "own" / "ux123-d05b-passengers.edi"))
    assert (pl.kind, pl.directory, pl.parts) == ("passenger", "D05B", 1)
    assert pl.interchange_reference == "UX0301A"
    assert pl.flight.number == "UX123" and pl.flight.carrier == "UX"
    assert pl.flight.arrival == datetime(2024, 3, 1, 14, 45)
    anne, jose, nguyen = pl.persons
    assert (anne.surname, anne.given_names) == ("O'NEILL", "ANNE MARIE")
    assert (anne.sex, anne.birth_date, anne.nationality) == ("F", date(1985, 2, 14), "IRL")
    assert (anne.seat, anne.reservation) == ("14C", "QZ7K2P")
    assert len(anne.documents) == 2
    assert anne.document.number == "PX1234567"  # the passport, not the visa after it
    assert anne.document.expiry == date(2030, 1, 15)
    assert anne.documents[1].type == "V" and anne.documents[1].issuing_state == "UTO"
    # A DOC with no document type (GTAS users meet it): kept, type unknown.
    assert jose.document.type is None and jose.document.number == "AB1234567"
    assert jose.birth_date == date(2001, 12, 31)
    assert jose.embarkation is None
    assert (nguyen.surname, nguyen.given_names, nguyen.sex) == ("NGUYEN", "", "X")
    assert nguyen.birth_date == date(1999, 7, 7)  # CCYYMMDD, format 102
    assert nguyen.nationality == "D" and nguyen.document.type == "I"
    assert nguyen.document.expiry == date(2033, 1, 1)


def test_own_multipart_list_is_one_flight() -> None:
    (pl,) = parse_paxlst(read(DATA / "own" / "ux777-multipart-d02b.edi"))
    assert pl.parts == 3 and pl.directory == "D02B"
    assert [p.surname + "/" + p.given_names for p in pl.persons] == [
        "HADDAD/LAYLA",
        "HADDAD/OMAR",
        "SMITH/JOHN PAUL",
        "TANAKA/YUKI",
    ]
    assert pl.persons[3].birth_date == date(2000, 2, 29)
    assert pl.persons[1].birth_date == date(2020, 1, 5)
    assert pl.persons[2].birth_date == date(1967, 1, 1)
    assert pl.flight.departure == datetime(2024, 3, 2, 23, 0)


def test_own_crew_list_with_unusual_service_characters() -> None:
    """UNA#|,!^~: '#' components, '|' elements, '!' release, '~' terminator."""
    (pl,) = parse_paxlst(read(DATA / "own" / "ux9-crew-d15b.edi"))
    assert (pl.kind, pl.directory) == ("crew", "D15B")
    assert pl.flight.departure == datetime(2024, 3, 3, 7, 0)  # CCYYMMDDHHMM, format 203
    maria, youssef = pl.persons
    assert maria.role == youssef.role == "crew"
    assert (maria.surname, maria.given_names) == ("SILVA|SANTOS", "MARIA JOAO")
    assert maria.birth_date == date(1980, 5, 12)
    assert youssef.document.number == "ZA0012345"


def test_parts_in_separate_messages_in_order_across_calls() -> None:
    text = read(DATA / "own" / "ux777-multipart-d02b.edi")
    messages = read_messages(text)
    assert [(m.part, m.last) for m in messages] == [(1, False), (2, False), (3, True)]


@pytest.mark.parametrize(
    "directory",
    [f"{y:02d}{r}" for y in range(2, 16) for r in "AB" if (y, r) != (2, "A")],
)
def test_every_directory_from_d02b_to_d15b(directory: str) -> None:
    (pl,) = parse_paxlst(one_person("NAD+FL+++DOE:JANE'", directory=directory))
    assert pl.directory == "D" + directory
    assert pl.persons[0].surname == "DOE"


@pytest.mark.parametrize("directory", ["01B", "02A", "16A", "96A"])
def test_other_directories_are_refused(directory: str) -> None:
    with pytest.raises(PaxlstError, match="D02B to D15B") as caught:
        parse_paxlst(one_person("NAD+FL+++DOE:JANE'", directory=directory))
    assert caught.value.tag == "UNH"


@pytest.mark.parametrize(
    "una",
    ["", "UNA:+.? '", "UNA:+,? '", "UNA:+.?*'", "UNA:+.? '\r\n", "  UNA:+.? '\n"],
)
def test_service_string_advice_variants(una: str) -> None:
    (pl,) = parse_paxlst(one_person("NAD+FL+++DOE:JANE'", una=una))
    assert pl.persons[0].given_names == "JANE"


def test_release_character_and_one_segment_per_line() -> None:
    text = one_person("NAD+FL+++O§BRIEN?+SONS:JO?:ANN'ATT+2++F'").replace("'", "'\r\n")
    text = text.replace("§", "?'")
    (pl,) = parse_paxlst(text)
    assert pl.persons[0].surname == "O'BRIEN+SONS"
    assert pl.persons[0].given_names == "JO:ANN"


# -- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tag", "says"),
    [
        (
            one_person("NAD+FL+++DOE:JANE'").replace("UNT+9+1", "UNT+8+1"),
            "UNT",
            "segment count is '8', the message has 9",
        ),
        (one_person("NAD+FL+++DOE:JANE'")[:-12], "UNT", "ends inside a segment"),
        (one_person("NAD+FL+++DOE'DOC+P+AB#123'"), "DOC", "outside the MRZ set"),
        (one_person("NAD+FL+++DOE'DTM+329:720231'"), "DTM", "'720231' is not a date"),
        (one_person("NAD+FL+++DOE'DOC+P+AB123'DTM+36:301301'"), "DTM", "not a date"),
        (one_person("NAD+FL+++DOE'ATT+2++Q'"), "ATT", "sex 'Q'"),
        (one_person("NAD+FL++SMITH JOHN'"), "NAD", "no surname"),
        (one_person("NAD+FL+++DOE'").replace("CNT+42:1", "CNT+42:2"), "CNT", "total is 2"),
        (one_person("NAD+FL+++DOE'").replace("UNZ+1+77", "UNZ+1+78"), "UNZ", "reference"),
        (one_person("NAD+FL+++DOE'").replace("BGM+745", "BGM+266"), "BGM", "745"),
        (one_person("NAD+FL+++DOE'").replace("PAXLST:D", "PAXLXT:D"), "UNH", "not PAXLST"),
        (one_person("NAD+FL+++DOE'NAT+2+U5A'"), "NAT", "nationality"),
        (one_person("NAD+XX+++DOE'"), "NAD", "party qualifier"),
    ],
)
def test_bad_input_names_the_segment(text: str, tag: str, says: str) -> None:
    with pytest.raises(PaxlstError) as caught:
        parse_paxlst(text)
    assert caught.value.tag == tag, str(caught.value)
    assert says in str(caught.value)
    assert caught.value.segment is not None and caught.value.line is not None


def _parts(order: list[tuple[str, str]]) -> str:
    out = []
    for n, (seq, name) in enumerate(order, start=1):
        body = [
            f"UNH+{n}+PAXLST:D:05B:UN:IATA+UX1/240301+{seq}",
            "BGM+745",
            "TDT+20+UX1",
            "LOC+125+MAD",
            "LOC+87+UTO",
            f"NAD+FL+++{name}",
        ]
        if seq.endswith("F"):
            body.append(f"CNT+42:{len(order)}")
        body.append(f"UNT+{len(body) + 1}+{n}")
        out.extend(body)
    return "UNB+UNOA:4+AIR+GOV+240301:0900+9'" + "'".join(out) + f"'UNZ+{len(order)}+9'"


def test_parts_in_order_join() -> None:
    (pl,) = parse_paxlst(_parts([("01:C", "A"), ("02:C", "B"), ("03:F", "C")]))
    assert [p.surname for p in pl.persons] == ["A", "B", "C"]


@pytest.mark.parametrize(
    ("order", "says"),
    [
        ([("02:C", "B"), ("01:C", "A"), ("03:F", "C")], "part 02"),
        ([("01:C", "A"), ("03:F", "C")], "part 03"),
        ([("01:C", "A"), ("02:C", "B")], "never came"),
        ([("01:C", "A"), ("01:C", "A"), ("02:F", "B")], "part 01"),
    ],
)
def test_parts_missing_or_out_of_order_are_refused(order: list[tuple[str, str]], says: str) -> None:
    with pytest.raises(PaxlstError) as caught:
        parse_paxlst(_parts(order))
    assert caught.value.tag == "UNH"
    assert says in str(caught.value)


def test_functional_group_counts_checked() -> None:
    text = read(DATA / "own" / "ux123-d05b-passengers.edi").replace("UNE+1+G1", "UNE+2+G1")
    with pytest.raises(PaxlstError, match="message count is '2'") as caught:
        parse_paxlst(text)
    assert caught.value.tag == "UNE"


def test_bytes_not_in_the_named_character_set() -> None:
    with pytest.raises(PaxlstError, match="not utf-8"):
        decode(b"UNB+UNOY:4+A+B+240301:0900+1'NAD+FL+++\xff'")
    assert decode("UNB+UNOC:4+A'NAD+FL+++MÜLLER'".encode("latin-1")).endswith("MÜLLER'")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_raises_only_paxlst_error(text: str) -> None:
    """Whatever the text, the reader returns lists or raises PaxlstError — never a crash."""
    with contextlib.suppress(PaxlstError):
        parse_paxlst(text)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_corrupted_messages_raise_only_paxlst_error(data: st.DataObject) -> None:
    """Every single-character change to a real message is read or refused cleanly."""
    text = read(DATA / "own" / "ux123-d05b-passengers.edi")
    at = data.draw(st.integers(0, len(text) - 1))
    char = data.draw(st.sampled_from([*list("+:'?0A \n#"), ""]))
    with contextlib.suppress(PaxlstError):
        parse_paxlst(text[:at] + char + text[at + 1 :])


# -- round trip through the writer --------------------------------------------------------

_name = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ'?:+-", min_size=1, max_size=12).filter(
    lambda s: s.strip() == s
)
_person = st.builds(
    Person,
    role=st.just("passenger"),
    surname=_name,
    given_names=st.lists(_name, max_size=3).map(" ".join),
    sex=st.sampled_from(["M", "F", "X", None]),
    birth_date=st.dates(date(1920, 1, 1), date(2024, 2, 1)) | st.none(),
    nationality=st.sampled_from(["UTO", "D", "GBR", None]),
    documents=st.lists(
        st.builds(
            Document,
            type=st.sampled_from(["P", "I", "V", None]),
            number=st.text(alphabet="ABCXYZ0123456789", min_size=1, max_size=12),
            expiry=st.dates(date(2024, 1, 1), date(2040, 1, 1)) | st.none(),
            issuing_state=st.sampled_from(["UTO", "ESP", None]),
        ),
        max_size=2,
    ).map(tuple),
    embarkation=st.sampled_from(["MAD", None]),
    disembarkation=st.sampled_from(["UTO", None]),
    reservation=st.sampled_from(["QZ7K2P", None]),
    seat=st.sampled_from(["14C", None]),
)
_services = st.sampled_from(
    [
        DEFAULT_SERVICE,
        ServiceCharacters("#", "|", ",", "!", "^", "~"),
        ServiceCharacters(":", "*", ".", "?", " ", "$"),
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    persons=st.lists(_person, max_size=12),
    part_size=st.integers(0, 5),
    service=_services,
    group=st.booleans(),
    newline=st.sampled_from(["", "\n", "\r\n"]),
)
def test_round_trip_through_the_writer(
    persons: list[Person], part_size: int, service: ServiceCharacters, group: bool, newline: str
) -> None:
    """What the writer sends, the reader reads back field for field, in any parts."""
    flight = Flight("UX123", "UX", "MAD", "UTO", datetime(2024, 3, 1, 10, 0), None)
    text = make_paxlst(
        "passenger",
        flight,
        persons,
        interchange_reference="REF1",
        prepared=datetime(2024, 3, 1, 8, 0),
        part_size=part_size,
        service=service,
        group=group,
        newline=newline,
    )
    (pl,) = parse_paxlst(text)
    assert pl.flight == flight
    assert [replace(p, segment=0) for p in pl.persons] == persons
