import pytest

from network import load


@pytest.fixture(scope="session")
def ds():
    """The bundled dataset, loaded once (read-only, like in the app)."""
    result = load()
    assert result.report.ok, result.report.render()
    return result.dataset
