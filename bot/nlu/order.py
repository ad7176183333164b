"""One order for word lists that are tried in turn (alternations, replacements): longest first, then
alphabetical. Sets iterate in a different order under every hash seed; sorting by length alone left
ties to that order, and the NLU answered "너 뭐 할 수 있어" differently from one process to the next."""
from __future__ import annotations


def longest_first(word: str) -> tuple[int, str]:
    return (-len(word), word)
