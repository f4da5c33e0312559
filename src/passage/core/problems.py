"""The one error a service raises when its input cannot be carried out.

Every app's services raise ``ProblemError`` with a mapping from each bad field to a
message that a person can act on; nothing else carries input problems between layers::

    ValueError
    └── ProblemError      ``problems`` maps field -> message, every field at once

The field is the input's own name (``birth_date``, ``person.names``), or where it sits
in a file (``line 12: names``) for imports. The API turns the error into 422 with the
fields (``site.api``); pages show it with ``show_on_form``, which puts each message
beside its field, or at the top of the form when the form has no such field.

It lives in ``passage.core`` because it is plain Python: every app, and core itself,
can raise it without importing Django or another app.

>>> err = ProblemError({"birth_date": "not a date", "sex": "one of F, M, X"})
>>> str(err)
'birth_date: not a date; sex: one of F, M, X'
>>> sorted(err.problems)
['birth_date', 'sex']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol


class ProblemError(ValueError):
    """Input that cannot be carried out; ``problems`` maps each field to its message."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        if not problems:
            raise ValueError("a ProblemError names at least one problem")
        # A ``core.text.Text`` message stays one (a page translates it by its template).
        self.problems: dict[str, str] = {
            str(k): v if isinstance(v, str) else str(v) for k, v in problems.items()
        }
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.problems.items()))

    @classmethod
    def from_messages(cls, messages: Mapping[str, Iterable[str]]) -> ProblemError:
        """From several messages per field, as a model's ``full_clean`` reports them.

        >>> ProblemError.from_messages({"number": ["required", "too short"]}).problems
        {'number': 'required too short'}
        """
        return cls({name: " ".join(str(m) for m in texts) for name, texts in messages.items()})


def at_line(line: int, field: str) -> str:
    """The key of a problem in a file: ``line 12: names`` (line 0 is the whole file).

    >>> at_line(12, "names"), at_line(0, "file")
    ('line 12: names', 'file')
    """
    return f"line {line}: {field}" if line else field


class _Form(Protocol):
    @property
    def fields(self) -> Mapping[str, Any]: ...

    def add_error(self, field: str | None, error: Any) -> None: ...


def show_on_form(form: _Form, error: ProblemError) -> None:
    """Put each problem beside its field on a page's form, or above the form, named.

    Duck-typed (anything with ``fields`` and ``add_error``, as a Django form has), so
    that core needs no Django.
    """
    for name, message in error.problems.items():
        if name in form.fields:
            form.add_error(name, message)
        else:
            form.add_error(None, f"{name}: {message}")
