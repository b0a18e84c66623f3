"""A register's cells read as one field's values: the register's words mapped, then parsed.

Dates, clauses and choices are parsed as people type them (:mod:`readiness.io.cells`); a
choice is any of our labels in pl, bg or en, or a word the sources file maps under
``[values]``. Each distinct value of a field is parsed once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from readiness.core.catalogue import Catalogue, load_catalogue
from readiness.core.messages import N_, every_translation
from readiness.core.schema import CHOICES, choices, labels
from readiness.io.cells import (
    BadValue,
    norm,
    parse_date,
    parse_number,
    parse_ref,
    parse_refs,
    text,
)
from readiness.io.registers.role import Field
from readiness.io.registers.roles import EXTRA_CHOICES, EXTRA_LABELS
from readiness.io.registers.spec import RegisterProblems, RegisterSpec

#: the ``[values]`` table that maps a survey's word answers to scores, for every question
ANSWERS = "answers"
ANSWER_EXPECTED = N_("an answer from 1 to 5, or a word mapped under [values.answers]")


@cache
def choice_words(name: str) -> dict[str, str]:
    """norm(word) -> key for a list of choices, our labels in every language."""
    if name in EXTRA_CHOICES:
        out = {norm(k): k for k in EXTRA_CHOICES[name]}
        labels_of = EXTRA_LABELS.get(name, {})
        for key in EXTRA_CHOICES[name]:
            out |= {norm(w): key for w in every_translation(labels_of.get(key, key))}
        return out
    options = choices(name, load_catalogue()) if name == "stage" else CHOICES[name]
    out = {}
    for choice in options:
        out[norm(choice.key)] = choice.key
        out |= {norm(w): choice.key for w in labels(choice)}
    return out


def choice_keys(name: str) -> list[str]:
    """The keys of a list of choices."""
    if name in EXTRA_CHOICES:
        return list(EXTRA_CHOICES[name])
    return [c.key for c in CHOICES[name]]


def field_parser(spec: RegisterSpec, f: Field, catalogue: Catalogue) -> Callable[[Any], Any]:
    """A parser for one field's cells, remembering the values it has read.

    Registers repeat their words, clauses and dates from row to row; each distinct
    cell value is parsed once (an unreadable one is reported at every cell).
    """
    parse = cell_parser(spec, f, catalogue)
    if f.kind == "text":
        return parse
    memo: dict[Any, Any] = {}

    def remembered(value: Any) -> Any:
        try:
            return memo[value]
        except KeyError:
            memo[value] = parsed = parse(value)
            return parsed
        except TypeError:  # not hashable
            return parse(value)

    return remembered


def cell_parser(spec: RegisterSpec, f: Field, catalogue: Catalogue) -> Callable[[Any], Any]:
    """A parser for one field's cells: the register's words mapped first."""
    words = {norm(k): v for k, v in spec.values.get(f.key, {}).items()}
    if f.kind == "date":
        return parse_date
    if f.kind == "ref":
        return lambda v: parse_ref(v, catalogue)
    if f.kind == "refs":
        return lambda v: parse_refs(v, catalogue)
    if f.kind == "number":
        return lambda v: parse_number(words.get(norm(text(v)), v))
    if f.kind == "score":
        return answer_parser(spec, f.key)
    if f.kind in ("enum", "yesno"):
        ours = choice_words(f.choices)

        def choice(value: Any) -> str:
            key = norm(text(value))
            key = norm(words.get(key, key))
            if key in ours:
                return ours[key]
            raise BadValue(N_("one of: {choices}"), choices=", ".join(choice_keys(f.choices)))

        return choice
    if words:
        return lambda v: words.get(norm(text(v)), text(v))
    return text


def answer_parser(spec: RegisterSpec, key: str) -> Callable[[Any], int]:
    """A survey answer's parser: a whole number 1-5, or a word mapped to one in ``[values]``.

    Words are looked up in the question's own table (``[values."answer:QUESTION"]``) first,
    then in ``[values.answers]``, which serves every question.
    """
    words = {norm(k): v for k, v in spec.values.get(ANSWERS, {}).items()}
    words |= {norm(k): v for k, v in spec.values.get(key, {}).items()}

    def answer(value: Any) -> int:
        if isinstance(value, bool):
            raise BadValue(ANSWER_EXPECTED)
        raw: Any = words.get(norm(text(value)), value)
        try:
            number = parse_number(raw)
        except BadValue:
            raise BadValue(ANSWER_EXPECTED) from None
        if not number.is_integer() or not 1 <= number <= 5:
            raise BadValue(ANSWER_EXPECTED)
        return int(number)

    return answer


def bad_value(
    report: RegisterProblems,
    spec: RegisterSpec,
    sheet: str,
    cell: str,
    key: str,
    value: Any,
    f: Field,
    exc: BadValue,
    unmapped: dict[str, set[str]],
    header: str = "",
) -> None:
    """An unreadable cell; an unknown word names the mapping to add.

    The message names the column by ``header``, the register's own (our key only when not
    given); the hint names the sources file's table to add the word to.
    """
    _ = report._
    header = header or key
    if f.kind in ("enum", "yesno"):
        word = text(value)
        unmapped.setdefault(key, set()).add(word)
        keys = choice_keys(f.choices)
        report.add(
            spec,
            "unknown-value",
            _("{field}: the word {word} has no mapping.").format(field=header, word=f'"{word}"'),
            sheet=sheet,
            cell=cell,
            value=word,
            expected=", ".join(keys),
            hint=_(
                "Add under [registers.{name}.values.{field}] the line: "
                '"{word}" = "{key}" (or another of: {keys}).'
            ).format(name=spec.name, field=key, word=word, key=keys[0], keys=", ".join(keys)),
        )
        return
    if f.kind == "score":
        word = text(value)
        question = key.removeprefix("answer:")
        report.add(
            spec,
            "bad-answer",
            _("{field}: the answer cannot be read.").format(field=question),
            sheet=sheet,
            cell=cell,
            value=word,
            expected=_(ANSWER_EXPECTED),
            hint=_(
                "Add under [registers.{name}.values.answers] the line: "
                '"{word}" = 5 (the score from 1 to 5 the word stands for).'
            ).format(name=spec.name, word=word),
        )
        return
    code = "unknown-clause" if f.kind in ("ref", "refs") else f"bad-{f.kind}"
    report.add(
        spec,
        code,
        _("{field}: the value cannot be read.").format(field=header),
        sheet=sheet,
        cell=cell,
        value=value,
        expected=_(exc.expected).format(**exc.params),
    )
