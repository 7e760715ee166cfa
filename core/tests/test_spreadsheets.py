import pytest

from core.spreadsheets import protect_formula, unprotect_formula


@pytest.mark.parametrize("text", ["=1+2", "+1", "-2", "@SUM(A1)", "\tx", "Adams Elementary", "'quoted'", "", "-"])
def test_protecting_then_unprotecting_gives_the_text_back(text):
    assert unprotect_formula(str(protect_formula(text))) == text


def test_formula_text_is_written_with_an_apostrophe():
    assert protect_formula("=cmd|'/C calc'!A0") == "'=cmd|'/C calc'!A0"
    assert protect_formula(3) == 3
