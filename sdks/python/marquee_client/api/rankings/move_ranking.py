from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.move_ranking_request import MoveRankingRequest
from ...models.problem import Problem
from ...models.ranking_response import RankingResponse
from ...types import Response


def _get_kwargs(
    id: UUID,
    *,
    body: MoveRankingRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/me/rankings/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RankingResponse | None:
    if response.status_code == 200:
        response_200 = RankingResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | RankingResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient,
    body: MoveRankingRequest,
) -> Response[Problem | RankingResponse]:
    """Move a ranking

     Moves a title inside its tier or to another: give a `tier`, a `before` or `after` neighbour, or
    both.

    Args:
        id (UUID):
        body (MoveRankingRequest): Move a ranked title inside its tier or to another. Example:
            {'after': '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6', 'tier': 'S'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RankingResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: UUID,
    *,
    client: AuthenticatedClient,
    body: MoveRankingRequest,
) -> Problem | RankingResponse | None:
    """Move a ranking

     Moves a title inside its tier or to another: give a `tier`, a `before` or `after` neighbour, or
    both.

    Args:
        id (UUID):
        body (MoveRankingRequest): Move a ranked title inside its tier or to another. Example:
            {'after': '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6', 'tier': 'S'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RankingResponse
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient,
    body: MoveRankingRequest,
) -> Response[Problem | RankingResponse]:
    """Move a ranking

     Moves a title inside its tier or to another: give a `tier`, a `before` or `after` neighbour, or
    both.

    Args:
        id (UUID):
        body (MoveRankingRequest): Move a ranked title inside its tier or to another. Example:
            {'after': '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6', 'tier': 'S'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RankingResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: UUID,
    *,
    client: AuthenticatedClient,
    body: MoveRankingRequest,
) -> Problem | RankingResponse | None:
    """Move a ranking

     Moves a title inside its tier or to another: give a `tier`, a `before` or `after` neighbour, or
    both.

    Args:
        id (UUID):
        body (MoveRankingRequest): Move a ranked title inside its tier or to another. Example:
            {'after': '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6', 'tier': 'S'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RankingResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
