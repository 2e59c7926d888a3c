"""Reading a regex pattern's structure as text: top-level alternatives and group bounds.

Used by the gated search (`gated`), which files a long alternation's alternatives by their first
word, and by the client coder, which spreads leading groups to say where its words start.
"""

from __future__ import annotations


def split_top(pattern: str) -> list[str]:
    """Split a pattern at its top-level '|' (outside groups and character classes)."""
    parts: list[str] = []
    depth = 0
    start = 0
    i = 0
    in_class = False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1: i + 2] == "]":
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def group_end(pattern: str, start: int) -> int:
    """Index of the ')' closing the group that opens at `start`; -1 if it never closes."""
    depth = 0
    i = start
    in_class = False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1
