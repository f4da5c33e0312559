"""The one text rule (``passage.core.text``) as API schema types and form fields.

``Text(120)`` in a Ninja schema declares ``maxLength`` in the OpenAPI document and
refuses control and direction characters with 422 naming the field; ``TextField`` does
the same on a page's form. Services check again with ``text_problem`` before they store.
"""

from __future__ import annotations

import functools
from typing import Annotated, Any

from django import forms
from django.core.exceptions import ValidationError
from pydantic import AfterValidator, Field

from passage.core.text import check_text, text_problem


def Text(max_length: int, *, multiline: bool = False) -> Any:
    """A schema string of at most ``max_length`` characters, checked as text."""
    return Annotated[
        str,
        Field(max_length=max_length),
        AfterValidator(functools.partial(_check, multiline=multiline, max_length=max_length)),
    ]


def _check(value: str, *, max_length: int, multiline: bool) -> str:
    return check_text(value, max_length, multiline=multiline)


class TextValidator:
    def __init__(self, max_length: int, multiline: bool) -> None:
        self.max_length, self.multiline = max_length, multiline

    def __call__(self, value: str) -> None:
        problem = text_problem(value, self.max_length, multiline=self.multiline)
        if problem is not None:
            raise ValidationError(problem, code="text")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TextValidator) and vars(self) == vars(other)

    def __hash__(self) -> int:
        return hash((self.max_length, self.multiline))


class TextField(forms.CharField):
    """A form's text field under the one rule; multi-line when its widget is a textarea."""

    def __init__(self, *, max_length: int, **kwargs: Any) -> None:
        super().__init__(max_length=max_length, **kwargs)
        multiline = isinstance(self.widget, forms.Textarea)
        self.validators.append(TextValidator(max_length, multiline))
