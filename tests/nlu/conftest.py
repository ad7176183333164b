"""Fixtures of the NLU tests; the corpus helpers live in nlu_support (a unique module name, so
that running tests/nlu together with other folders never imports another folder's conftest)."""
from __future__ import annotations

import pytest

from nlu_support import Case, load_corpus


@pytest.fixture(scope="session")
def corpus() -> list[Case]:
    return load_corpus()
