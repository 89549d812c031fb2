from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.placement_response import PlacementResponse
from ...models.problem import Problem
from ...models.start_placement_request import StartPlacementRequest
from ...types import Response


def _get_kwargs(
    *,
    body: StartPlacementRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/me/placements",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PlacementResponse | Problem | None:
    if response.status_code == 201:
        response_201 = PlacementResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
) -> Response[PlacementResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: StartPlacementRequest,
) -> Response[PlacementResponse | Problem]:
    """Start placing a title

     Starts placing a catalog item into a tier of the caller's list by pairwise questions. Into an empty
    tier the
    title is placed at once (`placed`); otherwise the answer is `comparing` with the first question. A
    tier of n
    titles takes at most ⌈log₂(n + 1)⌉ questions. Sessions expire after `PLACEMENT_SESSION_TTL_SECONDS`
    (default
    30 minutes) without an answer.

    Args:
        body (StartPlacementRequest): Start placing a title. Example: {'media_id':
            '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6', 'stars': 4, 'tier': 'A'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlacementResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: StartPlacementRequest,
) -> PlacementResponse | Problem | None:
    """Start placing a title

     Starts placing a catalog item into a tier of the caller's list by pairwise questions. Into an empty
    tier the
    title is placed at once (`placed`); otherwise the answer is `comparing` with the first question. A
    tier of n
    titles takes at most ⌈log₂(n + 1)⌉ questions. Sessions expire after `PLACEMENT_SESSION_TTL_SECONDS`
    (default
    30 minutes) without an answer.

    Args:
        body (StartPlacementRequest): Start placing a title. Example: {'media_id':
            '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6', 'stars': 4, 'tier': 'A'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlacementResponse | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: StartPlacementRequest,
) -> Response[PlacementResponse | Problem]:
    """Start placing a title

     Starts placing a catalog item into a tier of the caller's list by pairwise questions. Into an empty
    tier the
    title is placed at once (`placed`); otherwise the answer is `comparing` with the first question. A
    tier of n
    titles takes at most ⌈log₂(n + 1)⌉ questions. Sessions expire after `PLACEMENT_SESSION_TTL_SECONDS`
    (default
    30 minutes) without an answer.

    Args:
        body (StartPlacementRequest): Start placing a title. Example: {'media_id':
            '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6', 'stars': 4, 'tier': 'A'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlacementResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: StartPlacementRequest,
) -> PlacementResponse | Problem | None:
    """Start placing a title

     Starts placing a catalog item into a tier of the caller's list by pairwise questions. Into an empty
    tier the
    title is placed at once (`placed`); otherwise the answer is `comparing` with the first question. A
    tier of n
    titles takes at most ⌈log₂(n + 1)⌉ questions. Sessions expire after `PLACEMENT_SESSION_TTL_SECONDS`
    (default
    30 minutes) without an answer.

    Args:
        body (StartPlacementRequest): Start placing a title. Example: {'media_id':
            '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6', 'stars': 4, 'tier': 'A'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlacementResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
