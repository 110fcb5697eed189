"""Session fixtures for tests that run the project as real processes."""
import pytest

from .serving import Gunicorn, prepare_site


@pytest.fixture(scope="session")
def prod_site(tmp_path_factory):
    """A migrated SQLite file with reference data, collected static files and an administrator."""
    return prepare_site(tmp_path_factory.mktemp("prod-site"))


@pytest.fixture(scope="session")
def servers(prod_site):
    """Two gunicorn instances on the same database and media folder: "a" with two workers, "b" with one.

    They stand for two application hosts behind one load balancer.
    """
    started = []
    try:
        started.append(Gunicorn(prod_site, workers=2, name="a"))
        started.append(Gunicorn(prod_site, workers=1, name="b"))
        for server in started:
            server.wait_ready()
        yield {"a": started[0], "b": started[1]}
    finally:
        for server in started:
            server.stop()
