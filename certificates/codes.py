"""Verification codes: 16 characters of Crockford's base32 (80 random bits from `secrets`),
shown in groups of four: 7KQ2-M9XD-4HTB-0WZN.

The alphabet leaves out I, L, O and U, and reading a code back forgives the usual slips:
lower case, O for 0, I or L for 1, spaces or missing dashes. Anything else is not a code.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # 32 symbols: 5 bits each
LENGTH = 16  # 80 bits
GROUP = 4
CODE_MAX_LENGTH = LENGTH + LENGTH // GROUP - 1  # with the dashes
_SLIPS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-]+")


def _grouped(symbols: str) -> str:
    return "-".join(symbols[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def code_generate() -> str:
    return _grouped("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def code_normalise(text: str) -> str | None:
    """The canonical form of a code someone typed or followed, or None if it cannot be one."""
    if not isinstance(text, str) or len(text) > 64:
        return None
    symbols = _SEPARATORS.sub("", text).upper().translate(_SLIPS)
    if len(symbols) != LENGTH or any(symbol not in ALPHABET for symbol in symbols):
        return None
    return _grouped(symbols)
