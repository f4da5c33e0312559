"""The linkage model: Splink settings, training, scoring, colours and clusters.

Fellegi-Sunter as Splink implements it: each comparison puts a pair of records into one
level per field, each level carries a weight ``log2(m/u)`` learnt from the data (u by
random sampling of pairs, m by expectation maximisation over blocked pairs), and a pair's
match weight is the prior plus the sum. Colours follow the EU Entry/Exit System's
multiple-identity detector (Regulation (EU) 2019/817, Art. 26-33):

- ``white``: probably one person (at or above ``Thresholds.white``); the proposal a
  supervisor confirms, and the only colour that joins records into one person;
- ``yellow``: to verify (between ``yellow`` and ``white``); counted as different;
- ``red``: different documents claiming one identity (two documents of one issuing
  state valid at the same time for records that match), or one document carrying two
  identities (same issuer and number, identity data that do not match);
- ``green``: different people, which only a person decides (never proposed).

The SQL in the comparisons is plain enough for DuckDB and Spark SQL alike, so the two
backends give the same levels and the same weights.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from passage.identity.engine.records import COLUMNS as COLUMN_NAMES
from passage.identity.engine.records import Prepared

MODEL_FILE = Path(__file__).with_name("model.json")

# Levels, most specific first. Column names are unquoted lower case, valid in both dialects.
NAME_LEVELS: list[dict[str, Any]] = [
    {"sql_condition": "name_sorted_l IS NULL OR name_sorted_r IS NULL", "is_null_level": True},
    {"sql_condition": "surname_n_l = surname_n_r AND given_n_l = given_n_r", "label": "exact"},
    {"sql_condition": "name_sorted_l = name_sorted_r", "label": "same words, swapped"},
    {
        "sql_condition": "surname_ph_l = surname_ph_r AND given_ph_l = given_ph_r",
        "label": "same sounds (transliteration)",
    },
    {"sql_condition": "name_ph_l = name_ph_r", "label": "same sounds, swapped"},
    {
        "sql_condition": "surname_n_l = surname_n_r AND levenshtein(given_n_l, given_n_r) <= 1",
        "label": "one typo in given names",
    },
    {
        "sql_condition": "given_n_l = given_n_r AND levenshtein(surname_n_l, surname_n_r) <= 1",
        "label": "one typo in surname",
    },
    {
        "sql_condition": "levenshtein(name_sorted_l, name_sorted_r) <= 2",
        "label": "two typos",
    },
    {
        "sql_condition": "given_ph_l = given_ph_r AND levenshtein(surname_ph_l, surname_ph_r) <= 2",
        "label": "same given names, surname alike",
    },
    {
        "sql_condition": "surname_ph_l = surname_ph_r AND length(given_ph_l) >= 4 "
        "AND levenshtein(given_ph_l, given_ph_r) <= 1",
        "label": "same surname, given names alike",
    },
    {
        "sql_condition": "surname_ph_l = surname_ph_r",
        "label": "same surname, other given names",
        "fixed_m": 0.001,
    },
    {"sql_condition": "ELSE", "label": "different"},
]
BIRTH_LEVELS: list[dict[str, Any]] = [
    {"sql_condition": "bd_y_l IS NULL OR bd_y_r IS NULL", "is_null_level": True},
    {"sql_condition": "bd_full_l = bd_full_r", "label": "exact"},
    {
        "sql_condition": "bd_y_l = bd_y_r AND bd_m_l = bd_d_r AND bd_d_l = bd_m_r",
        "label": "day and month swapped",
    },
    {
        "sql_condition": "bd_y_l = bd_y_r AND bd_m_l = bd_m_r AND (bd_d_l IS NULL OR bd_d_r IS NULL)",
        "label": "year and month agree, a day unknown",
    },
    {
        "sql_condition": "bd_y_l = bd_y_r AND (bd_m_l IS NULL OR bd_m_r IS NULL)",
        "label": "year agrees, a month unknown",
    },
    {"sql_condition": "levenshtein(bd_full_l, bd_full_r) <= 1", "label": "one digit off"},
    {"sql_condition": "bd_y_l = bd_y_r", "label": "same year only", "fixed_m": 0.002},
    {"sql_condition": "ELSE", "label": "different", "fixed_m": 0.01},
]
SEX_LEVELS: list[dict[str, Any]] = [
    {"sql_condition": "sex_l IS NULL OR sex_r IS NULL", "is_null_level": True},
    {"sql_condition": "sex_l = sex_r", "label": "same"},
    {"sql_condition": "ELSE", "label": "different", "fixed_m": 0.01},
]
NATIONALITY_LEVELS: list[dict[str, Any]] = [
    {
        "sql_condition": "(nationality_l IS NULL AND issuing_state_l IS NULL) "
        "OR (nationality_r IS NULL AND issuing_state_r IS NULL)",
        "is_null_level": True,
    },
    {
        "sql_condition": "nationality_l = nationality_r AND issuing_state_l = issuing_state_r",
        "label": "same nationality and issuer",
    },
    {"sql_condition": "nationality_l = nationality_r", "label": "same nationality, other issuer"},
    {
        "sql_condition": "issuing_state_l = issuing_state_r",
        "label": "same issuer, other nationality",
    },
    {
        "sql_condition": "nationality_l = issuing_state_r OR issuing_state_l = nationality_r",
        "label": "one's nationality issued the other's document",
    },
    {"sql_condition": "ELSE", "label": "different"},
]
# The issuing state is compared once, with the nationality (decision 0155): most documents
# are issued by their holder's nationality, so "same nationality" and "same issuer" (or
# "different" and "other issuer") are one fact, and counting it in two comparisons added
# about 2.4 bits to every namesake of one country and took as much from every second
# nationality's passport. The document comparison says only whether it is the same one.

# Columns carried to each scored pair for its colour (``colour_of``), not compared.
RETAINED = ("valid_from", "valid_until", "first_seen")
RENEWAL_EARLY = 365
RENEWAL_LATE = 730
DOCUMENT_LEVELS: list[dict[str, Any]] = [
    # Documents of two issuers say nothing of one another's history: the issuer is
    # compared once, in the nationality comparison (decision 0155), so here they are
    # unknown rather than "other document" (which took 1.9 bits more from every second
    # nationality's passport once renewals had a level of their own, decision 0158).
    # Two documents of one issuer without both validity dates are unknown too: their
    # history cannot be read, and "other document" weighs -3 bits.
    {
        "sql_condition": "doc_key_l IS NULL OR doc_key_r IS NULL OR (doc_key_l <> doc_key_r "
        "AND (issuing_state_l IS NULL OR issuing_state_r IS NULL "
        "OR issuing_state_l <> issuing_state_r "
        "OR (levenshtein(document_number_l, document_number_r) > 1 "
        "AND (valid_from_day_l IS NULL OR valid_from_day_r IS NULL "
        "OR valid_until_day_l IS NULL OR valid_until_day_r IS NULL))))",
        "is_null_level": True,
    },
    {"sql_condition": "doc_key_l = doc_key_r", "label": "same document"},
    {
        "sql_condition": "issuing_state_l = issuing_state_r "
        "AND levenshtein(document_number_l, document_number_r) <= 1",
        "label": "same issuer, number one character off",
    },
    # Document history (decision 0158): a renewal is issued by the same state from a year
    # before the document it replaces expires to two years after. Two people's documents
    # meet this by chance too (u is learnt); a missing date falls through to "other".
    {
        "sql_condition": "issuing_state_l = issuing_state_r AND ("
        f"(valid_from_day_r - valid_until_day_l BETWEEN {-RENEWAL_EARLY} AND {RENEWAL_LATE}) "
        f"OR (valid_from_day_l - valid_until_day_r BETWEEN {-RENEWAL_EARLY} AND {RENEWAL_LATE}))",
        "label": "same issuer, issued as the other expired",
    },
    {"sql_condition": "ELSE", "label": "same issuer, other document"},
]
COMPARISONS: dict[str, list[dict[str, Any]]] = {
    "name": NAME_LEVELS,
    "birth_date": BIRTH_LEVELS,
    "sex": SEX_LEVELS,
    "nationality": NATIONALITY_LEVELS,
    "document": DOCUMENT_LEVELS,
}
# A level marked ``fixed_m`` is one that expectation maximisation cannot tell from a
# look-alike relative: twins share surname and birth date, namesakes and fathers and sons
# share names and often a birth year, and EM, which only sees that such pairs are rare
# among random ones, learns them as matches. One person's records almost never change
# given names wholly, or the day and month of a full birth date beyond a typing error or
# a swap, so these m are set (not learnt) small.
# Pairs are scored only when one of these agrees (Splink ORs them, each pair once): the
# columns that must be equal, and a further condition on the pair. The rules were chosen
# by their pairs and the true pairs they reach on the FIT seed (11) only (decision 0152):
# the surname sound and the birth year alone made most pairs (they grow with the square
# of a block, 1.6 million of 2.2 million at 188,089 records) for 1 % of true pairs, so the
# surname sound now meets the full birth date, a year where one record has no full
# date (and the sex agrees), or the same day and month in either order.
_PARTIAL = "(l.bd_full IS NULL OR r.bd_full IS NULL)"
_SWAPPED = (
    "least(l.bd_m, l.bd_d) = least(r.bd_m, r.bd_d) "
    "AND greatest(l.bd_m, l.bd_d) = greatest(r.bd_m, r.bd_d)"
)
BLOCKING: list[tuple[tuple[str, ...], str]] = [
    (("doc_key",), ""),
    (("given_ph", "bd_full"), ""),
    (("name_ph", "bd_y"), ""),
    (("bd_full", "sex", "nationality"), ""),
    (("surname_ph", "bd_full"), ""),
    (("surname_ph", "bd_y", "sex"), _PARTIAL),
    (("given_ph", "bd_y", "sex"), _PARTIAL),
    (("surname_ph", "bd_y"), _SWAPPED),
]


def blocking_rules() -> list[dict[str, str]]:
    """The blocking rules as Splink takes them (the same SQL for DuckDB and Spark)."""
    rules = []
    for keys, where in BLOCKING:
        sql = " AND ".join(f"l.{c} = r.{c}" for c in keys)
        rules.append({"blocking_rule": f"{sql} AND {where}" if where else sql})
    return rules


# Name frequency (decision 0156). The name levels' weights are averages over all names:
# two records agreeing on a common name are weaker evidence than two agreeing on a rare
# one, and among a million records a common name meets more namesakes. On the levels
# where both records carry the same name sounds (``name_ph``), the weight is adjusted by
# log2(S / f): f the share of the run's records carrying that name, S the sum of f**2
# over all names (the share two records agreeing by chance carry on average), both
# counted on the population being resolved, so the adjustment averages to nothing and
# the posterior a weight stands for depends on how many records carry the name, not on
# how many records there are. A rare name adds at most ``NAME_FREQUENCY_CAP`` bits.
NAME_FREQUENCY_LEVELS = frozenset(
    {
        "exact",
        "same words, swapped",
        "same sounds (transliteration)",
        "same sounds, swapped",
    }
)
NAME_FREQUENCY_CAP = 2.0


@dataclass(frozen=True)
class NameFrequencies:
    """How many records of the population being resolved carry each name sound."""

    counts: dict[str, int]
    records: int
    # Sum over names of (share of records)**2.
    expected: float

    @classmethod
    def of(cls, names: Iterable[str | None]) -> NameFrequencies:
        from collections import Counter

        counts = Counter(n for n in names if n)
        return cls.from_counts(dict(counts), sum(counts.values()))

    @classmethod
    def from_counts(cls, counts: dict[str, int], records: int) -> NameFrequencies:
        squares = sum(c * c for c in counts.values())
        return cls(counts, records, squares / records**2 if records else 0.0)

    def adjustment(self, name: str | None) -> float:
        """Bits added to (or taken from) a name agreement on ``name``."""
        if not name or not self.records or not self.expected:
            return 0.0
        share = max(self.counts.get(name, 0), 1) / self.records
        return min(NAME_FREQUENCY_CAP, math.log2(self.expected / share))


# Expectation maximisation runs once per rule; each leaves the fields it blocks on to
# the other, so every comparison gets its m.
TRAINING_BLOCKS = [["doc_key"], ["bd_full"], ["surname_ph", "given_ph"]]


class Colour(StrEnum):
    WHITE = "white"
    YELLOW = "yellow"
    RED = "red"
    GREEN = "green"


@dataclass(frozen=True)
class Thresholds:
    """Match weights (log2 Bayes factors) at which a pair becomes yellow, then white."""

    white: float = 12.0
    yellow: float = 4.0
    # Two documents of one issuer count as valid together when they overlap this long: a
    # renewal may be issued up to a year before the document it replaces expires
    # (decision 0158; 60 days before).
    overlap_days: int = 366
    # Two groups of records (each already one person) are joined through a white link
    # only when the mean weight of every pair between them reaches this, a pair not
    # proposed at all counting ``GROUP_MISSING`` (decision 0161); None: any white link
    # joins them, as before.
    group: float | None = None

    def as_dict(self) -> dict[str, float]:
        out = {"white": self.white, "yellow": self.yellow, "overlap_days": self.overlap_days}
        if self.group is not None:
            out["group"] = self.group
        return out


@dataclass(frozen=True)
class Pair:
    """A scored pair of records, ``left < right``."""

    left: str
    right: str
    weight: float
    levels: dict[str, str]
    contributions: dict[str, float]
    colour: Colour | None = None
    reason: str = ""


def _settings() -> dict[str, Any]:
    comparisons = []
    for name, levels in COMPARISONS.items():
        comparisons.append(
            {
                "output_column_name": name,
                "comparison_levels": [
                    {
                        "sql_condition": level["sql_condition"],
                        "label_for_charts": level.get("label", "null"),
                        **({"is_null_level": True} if level.get("is_null_level") else {}),
                        **(
                            {"m_probability": level["fixed_m"], "fix_m_probability": True}
                            if "fixed_m" in level
                            else {}
                        ),
                    }
                    for level in levels
                ],
            }
        )
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "comparisons": comparisons,
        "blocking_rules_to_generate_predictions": blocking_rules(),
        "retain_matching_columns": True,
        "retain_intermediate_calculation_columns": True,
        "additional_columns_to_retain": list(RETAINED),
        "probability_two_random_records_match": 1e-5,
    }


def default_model_path() -> Path:
    return MODEL_FILE


def _labels(settings: dict[str, Any]) -> dict[str, list[str]]:
    return {
        c["output_column_name"]: [lv.get("label_for_charts", "") for lv in c["comparison_levels"]]
        for c in settings["comparisons"]
    }


class Resolver:
    """One linkage model on one backend (``duckdb``, the default, or ``spark``).

    ``model`` is a trained Splink model (a dict, or a path to its JSON); without it the
    model starts untrained and :meth:`train` fits it.
    """

    def __init__(
        self,
        model: dict[str, Any] | Path | None = None,
        *,
        backend: str = "duckdb",
        spark: Any = None,
        thresholds: Thresholds | None = None,
    ) -> None:
        if isinstance(model, Path):
            model = dict(json.loads(model.read_text()))
        self.settings: dict[str, Any] = model if isinstance(model, dict) else _settings()
        saved = self.settings.get("passage_thresholds")
        self.thresholds = thresholds or (Thresholds(**saved) if saved else Thresholds())
        if backend not in {"duckdb", "spark"}:
            raise ValueError(f"backend: {backend!r} is not duckdb or spark")
        self.backend = backend
        self.spark = spark
        # Stored rows the last incremental run read into DuckDB (those it could meet).
        self.stored_rows_read = 0

    def _db_api(self) -> Any:
        if self.backend == "spark":
            from splink import SparkAPI

            if self.spark is None:
                raise ValueError("backend spark needs a SparkSession")
            return SparkAPI(spark_session=self.spark)  # type: ignore[no-untyped-call]
        from splink import DuckDBAPI

        return DuckDBAPI(connection=_duckdb())

    def _linker(self, prepared: Prepared, *, records: int | None = None) -> Any:
        import logging

        from splink import Linker

        api = self._db_api()
        table: Any = prepared_table(prepared)
        if self.backend == "spark":
            table = self.spark.createDataFrame(table.to_pylist(), schema=_spark_schema())
        frame = api.register(table)
        settings = self._run_settings(records or len(prepared.rows))
        return Linker(frame, settings, log_level=logging.WARNING)

    def _run_settings(self, records: int) -> dict[str, Any]:
        """The settings for one run: the learnt weights, the prior for ``records``, and
        the blocking rules of this code (they are not learnt, so a model saved with older
        rules runs with the current ones)."""
        settings = {k: v for k, v in self.settings.items() if not k.startswith("passage_")}
        settings["probability_two_random_records_match"] = self.prior(records)
        settings["blocking_rules_to_generate_predictions"] = blocking_rules()
        # What the colour reads is this code's too: a model saved before first_seen
        # (decision 0164) runs with it.
        settings["additional_columns_to_retain"] = list(RETAINED)
        return settings

    def prior(self, records: int) -> float:
        """The chance that two records picked at random are one person's, for a run over
        ``records`` records. Each person holds a few records whatever the population, so
        of the n(n-1)/2 pairs about n are matches: the chance falls as 1/n. The model
        learnt it on ``passage_fit_records`` records; a larger run lowers it in proportion
        (a common name meets more namesakes among a million records than among twenty
        thousand), a smaller one keeps it."""
        learnt = float(self.settings["probability_two_random_records_match"])
        fitted = int(self.settings.get("passage_fit_records") or 0)
        if fitted and records > fitted:
            return learnt * fitted / records
        return learnt

    def train(self, prepared: Prepared, *, seed: int = 1, max_pairs: float = 2e6) -> None:
        """Fit u by random sampling and m by EM on blocked pairs; keep the weights."""
        linker = self._linker(prepared)
        linker.training.estimate_probability_two_random_records_match(
            [
                {"blocking_rule": "l.doc_key = r.doc_key"},
                {"blocking_rule": " AND ".join(f"l.{c} = r.{c}" for c in ("name_ph", "bd_full"))},
            ],
            recall=0.9,
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed)
        for rule in TRAINING_BLOCKS:
            linker.training.estimate_parameters_using_expectation_maximisation(
                " AND ".join(f"l.{c} = r.{c}" for c in rule)
            )
        self.settings = linker.misc.save_model_to_json()
        self.settings["passage_fit_records"] = len(prepared.rows)

    def save(self, path: Path) -> None:
        data = dict(self.settings)
        data["passage_thresholds"] = self.thresholds.as_dict()
        path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")

    def score(
        self,
        prepared: Prepared,
        *,
        floor: float | None = None,
        records: int | None = None,
        names: NameFrequencies | None = None,
    ) -> Iterator[Pair]:
        """Every blocked pair at or above ``floor`` (default: the yellow threshold), and
        every pair sharing a document whatever its weight (it may be red). ``records``:
        the population the run stands for, when larger than ``prepared`` (the prior);
        ``names``: its name frequencies (by default counted on ``prepared``)."""
        if len(prepared.rows) < 2:
            return
        if names is None:
            names = NameFrequencies.of(row["name_ph"] for row in prepared.rows)
        linker = self._linker(prepared, records=records)
        yield from self._predicted(linker, floor, names)

    def score_new(
        self, new: Prepared, stored: Sequence[Path], *, floor: float | None = None
    ) -> Iterator[Pair]:
        """The incremental run: pairs touching ``new`` records only, new against the
        stored rows (Parquet files of rows as :func:`prepare` makes them, see
        :func:`write_rows`) and new among themselves. Only the stored rows that share a
        blocking key with a new record are read into the run (one semi-join per rule
        over the Parquet key columns), so the work grows with the new records and the
        size of their blocks, not with the population: Splink then blocks a few thousand
        new rows against the few hundred thousand stored rows they can meet. A stored
        row with the id of a new one is left out (the new one replaces it). On Spark the
        same steps run as Spark joins (:meth:`_score_new_spark`)."""
        import logging

        from splink import DuckDBAPI, Linker

        if not new.rows:
            return
        if self.backend == "spark":
            yield from self._score_new_spark(new, stored, floor)
            return
        files = [str(p) for p in stored]
        con = _duckdb()
        new_table = prepared_table(new)  # noqa: F841 -- read by DuckDB by name
        con.execute("CREATE TABLE new_rows AS SELECT * FROM new_table").fetchall()
        con.read_parquet(files).create_view("stored_all")
        # Only constant column names from BLOCKING go into this SQL: nothing from the records.
        reached = " UNION ".join(
            "SELECT s.unique_id FROM stored_all s SEMI JOIN new_rows n ON "  # noqa: S608
            + " AND ".join(f"s.{c} = n.{c}" for c in keys)
            for keys in dict.fromkeys(keys for keys, _ in BLOCKING)
        )
        have = {r[0] for r in con.execute("DESCRIBE stored_all").fetchall()}
        # Rows stored before the validity days were columns get them from the ISO dates;
        # rows stored before first_seen have none (decision 0164).
        cols = ", ".join(
            c
            if c in have
            else "CAST(NULL AS VARCHAR) AS first_seen"
            if c == "first_seen"
            else f"CAST(CAST({c[:-4]} AS DATE) - DATE '1970-01-01' AS INTEGER) AS {c}"
            for c in COLUMN_NAMES
        )
        con.execute(
            f"CREATE TABLE stored_rows AS SELECT {cols} FROM stored_all "  # noqa: S608
            f"WHERE unique_id IN ({reached}) "
            "AND unique_id NOT IN (SELECT unique_id FROM new_rows)"
        ).fetchall()
        # The prior is the whole population's: the Parquet footers hold the row counts.
        total = con.execute("SELECT count(*) FROM stored_all").fetchall()[0][0]
        replaced = con.execute(
            "SELECT count(*) FROM stored_all WHERE unique_id IN (SELECT unique_id FROM new_rows)"
        ).fetchall()[0][0]
        records = int(total) - int(replaced) + len(new.rows)
        # Name frequencies of the whole population, for the names the new records carry.
        counted = con.execute(
            "WITH everyone AS (SELECT name_ph FROM stored_all "
            "WHERE unique_id NOT IN (SELECT unique_id FROM new_rows) "
            "UNION ALL SELECT name_ph FROM new_rows), "
            "counts AS (SELECT name_ph, count(*) AS n FROM everyone "
            "WHERE name_ph IS NOT NULL GROUP BY name_ph) "
            "SELECT (SELECT sum(n) FROM counts), (SELECT sum(n * n) FROM counts)"
        ).fetchall()[0]
        wanted = con.execute(
            "SELECT c.name_ph, count(*) FROM (SELECT name_ph FROM stored_all "
            "WHERE unique_id NOT IN (SELECT unique_id FROM new_rows) "
            "UNION ALL SELECT name_ph FROM new_rows) c "
            "SEMI JOIN new_rows n ON c.name_ph = n.name_ph GROUP BY c.name_ph"
        ).fetchall()
        named = int(counted[0] or 0)
        names = NameFrequencies(
            {str(k): int(v) for k, v in wanted},
            named,
            float(counted[1] or 0) / named**2 if named else 0.0,
        )
        yield from self.score(new, floor=floor, records=records, names=names)
        self.stored_rows_read = int(
            con.execute("SELECT count(*) FROM stored_rows").fetchall()[0][0]
        )
        if not self.stored_rows_read:
            return
        api = DuckDBAPI(connection=con)
        settings = self._run_settings(records)
        settings["link_type"] = "link_only"
        linker = Linker(
            [
                api.register("new_rows", dataset_display_name="new"),
                api.register("stored_rows", dataset_display_name="stored"),
            ],
            settings,
            log_level=logging.WARNING,
        )
        yield from self._predicted(linker, floor, names)

    def _score_new_spark(
        self, new: Prepared, stored: Sequence[Path], floor: float | None
    ) -> Iterator[Pair]:
        """:meth:`score_new` on Spark: the stored Parquet files are read by Spark (on a
        cluster, from storage every executor reaches), the rows sharing a blocking key
        with a new record kept by semi-joins, and Splink links the new rows with them;
        the prior and the name frequencies count the whole population, as on DuckDB."""
        import logging

        from pyspark.sql import functions as sf
        from splink import Linker, SparkAPI

        spark = self.spark
        if spark is None:
            raise ValueError("backend spark needs a SparkSession")
        stored_all = spark.read.parquet(*[str(p) for p in stored])
        for column in ("valid_from_day", "valid_until_day"):
            if column not in stored_all.columns:  # rows stored before the day columns
                stored_all = stored_all.withColumn(
                    column,
                    sf.datediff(sf.to_date(sf.col(column[:-4])), sf.lit("1970-01-01")).cast("int"),
                )
        if "first_seen" not in stored_all.columns:  # rows stored before it (decision 0164)
            stored_all = stored_all.withColumn("first_seen", sf.lit(None).cast("string"))
        new_rows = spark.createDataFrame(prepared_table(new).to_pylist(), schema=_spark_schema())
        others = stored_all.join(new_rows.select("unique_id"), "unique_id", "left_anti")
        reached = None
        for keys in dict.fromkeys(keys for keys, _ in BLOCKING):
            part = others.join(
                new_rows.select(*keys).dropna().distinct(), on=list(keys), how="left_semi"
            ).select("unique_id")
            reached = part if reached is None else reached.union(part)
        assert reached is not None
        stored_rows = others.join(reached.distinct(), "unique_id", "left_semi").select(
            *COLUMN_NAMES
        )
        records = others.count() + len(new.rows)
        everyone = others.select("name_ph").union(new_rows.select("name_ph")).dropna()
        counts = everyone.groupBy("name_ph").count()
        named, squares = counts.agg(
            sf.sum("count"), sf.sum(sf.col("count") * sf.col("count"))
        ).first()
        wanted = counts.join(new_rows.select("name_ph").distinct(), "name_ph", "left_semi")
        named = int(named or 0)
        names = NameFrequencies(
            {str(r["name_ph"]): int(r["count"]) for r in wanted.collect()},
            named,
            float(squares or 0) / named**2 if named else 0.0,
        )
        yield from self.score(new, floor=floor, records=records, names=names)
        stored_rows = stored_rows.cache()
        self.stored_rows_read = stored_rows.count()
        if not self.stored_rows_read:
            return
        api = SparkAPI(spark_session=spark)  # type: ignore[no-untyped-call]
        settings = self._run_settings(records)
        settings["link_type"] = "link_only"
        linker = Linker(
            [
                api.register(new_rows, dataset_display_name="new"),
                api.register(stored_rows, dataset_display_name="stored"),
            ],
            settings,
            log_level=logging.WARNING,
        )
        yield from self._predicted(linker, floor, names)

    def _predicted(
        self, linker: Any, floor: float | None, names: NameFrequencies
    ) -> Iterator[Pair]:
        floor = self.thresholds.yellow if floor is None else floor
        predictions = linker.inference.predict(warning_mode="never")
        fields = list(COMPARISONS)
        columns = ", ".join(
            [
                "unique_id_l",
                "unique_id_r",
                "match_weight",
                "doc_key_l",
                "doc_key_r",
                "issuing_state_l",
                "issuing_state_r",
                "valid_from_l",
                "valid_from_r",
                "valid_until_l",
                "valid_until_r",
                "first_seen_l",
                "first_seen_r",
                "name_ph_l",
                "name_ph_r",
            ]
            + [f"gamma_{n}" for n in fields]
            + [f"mw_{n}" for n in fields]
        )
        # Only constant column names and a float go into this SQL: nothing from the records.
        # A rare name may still add NAME_FREQUENCY_CAP bits: the floor waits for it.
        lowest = float(floor) - NAME_FREQUENCY_CAP
        selected = predictions.query_sql(
            f"SELECT {columns} FROM {{this}} WHERE match_weight >= {lowest!r} "  # noqa: S608
            "OR doc_key_l = doc_key_r"
        )
        labels = _labels(self.settings)
        levels_of = {
            n: {len(labels[n]) - 1 - i: label for i, label in enumerate(labels[n])}
            | {-1: "unknown"}
            for n in fields
        }
        for row in _rows(selected):
            pair = self._pair(row, fields, levels_of, names)
            same_doc = row["doc_key_l"] is not None and row["doc_key_l"] == row["doc_key_r"]
            if pair.weight >= floor or same_doc:
                yield pair

    def _pair(
        self,
        row: dict[str, Any],
        fields: Sequence[str],
        levels_of: dict[str, dict[int, str]],
        names: NameFrequencies,
    ) -> Pair:
        # gamma counts down from the most specific level; -1 is the null level
        levels = {n: levels_of[n][row[f"gamma_{n}"]] for n in fields}
        mw = {n: float(row[f"mw_{n}"] or 0.0) for n in fields}
        weight = float(row["match_weight"])
        if levels["name"] in NAME_FREQUENCY_LEVELS and row.get("name_ph_l") == row.get("name_ph_r"):
            adjustment = names.adjustment(row.get("name_ph_l"))
            mw["name"] += adjustment
            weight += adjustment
        contributions = {n: round(mw[n], 2) for n in fields}
        a, b = str(row["unique_id_l"]), str(row["unique_id_r"])
        left, right = (a, b) if a < b else (b, a)
        weight = round(weight, 2)
        colour, reason = colour_of(row, weight, levels, self.thresholds)
        return Pair(left, right, weight, levels, contributions, colour, reason)


def colour_of(
    row: dict[str, Any], weight: float, levels: dict[str, str], t: Thresholds
) -> tuple[Colour | None, str]:
    """The proposed colour of a scored pair and why (None: not a link at all)."""
    same_doc = row.get("doc_key_l") is not None and row.get("doc_key_l") == row.get("doc_key_r")
    if same_doc and weight < t.yellow:
        return Colour.RED, "one document, two identities"
    if weight < t.yellow:
        return None, ""
    # A number one character off from the same issuer is one document typed twice, not
    # a second document valid at once (decision 0157).
    if (
        not same_doc
        and levels.get("document") != "same issuer, number one character off"
        and not _transposed(row.get("doc_key_l"), row.get("doc_key_r"))
        and levels.get("birth_date") == "exact"
        and levels.get("name") in {"exact", "same words, swapped"}
        and row.get("issuing_state_l")
        and row.get("issuing_state_l") == row.get("issuing_state_r")
        and _overlap_days(row) >= t.overlap_days
    ):
        return Colour.RED, "two documents of one issuer valid at once for one identity"
    if weight >= t.white:
        return Colour.WHITE, "probably one person"
    return Colour.YELLOW, "to verify"


def _transposed(a: str | None, b: str | None) -> bool:
    """Two document keys that differ by two neighbouring characters swapped: one number
    typed twice (Levenshtein counts a swap as two edits, so the level misses it)."""
    if not a or not b or len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def _overlap_days(row: dict[str, Any]) -> int:
    """Days two documents were surely valid together (0 when that cannot be known).

    A document is valid from its issue date; when that is unknown, from no later than
    the day it was first recorded (it was issued by then), never from a guessed standard
    validity length. The overlap so read is never longer than the true one: without an
    issue date a pair is red only where it would be with it (decision 0164).
    """
    from datetime import date

    try:
        starts = [
            date.fromisoformat(str(row.get(f"valid_from_{s}") or row.get(f"first_seen_{s}")))
            for s in ("l", "r")
        ]
        ends = [date.fromisoformat(str(row[k])) for k in ("valid_until_l", "valid_until_r")]
    except (KeyError, TypeError, ValueError):
        return 0
    return (min(ends) - max(starts)).days


def _rows(frame: Any) -> Iterator[dict[str, Any]]:
    table = frame.as_pyarrow_table()
    for batch in table.to_batches(max_chunksize=50_000):
        yield from batch.to_pylist()


DUCKDB_MEMORY = "5GB"


def _duckdb() -> Any:
    """A DuckDB connection that spills to disk rather than die: 1 million records must fit
    a small HQ machine (8 GB), and Python holds the records and pairs beside it."""
    import tempfile

    import duckdb

    con = duckdb.connect(":memory:")
    spill = Path(tempfile.gettempdir()) / "passage-identity-duckdb"
    for statement in (
        "SET preserve_insertion_order = false",
        f"SET memory_limit = '{DUCKDB_MEMORY}'",
        f"SET temp_directory = '{spill}'",
    ):
        con.execute(statement).fetchall()
    return con


def prepared_table(prepared: Prepared) -> Any:
    """The prepared rows as a PyArrow table (the columns the model reads)."""
    import pyarrow as pa

    return pa.table(prepared.columns(), schema=_schema())


def write_rows(prepared: Prepared, path: Path) -> None:
    """Store prepared rows as Parquet, for :meth:`Resolver.score_new` to compare new
    records with (preparing 10 million records again each day would take an hour)."""
    import pyarrow.parquet as pq

    pq.write_table(prepared_table(prepared), path)


def _schema() -> Any:
    import pyarrow as pa

    from passage.identity.engine.records import COLUMNS

    ints = {"bd_y", "bd_m", "bd_d", "valid_from_day", "valid_until_day"}
    return pa.schema([(c, pa.int32() if c in ints else pa.string()) for c in COLUMNS])


def _spark_schema() -> Any:
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType

    from passage.identity.engine.records import COLUMNS

    ints = {"bd_y", "bd_m", "bd_d", "valid_from_day", "valid_until_day"}
    return StructType(
        [StructField(c, IntegerType() if c in ints else StringType(), True) for c in COLUMNS]
    )


def _dates_agree(a: str, b: str) -> bool:
    """Two full birth dates one person could carry: equal, day and month swapped, or one
    digit off (a typing error)."""
    if a == b or (a[:4] == b[:4] and a[5:7] == b[8:10] and a[8:10] == b[5:7]):
        return True
    return sum(x != y for x, y in zip(a, b, strict=True)) <= 1


# A pair of records between two groups that was not proposed at all (under the yellow
# threshold, or never compared) counts this many bits when the groups' support is weighed
# (decision 0161): about what a pair of two people's records weighs.
GROUP_MISSING = -8.0


def cluster(
    ids: Iterable[str],
    pairs: Iterable[Pair],
    rows: Iterable[dict[str, Any]] | None = None,
    *,
    group: float | None = None,
) -> dict[str, str]:
    """Person id per record: records joined by white links, the smallest record id naming
    each person (so the answer does not depend on the order pairs come in).

    Links are taken strongest first, and with ``rows`` (the prepared records) two groups
    are not joined when they hold full birth dates or sexes that cannot be one person's:
    a record with only a birth year links to both namesakes born that year, and joining
    through it would make the two one person. Such a record is ambiguous: it is one of
    two people and the links cannot say which, so it stays apart (its links stay
    proposals for a person to decide), and the clusters are made again without it.

    With ``group`` (``Thresholds.group``), a white link joins two groups of several
    records only when the mean weight of every pair of records between them reaches
    ``group``, a pair not among ``pairs`` counting ``GROUP_MISSING`` (decision 0161): one
    person's records mostly link to one another, two namesakes' groups meet through one
    or two pairs, and joining them made a false pair of every two of their records.
    """
    ids = list(ids)
    pairs = list(pairs)
    white = sorted(
        (p for p in pairs if p.colour is Colour.WHITE), key=lambda p: (-p.weight, p.left, p.right)
    )
    # One entry per pair (left < right): a dict per record held a million small dicts.
    support = None if group is None else ({(p.left, p.right): p.weight for p in pairs}, group)
    if rows is None:
        return _union(ids, white, None, None, support)[0]
    dates: dict[str, set[str]] = {}
    sexes: dict[str, set[str]] = {}
    for row in rows:
        uid = row["unique_id"]
        dates[uid] = {row["bd_full"]} if row.get("bd_full") else set()
        sexes[uid] = {row["sex"]} if row.get("sex") else set()
    apart = _ambiguous(white, dates, sexes)
    for _ in range(4):
        kept = [p for p in white if p.left not in apart and p.right not in apart]
        persons, refused = _union(ids, kept, dates, sexes, support)
        # A refused link names the record that bridged two people: the end without a
        # full birth date or a sex (the end that carries both is not the ambiguous one).
        bridges = {
            end
            for pair in refused
            for end in (pair.left, pair.right)
            if not dates.get(end) or not sexes.get(end)
        }
        if bridges <= apart:
            return persons
        apart |= bridges
    return persons


def _ambiguous(
    white: Sequence[Pair], dates: dict[str, set[str]], sexes: dict[str, set[str]]
) -> set[str]:
    """Records without a full birth date or a sex whose white links reach two records
    that cannot be one person (found before joining, so one pass usually suffices)."""
    partial = {uid for uid in dates if not dates[uid] or not sexes[uid]}
    reach: dict[str, list[str]] = {}
    for pair in white:
        if pair.left in partial:
            reach.setdefault(pair.left, []).append(pair.right)
        if pair.right in partial:
            reach.setdefault(pair.right, []).append(pair.left)
    found = set()
    for uid, others in reach.items():
        if len(others) < 2:
            continue
        for i, x in enumerate(others):
            if any(not _may_join(x, y, dates, sexes) for y in others[i + 1 :]):
                found.add(uid)
                break
    return found


def _may_join(a: str, b: str, dates: dict[str, set[str]], sexes: dict[str, set[str]]) -> bool:
    if len(sexes[a] | sexes[b]) > 1:
        return False
    return all(_dates_agree(x, y) for x in dates[a] for y in dates[b])


def _union(
    ids: Iterable[str],
    white: Sequence[Pair],
    dates: dict[str, set[str]] | None,
    sexes: dict[str, set[str]] | None,
    support: tuple[dict[tuple[str, str], float], float] | None = None,
) -> tuple[dict[str, str], list[Pair]]:
    parent: dict[str, str] = {i: i for i in ids}
    group_dates = {k: set(v) for k, v in (dates or {}).items()}
    group_sexes = {k: set(v) for k, v in (sexes or {}).items()}
    members: dict[str, list[str]] = {}
    refused: list[Pair] = []

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in white:
        a, b = find(pair.left), find(pair.right)
        if a == b:
            continue
        if dates is not None and not _may_join(a, b, group_dates, group_sexes):
            refused.append(pair)
            continue
        if support is not None:
            ours, theirs = members.get(a, [a]), members.get(b, [b])
            if not _supported(ours, theirs, *support):
                continue
        keep, gone = min(a, b), max(a, b)
        parent[gone] = keep
        if support is not None:
            members[keep] = ours + theirs
            members.pop(gone, None)
        if dates is not None:
            group_dates[keep] |= group_dates.pop(gone)
            group_sexes[keep] |= group_sexes.pop(gone)
    return {i: find(i) for i in parent}, refused


def _supported(
    ours: list[str], theirs: list[str], weights: dict[tuple[str, str], float], group: float
) -> bool:
    """Whether two groups' records link well enough to be one person's: the mean weight
    of the pairs between them, a pair not proposed counting ``GROUP_MISSING``."""
    count = len(ours) * len(theirs)
    if count == 1:
        return True
    total = 0.0
    for a in ours:
        for b in theirs:
            total += weights.get((a, b) if a < b else (b, a), GROUP_MISSING)
    return total / count >= group


@dataclass
class Resolution:
    persons: dict[str, str] = field(default_factory=dict)
    pairs: list[Pair] = field(default_factory=list)
