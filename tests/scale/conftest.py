import pytest

from tests.scale.servers import oxigraph


@pytest.fixture
def sparql_server():
    """A fresh in-memory Oxigraph per test: starting one takes a few milliseconds."""
    with oxigraph() as base:
        yield base
