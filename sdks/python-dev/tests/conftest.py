"""Fixtures of the Python SDK journey: the live server `scripts/sdk.sh test` started, and the operations called.

Every call goes through `Api.call`, which records the operation's id (the generated module's name), so that the
last test can compare what was called with the operation ids of docs/openapi.json.
"""

import json
import os
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from marquee_client import AuthenticatedClient, Client
from marquee_client.models import Problem
from marquee_client.types import Response

ROOT = Path(__file__).resolve().parents[3]
PROBLEM_PREFIX = "urn:marquee:problem:"


def document_operations() -> set[str]:
    """Every operation id of the committed OpenAPI document."""
    doc = json.loads((ROOT / "docs" / "openapi.json").read_text())
    return {op["operationId"] for item in doc["paths"].values() for op in item.values() if "operationId" in op}


class Api:
    """The server's address, clients for it, and the record of the operations called."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.called: set[str] = set()
        self.state: dict[str, Any] = {}

    def anonymous(self) -> Client:
        return Client(base_url=self.base_url, raise_on_unexpected_status=True)

    def signed_in(self, token: str) -> AuthenticatedClient:
        return AuthenticatedClient(base_url=self.base_url, token=token, raise_on_unexpected_status=True)

    def call(self, operation: ModuleType, **kwargs: Any) -> Response[Any]:
        """Calls a generated operation (`marquee_client.api.<tag>.<operation id>`) and records its id."""
        self.called.add(operation.__name__.rsplit(".", 1)[-1])
        return operation.sync_detailed(**kwargs)

    def ok(self, operation: ModuleType, status: int = 200, **kwargs: Any) -> Any:
        """Calls an operation, asserts its status, and returns the parsed body."""
        response = self.call(operation, **kwargs)
        assert response.status_code == status, (operation.__name__, response.status_code, response.content[:500])
        return response.parsed

    def problem(self, operation: ModuleType, status: int, code: str, **kwargs: Any) -> Problem:
        """Calls an operation that must fail, and checks the problem's status and `type`."""
        response = self.call(operation, **kwargs)
        assert response.status_code == status, (operation.__name__, response.status_code, response.content[:500])
        problem = response.parsed
        assert isinstance(problem, Problem), (operation.__name__, response.content[:500])
        assert problem.type_ == PROBLEM_PREFIX + code, (operation.__name__, problem.type_, problem.detail)
        assert problem.status == status
        return problem


@pytest.fixture(scope="session")
def api() -> Api:
    base_url = os.environ.get("MARQUEE_URL")
    assert base_url, "MARQUEE_URL is not set: run the journeys with `just sdk-test`, which starts the server"
    return Api(base_url)


@pytest.fixture(scope="session")
def run() -> str:
    """A suffix that keeps this run's accounts apart from earlier runs' on the same database."""
    return uuid.uuid4().hex[:10]


@pytest.fixture(scope="session")
def admin() -> tuple[str, str]:
    email, password = os.environ.get("MARQUEE_ADMIN_EMAIL"), os.environ.get("MARQUEE_ADMIN_PASSWORD")
    assert email and password, "MARQUEE_ADMIN_EMAIL and MARQUEE_ADMIN_PASSWORD name the admin `just sdk-test` made"
    return email, password
