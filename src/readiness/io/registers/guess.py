"""``readiness sources init``: a sources file guessed from the registers themselves.

For each register file: the sheet with the most rows, the header row (the row whose
cells name most fields, in pl, bg or en), the role (from those headers and from the words
in the file and sheet names and title rows), each field's column, and for each choice
column the mapping of the words found in it (a survey export's word answers, under
``[values.answers]``, as the scores they stand for). Every guess is marked with its confidence
(high, medium, low) in a comment, for the user to confirm.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readiness.core.catalogue import load_catalogue
from readiness.core.registers import ROLE_REFS, ROLES
from readiness.io.cells import BadValue, is_blank, norm, parse_date, parse_refs, text
from readiness.io.guard import FileRefused, native_stderr_held
from readiness.io.registers.files import Grid, kind_of, read_grid
from readiness.io.registers.header import header_names
from readiness.io.registers.role import Field
from readiness.io.registers.roles import ROLE_FIELDS, ROLE_WORDS, VALUE_WORDS
from readiness.io.registers.values import ANSWERS, choice_keys, choice_words

HEADER_SCAN_ROWS = 15
SAMPLE_ROWS = 200
HIGH, MEDIUM, LOW = "high", "medium", "low"


@dataclass
class Guess:
    """The guessed mapping of one register file."""

    path: Path
    name: str
    file: str = ""
    role: str = ""
    role_confidence: str = LOW
    sheet: str = ""
    header_row: int = 0  # 1-based
    encoding: str = ""
    separator: str = ""
    columns: dict[str, tuple[str, str]] = field(default_factory=dict)  # field -> (header, conf)
    values: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    unknown_values: dict[str, list[str]] = field(default_factory=dict)
    defaults: dict[str, tuple[str, str]] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)
    error: str = ""


def _word_match(header: str, words: tuple[str, ...]) -> str:
    """HIGH when the header is one of the words, MEDIUM when it contains one, else ''."""
    h = norm(header)
    if not h:
        return ""
    if any(h == norm(w) for w in words):
        return HIGH
    parts = [p.strip() for p in h.split("/")]
    if any(p == norm(w) for p in parts for w in words):
        return HIGH
    if any(len(w) >= 4 and norm(w) in h for w in words):
        return MEDIUM
    return ""


def _best_grid(path: Path) -> Grid:
    """The sheet with the most filled rows (a CSV is one grid)."""
    if kind_of(path) == "csv":
        return read_grid(path)
    from python_calamine import CalamineWorkbook

    first = read_grid(path)  # guarded
    with native_stderr_held() as panicked:
        try:
            book = CalamineWorkbook.from_path(str(path))
            try:
                names = [str(n) for n in book.sheet_names]
            finally:
                book.close()
        except BaseException as exc:  # read_grid read it: only a panic could end here
            if type(exc).__name__ != "PanicException":
                raise
            panicked.append(True)
            names = []
    best = first
    for name in names[1:]:
        grid = read_grid(path, name)
        if sum(1 for r in grid.rows if any(not is_blank(v) for v in r)) > sum(
            1 for r in best.rows if any(not is_blank(v) for v in r)
        ):
            best = grid
    return best


def _all_words() -> list[tuple[str, Field]]:
    return [(role, f) for role in ROLES for f in ROLE_FIELDS[role]]


def _header_score(names: list[tuple[str, set[str]]]) -> int:
    fields = _all_words()
    return sum(
        1 for shown, _w in names if shown and any(_word_match(shown, f.words) for _r, f in fields)
    )


def _column_values(grid: Grid, header_index: int, column: int) -> list[Any]:
    out = []
    for row in grid.rows[header_index + 1 : header_index + 1 + SAMPLE_ROWS]:
        value = row[column] if column < len(row) else ""
        if not is_blank(value):
            out.append(value)
    return out


def _share(values: list[Any], check: Any) -> float:
    if not values:
        return 0.0
    ok = 0
    for v in values:
        try:
            check(v)
            ok += 1
        except (BadValue, ValueError):
            pass
    return ok / len(values)


def guess_one(path: Path, name: str) -> Guess:
    """Guess the mapping of one register file."""
    guess = Guess(path=path, name=name)
    try:
        grid = _best_grid(path)
    except FileRefused as exc:
        guess.error = exc.refusal.message
        return guess
    guess.sheet, guess.encoding, guess.separator = grid.sheet, grid.encoding, grid.separator
    scan = range(min(HEADER_SCAN_ROWS, len(grid.rows)))
    index = max(scan, key=lambda i: (_header_score(header_names(grid.rows, i)), -i), default=0)
    guess.header_row = index + 1
    names = header_names(grid.rows, index)
    catalogue = load_catalogue()
    # the role: fields whose words the headers carry, and the words of the file's names
    context = norm(" ".join([path.stem.replace("-", " ").replace("_", " "), grid.sheet]
                            + [text(v) for r in grid.rows[:index] for v in r]))  # fmt: skip
    scores: dict[str, float] = {}
    for role in ROLES:
        score = 0.0
        for f in ROLE_FIELDS[role]:
            if any(_word_match(shown, f.words) == HIGH for shown, _w in names):
                score += 2 if f.required else 1
        score += 3 * sum(1 for w in ROLE_WORDS[role] if norm(w) in context)
        scores[role] = score
    ranked = sorted(ROLES, key=lambda r: -scores[r])
    guess.role = ranked[0]
    margin = scores[ranked[0]] - scores[ranked[1]]
    guess.role_confidence = HIGH if margin >= 3 else MEDIUM if margin >= 1 else LOW
    # each field's column: header words first, then what the values look like
    taken: set[int] = set()
    fields = sorted(ROLE_FIELDS[guess.role], key=lambda f: not f.required)
    for f in fields:
        best: tuple[int, str] | None = None
        for j, (shown, _w) in enumerate(names):
            if j in taken or not shown:
                continue
            level = _word_match(shown, f.words)
            if not level:
                continue
            values = _column_values(grid, index, j)
            if f.kind == "date" and values and _share(values, parse_date) < 0.6:
                continue
            refs_share = (
                _share(values, lambda v: parse_refs(v, catalogue))
                if f.kind in ("ref", "refs") and values
                else 1.0
            )
            if refs_share < 0.6:
                continue
            if best is None or (level == HIGH and best[1] != HIGH):
                best = (j, level)
        if best is None and f.kind in ("ref", "refs"):
            for j, (shown, _w) in enumerate(names):
                values = _column_values(grid, index, j)
                if (
                    j not in taken
                    and shown
                    and values
                    and not all(isinstance(v, (int, float)) for v in values)
                ) and _share(values, lambda v: parse_refs(v, catalogue)) >= 0.9:
                    best = (j, LOW)
                    break
        if best is None:
            continue
        taken.add(best[0])
        guess.columns[f.key] = (names[best[0]][0], best[1])
        if f.kind == "enum":
            _guess_values(guess, f, _column_values(grid, index, best[0]))
    if guess.role == "survey" and "service" in guess.columns:
        _guess_answers(guess, grid, index, names, taken)
    guess.unmapped = [shown for j, (shown, _w) in enumerate(names) if shown and j not in taken]
    _guess_defaults(guess)
    return guess


#: a survey's summary fields: not guessed in an export of answers (a row per respondent)
SUMMARY_FIELDS = ("title", "respondents", "score")


def _guess_answers(
    guess: Guess, grid: Grid, index: int, names: list[tuple[str, set[str]]], taken: set[int]
) -> None:
    """A survey export: every column besides the date and the service is a question.

    The summary fields guessed from words inside a question ("Ogólna ocena wizyty") are
    dropped; the words found in the answers are proposed under ``[values.answers]``.
    """
    for key in SUMMARY_FIELDS:
        if key in guess.columns:
            header = guess.columns.pop(key)[0]
            taken.discard(next(j for j, (shown, _w) in enumerate(names) if shown == header))
    known = VALUE_WORDS["answers"]
    seen: set[str] = set()
    for j, (shown, _w) in enumerate(names):
        if j in taken or not shown:
            continue
        for value in _column_values(grid, index, j):
            if isinstance(value, (int, float)) or text(value).strip().isdigit():
                continue
            seen.add(text(value))
    for word in sorted(seen)[:40]:
        key = norm(word)
        score = next((n for n, words in known.items() if key in {norm(w) for w in words}), "")
        if score:
            guess.values.setdefault(ANSWERS, {})[word] = (score, HIGH)
        else:
            guess.unknown_values.setdefault(ANSWERS, []).append(word)


def _guess_values(guess: Guess, f: Field, values: list[Any]) -> None:
    ours = choice_words(f.choices)
    known = VALUE_WORDS.get(f.choices, {})
    seen = sorted({text(v) for v in values})[:40]
    for word in seen:
        key = norm(word)
        if key in ours:
            continue  # our own word, in any language: no mapping needed
        match = ""
        level = ""
        for ours_key, words in known.items():
            if any(key == norm(w) for w in words):
                match, level = ours_key, HIGH
                break
            if not match and any(len(w) >= 4 and norm(w) in key for w in words):
                match, level = ours_key, MEDIUM
        if match:
            guess.values.setdefault(f.key, {})[word] = (match, level)
        else:
            guess.unknown_values.setdefault(f.key, []).append(word)


def _guess_defaults(guess: Guess) -> None:
    role = guess.role
    if role in ROLE_REFS and "refs" not in guess.columns:
        guess.defaults["refs"] = ("; ".join(ROLE_REFS[role]), MEDIUM)
    if role == "evidence":
        if "kind" not in guess.columns:
            guess.defaults["kind"] = ("maintain", LOW)
        if "status" not in guess.columns:
            guess.defaults["status"] = ("approved", LOW)
    if role == "findings":
        if "source" not in guess.columns:
            guess.defaults["source"] = ("internal_audit", LOW)
        if "grade" not in guess.columns:
            guess.defaults["grade"] = ("minor", LOW)


def _q(value: str) -> str:
    """A TOML basic string."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return f'"{escaped}"'


