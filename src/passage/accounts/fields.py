"""The one text rule (``passage.core.freetext``) as API schema types and form fields.

``Name``, ``Note``… in a Ninja schema declare ``maxLength`` in the OpenAPI document and
refuse control and direction characters with 422 naming the field; ``TextField`` does
the same on a page's form. Services check again with ``text_problem`` before they store.
"""

from __future__ import annotations

from typing import Annotated, Any

from django import forms
from django.core.exceptions import ValidationError
from pydantic import AfterValidator, Field

from passage.core import freetext
from passage.core.freetext import check_text, text_problem


def _line(value: str) -> str:
    return check_text(value, len(value))


def _lines(value: str) -> str:
    return check_text(value, len(value), multiline=True)


# The characters rule; each schema field gives its length with ``Field(max_length=…)``,
# which the OpenAPI document declares.
SINGLE_LINE = AfterValidator(_line)
MULTI_LINE = AfterValidator(_lines)

Name = Annotated[str, Field(max_length=freetext.NAME), SINGLE_LINE]
Place = Annotated[str, Field(max_length=freetext.PLACE), SINGLE_LINE]
Note = Annotated[str, Field(max_length=freetext.SHORT_NOTE), MULTI_LINE]
Reason = Annotated[str, Field(max_length=freetext.REASON), SINGLE_LINE]
MrzText = Annotated[str, Field(max_length=freetext.MRZ), MULTI_LINE]
Code = Annotated[str, Field(max_length=32), SINGLE_LINE]  # codes, keys, short values


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
