"""A Spark session for the identity model's Spark backend (docs/identity.md).

``PASSAGE_SPARK_MASTER`` names the cluster (``spark://host:7077``, ``yarn``…) or runs
Spark inside this process (``local[2]``, the default). Splink's Spark backend runs the
same comparisons as DuckDB: only the engine changes.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings


def session() -> Any:
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(settings.PASSAGE_SPARK_MASTER)
        .appName("passage-identity")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    # Splink checkpoints its intermediate tables; on a cluster this must be shared storage
    # (PASSAGE_SPARK_CHECKPOINTS, e.g. hdfs:///passage/checkpoints).
    checkpoints = settings.PASSAGE_SPARK_CHECKPOINTS or str(settings.VAR_DIR / "spark-checkpoints")
    spark.sparkContext.setCheckpointDir(checkpoints)
    return spark
