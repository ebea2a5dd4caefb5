import math

from certificates.codes import ALPHABET, LENGTH, code_generate, code_normalise


def test_a_code_is_four_groups_of_four_from_an_unambiguous_alphabet():
    code = code_generate()
    groups = code.split("-")
    assert [len(group) for group in groups] == [4, 4, 4, 4]
    assert set("".join(groups)) <= set(ALPHABET)
    assert not set("ILOU") & set(ALPHABET)


def test_a_code_carries_at_least_80_random_bits():
    assert LENGTH * math.log2(len(ALPHABET)) >= 80
    assert len({code_generate() for _ in range(2000)}) == 2000


def test_reading_a_code_forgives_case_dashes_spaces_and_look_alike_letters():
    assert code_normalise("7kq2 m9xd 4htb owzn") == "7KQ2-M9XD-4HTB-0WZN"
    assert code_normalise("7KQ2M9XD4HTB0WZN") == "7KQ2-M9XD-4HTB-0WZN"
    assert code_normalise("IL00-0000-0000-0000") == "1100-0000-0000-0000"


def test_anything_else_is_not_a_code():
    for text in [
        "",
        "ABCD",
        "7KQ2-M9XD-4HTB-0WZ",
        "7KQ2-M9XD-4HTB-0WZNN",
        "7KQ2-M9XD-4HTB-0WZU",
        "💥" * 16,
        "x" * 5000,
        None,
    ]:
        assert code_normalise(text) is None
