"""The ``--update-golden`` switch.

``pytest --update-golden`` rewrites ``tests/golden/*.outline.txt`` from the
current parser instead of comparing; the diff it leaves must be read by a
person before it is committed.
"""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.outline.txt from the current parser (review the diff)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
