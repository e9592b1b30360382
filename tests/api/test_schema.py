"""Schemathesis over /openapi.json against a real server: generated requests never cause a server
error, and documented responses match their schemas. Bounded: a few examples per operation."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from tests.api import server


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("schemathesis") / "corpus.db"
    server.corpus_store(path)
    running = server.start(path, max_upload_mb=1)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def api_schema(fuzz_server):
    return schemathesis.openapi.from_url(fuzz_server.url + "/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case, fuzz_server):
    response = case.call(base_url=fuzz_server.url, headers=server.auth("admin"), timeout=30)
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
