"""Patterns compiled with the stdlib ``re`` that match exactly as ``regex`` would.

The stages write their grammar for the ``regex`` module. A pattern that needs
nothing of ``regex`` beyond what ``re`` supports is compiled here instead: ``re``
searches short texts several times faster, and ``import regex`` is not needed
for it.
"""

from __future__ import annotations

import re

__all__ = ["SPACES", "compile_re"]

# ``regex``'s \s: the Unicode White_Space characters. The stdlib's \s also takes
# \x1c-\x1f (str.isspace), so patterns compiled with ``re`` spell it out.
_WHITE_SPACE = r"\t\n\x0b\x0c\r\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# The same characters as a set, for code that tests one character at a time.
SPACES = frozenset(
    "\t\n\x0b\x0c\r\x20\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
    + "".join(map(chr, range(0x2000, 0x200B)))
)


def compile_re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    r"""``pattern`` compiled with the stdlib ``re``: the same matches as ``regex.compile``.

    For patterns that need nothing of ``regex`` beyond ``re`` (no \p classes, no
    variable-width lookbehinds): ``re`` runs a search several times faster, which
    counts for the short windows the target reader asks about. ``\s`` is rewritten
    to ``regex``'s set of spaces, inside a character class or out of one.
    """
    assert "\\p" not in pattern and "\\P" not in pattern, pattern
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            pair = pattern[i : i + 2]
            if pair == "\\s":
                out.append(_WHITE_SPACE if in_class else f"[{_WHITE_SPACE}]")
            else:
                assert pair != "\\S", pattern
                out.append(pair)
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
            out.append(c)
            # a ] right after [ or [^ is a member, not the end of the class
            j = i + 1
            if pattern.startswith("^", j):
                out.append("^")
                j += 1
            if pattern.startswith("]", j):
                out.append("]")
                j += 1
            i = j
            continue
        if c == "]" and in_class:
            in_class = False
        out.append(c)
        i += 1
    return re.compile("".join(out), flags)
