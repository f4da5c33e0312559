"""The field forms shipped as XLSForm files (``forms/*.xlsx``), read with pyxform.

The XLSForm is the one description of each form: KoboToolbox and ODK Collect take the
file, and Passage checks every submission against the same file, so a question added to
the form is a question Passage checks. ``spec(kind)`` gives the form's questions (name,
type, required, choices) and its version; ``check(spec, raw)`` turns one submission's
raw text values into typed values, or the problems, field by field.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

from passage.core.freetext import text_problem
from passage.core.text import Text

from .choices import FormKind

# Versions of each form this Passage reads (the current one first). A form changed in a
# way the importer must know about gets a new version; old versions stay readable here
# as long as their questions are.
KNOWN_VERSIONS: dict[str, tuple[str, ...]] = {kind: ("2026120301",) for kind in FormKind.values}
TEXT_LIMIT = 1000


@dataclass(frozen=True)
class Question:
    name: str
    type: str  # text, integer, date, select_one, select_multiple, calculate
    required: bool
    choices: frozenset[str] = frozenset()
    conditional: bool = False  # asked only when ``relevant`` holds


@dataclass(frozen=True)
class FormSpec:
    kind: str
    form_id: str
    version: str
    questions: tuple[Question, ...]

    @property
    def names(self) -> set[str]:
        return {q.name for q in self.questions}

    def xform(self) -> str:
        """The form built into an XForm (what Kobo and ODK Collect run)."""
        from pyxform.xls2xform import convert

        return str(convert(xlsform=path_of(self.kind).read_bytes(), file_type=".xlsx").xform)


def path_of(kind: str) -> Any:
    return resources.files("passage.displacement").joinpath("forms", f"{kind}.xlsx")


@functools.cache
def spec(kind: str) -> FormSpec:
    from pyxform.xls2json import parse_file_to_json

    with resources.as_file(path_of(kind)) as path:
        doc = parse_file_to_json(str(path))
    choices = {name: frozenset(c["name"] for c in items) for name, items in doc["choices"].items()}
    questions = []
    for child in doc["children"]:
        if child.get("control", {}).get("bodyless") or child["type"] == "group":
            continue  # meta (instanceID)
        qtype = child["type"]
        bind = child.get("bind", {})
        itemset = child.get("itemset") or child.get("list_name")
        base = {"select one": "select_one", "select all that apply": "select_multiple"}.get(
            qtype, qtype
        )
        questions.append(
            Question(
                name=child["name"],
                type=base,
                required=str(bind.get("required", "")).lower() in {"yes", "true()", "true"},
                choices=choices.get(itemset, frozenset()) if itemset else frozenset(),
                conditional=bool(bind.get("relevant")),
            )
        )
    return FormSpec(kind, doc["id_string"], str(doc["version"]), tuple(questions))


@functools.cache
def _plan(kind: str) -> tuple[tuple[str, str, bool, frozenset[str]], ...]:
    """(name, type, required, choices) of each answered question, read once per form."""
    return tuple(
        (q.name, q.type, q.required and not q.conditional, q.choices)
        for q in spec(kind).questions
        if q.type != "calculate"
    )


def check(form: FormSpec, raw: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """Typed values of ``raw`` (text as exported) for every question, and the problems."""
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name, qtype, required, choices in _plan(form.kind):
        text = raw.get(name)
        text = text.strip() if text else ""
        if not text:
            if required:
                problems[name] = Text("required")
            values[name] = [] if qtype == "select_multiple" else None
            continue
        # isprintable() is false for every control, format (bidi) and surrogate
        # character: only then is the full (slower) check needed.
        if len(text) > TEXT_LIMIT or not text.isprintable():
            problem = text_problem(text, TEXT_LIMIT, multiline=True)
            if problem:
                problems[name] = problem
                continue
        if qtype == "integer":
            if text.isascii() and text.isdigit():
                values[name] = int(text)
                continue
            try:
                values[name] = int(text)
            except ValueError:
                problems[name] = Text("not a whole number: {value}", value=repr(text[:20]))
        elif qtype == "date":
            try:
                values[name] = dt.date.fromisoformat(text[:10])
            except ValueError:
                problems[name] = Text("not a date (YYYY-MM-DD): {value}", value=repr(text[:20]))
        elif qtype == "select_one":
            if text not in choices:
                problems[name] = Text(
                    "{value} is not one of {choices}",
                    value=repr(text[:20]),
                    choices=", ".join(sorted(choices)),
                )
            values[name] = text
        elif qtype == "select_multiple":
            picked = text.split()
            wrong = [p for p in picked if p not in choices]
            if wrong:
                problems[name] = Text(
                    "{value} is not one of {choices}",
                    value=repr(wrong[0][:20]),
                    choices=", ".join(sorted(choices)),
                )
            values[name] = list(dict.fromkeys(picked))
        else:
            values[name] = text
    return values, problems
