"""What a post sends to HQ, and what HQ sends to posts.

**Pushed models.** A model whose changes a post sends is registered here with
:func:`register_model`. When ``audit.record()`` runs at a post with such an object and
one of the actions listed in ``on``, the object is queued; ``include`` names foreign
keys whose targets are queued first when HQ may not have them yet; ``related`` maps an
action to a reverse relation whose new objects are queued (an amendment is recorded
as an ``amend`` event on its crossing). Register parents before children: HQ applies
a batch model by model in registration order. An app added later registers its own
models from its ``AppConfig.ready()`` (see docs/sync.md), for example::

    from passage.sync.registry import register_model
    register_model("protection.referral", on={"create", "update"}, include=("crossing",))

**Pulled datasets.** HQ publishes datasets (reference data, stay rules, alert lists)
registered with :func:`register_dataset`; each has a version, exports a full copy or a
delta from the version a post holds, and is applied at the post in one audited
transaction (see ``datasets.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SyncModel:
    label: str
    on: frozenset[str]
    include: tuple[str, ...] = ()
    # action -> reverse relation(s) whose objects are queued with it (a one-to-one too).
    related: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)
    # Crossings are evidence: HQ inserts them and never changes them.
    immutable: bool = False
    # Runs at HQ on this model's rows before a batch is applied (identity linking).
    prepare: Callable[[list[Any], Any], None] | None = None
    # Runs at HQ after this model's rows are written: ``(pairs, ctx)`` with one
    # ``(HQ's key, event, created)`` per row of the batch (merging corrections).
    applied: Callable[[list[tuple[str, Any, bool]], Any], None] | None = None
    # Takes, at HQ, the rows a post sends as changed for records HQ already holds,
    # instead of overwriting them: ``(pairs, ctx)`` with ``(HQ's key, event)``.
    merge: Callable[[list[tuple[str, Any]], Any], None] | None = None


_models: dict[str, SyncModel] = {}


def register_model(
    label: str,
    *,
    on: Iterable[str] = ("create", "update"),
    include: Iterable[str] = (),
    related: Mapping[str, str | tuple[str, ...]] | None = None,
    immutable: bool = False,
    prepare: Callable[[list[Any], Any], None] | None = None,
    applied: Callable[[list[tuple[str, Any, bool]], Any], None] | None = None,
    merge: Callable[[list[tuple[str, Any]], Any], None] | None = None,
) -> SyncModel:
    spec = SyncModel(
        label=label.lower(),
        on=frozenset(on),
        include=tuple(include),
        related=dict(related or {}),
        immutable=immutable,
        prepare=prepare,
        applied=applied,
        merge=merge,
    )
    _models[spec.label] = spec
    return spec


def model_spec(label: str) -> SyncModel | None:
    return _models.get(label)


def pushed_models() -> list[SyncModel]:
    """Registered models, parents first (the order HQ applies a batch in)."""
    return list(_models.values())


@dataclass(frozen=True)
class Export:
    """What HQ sends for one dataset: ``mode`` is ``full``, ``delta`` or ``current``.

    ``version`` is what the post holds once it has applied this answer (it sends it back
    on its next pull); ``more`` says HQ has more to send from there: the post pulls again
    (a large change comes in pages, each applied in its own transaction).
    """

    version: str
    mode: str
    data: Any = None
    rows: int = 0
    published_at: str | None = None
    more: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "mode": self.mode,
            "data": self.data,
            "rows": self.rows,
            "published_at": self.published_at,
            "more": self.more,
        }


@dataclass(frozen=True)
class Dataset:
    """A dataset HQ publishes to posts.

    ``version()`` (HQ) names the current version; ``export(held)`` (HQ) returns an
    :class:`Export` for a post holding version ``held`` (None: nothing) — ``current`` when
    it is up to date, a ``delta`` when the dataset can compute one, else ``full`` (with
    ``per_node``, ``export(held, node)``: the answer depends on the post asking);
    ``apply(actor, export)`` (post) writes it in the caller's transaction and returns the
    number of rows written.
    """

    name: str
    label: str
    version: Callable[[], str]
    export: Callable[..., Export]
    apply: Callable[[Any, Export], int]
    # ``export(held, node)``: what is sent depends on the post asking (its travellers).
    per_node: bool = False
    # A short name for tables; ``label`` and ``title`` are English msgids (``gettext_noop``),
    # translated where they are shown (the ``dataset_title`` filter).
    title: str = ""


_datasets: dict[str, Dataset] = {}


def register_dataset(dataset: Dataset) -> Dataset:
    _datasets[dataset.name] = dataset
    return dataset


def datasets() -> list[Dataset]:
    return list(_datasets.values())


def dataset(name: str) -> Dataset | None:
    return _datasets.get(name)
