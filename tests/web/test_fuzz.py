"""The property-based fuzzer (issue 13): schemathesis against ``/openapi.json`` on the real server.

For every operation of the OpenAPI description, hypothesis draws paths, parameters and bodies from
the schema (and, in a second phase, values that break it); each request goes to ``ungraph serve`` on
the real build. Every response must be no 5xx, have a documented status code and media type, and a
JSON body of the documented shape. The seed is fixed (``derandomize``) and the budget bounded
(``EXAMPLES`` per operation and phase, well under a minute on an idle machine); set
``UNGRAPH_FUZZ_EXAMPLES`` to fuzz longer locally.
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest
import requests
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.openapi import from_dict
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.web.servers import ungraph_server
from ungraph.config import Settings

pytestmark = pytest.mark.server  # a real server in a subprocess

EXAMPLES = int(os.environ.get("UNGRAPH_FUZZ_EXAMPLES", "12"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def root(built: Settings):
    with ungraph_server(Path(built.store), env={"UNGRAPH_BASE": built.base, "UNGRAPH_DUMP": str(built.dump),
                                                "UNGRAPH_QUERY_TIMEOUT": "5"}) as url:
        yield url


@pytest.fixture(scope="module")
def schema(root: str):
    doc = httpx.get(root + "openapi.json", timeout=30).json()
    assert doc["servers"][0]["url"] == root
    return from_dict(doc)


def _operations(schema, mode: GenerationMode) -> list:
    """Every operation; for invalid input, those with something to break: a constrained parameter
    (an enum) or a body (a free string parameter has no invalid value)."""
    ops = [r.ok() for r in schema.get_all_operations()]
    if mode is GenerationMode.NEGATIVE:
        ops = [op for op in ops if op.definition.raw.get("requestBody") or any(
            set(p.get("schema", {})) - {"type"} for p in op.definition.raw.get("parameters", []))]
    return ops


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_no_operation_answers_a_5xx_or_anything_undocumented(root: str, schema, mode: GenerationMode) -> None:
    session = requests.Session()
    operations = _operations(schema, mode)
    assert len(operations) >= (30 if mode is GenerationMode.POSITIVE else 5)
    failures: list[str] = []
    for operation in operations:
        @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None, print_blob=False,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case) -> None:
            case.call_and_validate(base_url=root.rstrip("/"), session=session, checks=CHECKS, timeout=30)

        try:
            run()
        except Exception as e:  # noqa: BLE001 - collect every operation's failure, then fail once
            failures.append(f"{operation.label}: {type(e).__name__}: {str(e)[:1500]}")
    assert not failures, "\n\n".join(failures)
