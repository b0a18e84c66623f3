"""Column letters and numbers, as the guard and the reader name cells without openpyxl."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils import column_index_from_string, get_column_letter

from readiness.io.cells import cell_name, column_letters
from readiness.io.guard import column_index


@given(st.integers(min_value=1, max_value=18_278))  # A to ZZZ, openpyxl's range
def test_column_letters_and_numbers_match_openpyxl(number):
    assert column_letters(number) == get_column_letter(number)
    assert column_index(get_column_letter(number)) == column_index_from_string(
        get_column_letter(number)
    )


def test_cell_names():
    assert cell_name(0, 0) == "A1"
    assert cell_name(9, 26) == "AA10"