def _key(name: str) -> str:
    bare = (
        name.replace("_", "").replace("-", "").isascii()
        and name.replace("_", "").replace("-", "").isalnum()
    )
    return name if bare else _q(name)


def render(guesses: list[Guess]) -> str:
    """The sources file for the guesses, each guess marked with its confidence."""
    lines = [
        "# Sources file written by `readiness sources init`: every mapping is a guess.",
        "# '# guess: high|medium|low' marks each; confirm or correct them, then run",
        "# `readiness sources check` on this file.",
    ]
    for g in guesses:
        lines.append("")
        table = f"registers.{_key(g.name)}"
        lines.append(f"[{table}]")
        lines.append(f"file = {_q(g.file)}")
        if g.error:
            lines.append(f"# could not be read: {g.error}")
            lines.append('role = "evidence"  # guess: low')
            continue
        if g.sheet:
            lines.append(f"sheet = {_q(g.sheet)}")
        lines.append(f"role = {_q(g.role)}  # guess: {g.role_confidence}")
        if g.header_row > 1:
            lines.append(f"header_row = {g.header_row}  # guess: high")
        if g.encoding:
            lines.append(f"encoding = {_q(g.encoding)}  # detected")
            lines.append(f"separator = {_q(g.separator)}  # detected")
        lines.append("")
        lines.append(f"[{table}.columns]")
        for f in ROLE_FIELDS[g.role]:
            if f.key in g.columns:
                header, level = g.columns[f.key]
                lines.append(f"{f.key} = {_q(header)}  # guess: {level}")
            elif f.required and f.key not in g.defaults:
                lines.append(f'# {f.key} = ""  # not found: every row needs it')
        if g.unmapped and g.role == "survey" and "service" in g.columns:
            lines.append("# questions, every column not mapped: " + ", ".join(g.unmapped))
        elif g.unmapped:
            lines.append("# not mapped: " + ", ".join(g.unmapped))
        for key in sorted(set(g.values) | set(g.unknown_values)):
            lines.append("")
            lines.append(f"[{table}.values.{key}]")
            for word, (ours, level) in g.values.get(key, {}).items():
                value = ours if key == ANSWERS else _q(ours)
                lines.append(f"{_q(word)} = {value}  # guess: {level}")
            if key == ANSWERS:
                for word in g.unknown_values.get(key, []):
                    lines.append(f"# {_q(word)} =   # unknown: the score it stands for, 1 to 5")
                continue
            f = next(x for x in ROLE_FIELDS[g.role] if x.key == key)
            for word in g.unknown_values.get(key, []):
                lines.append(
                    f'# {_q(word)} = ""  # unknown: one of {", ".join(choice_keys(f.choices))}'
                )
        if g.defaults:
            lines.append("")
            lines.append(f"[{table}.defaults]")
            for key, (value, level) in g.defaults.items():
                lines.append(f"{key} = {_q(value)}  # guess: {level}")
    return "\n".join(lines) + "\n"


def guess_sources(registers: list[Path], target: Path) -> tuple[str, list[Guess]]:
    """Guess the mapping of each register; the sources file text for ``target``.

    Parameters
    ----------
    registers
        The register files.
    target
        Where the sources file will be written: the registers' paths are relative to it.

    Returns
    -------
    tuple
        The TOML text and the guesses.
    """
    guesses = []
    used: set[str] = set()
    for path in registers:
        base = "".join(c if c.isalnum() else "_" for c in path.stem.casefold()).strip("_")
        name, n = base or "register", 2
        while name in used:
            name, n = f"{base}_{n}", n + 1
        used.add(name)
        g = guess_one(path, name)
        g.file = os.path.relpath(path.resolve(), target.resolve().parent).replace(os.sep, "/")
        guesses.append(g)
    return render(guesses), guesses
