import pytest

from network import load


@pytest.fixture(scope="session")
def ds():
    """The bundled dataset, loaded once (read-only, like in the app)."""
    result = load()
    assert result.report.ok, result.report.render()
    return result.dataset


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real redis-server for the session (CI installs it: apt-get install redis-server);
    tests that need it are skipped only when the binary is missing."""
    from tests.servers import redis_server

    for url in redis_server(tmp_path_factory.mktemp("redis")):
        if url is None:
            pytest.skip("redis-server is not installed (apt-get install redis-server)")
        yield url
