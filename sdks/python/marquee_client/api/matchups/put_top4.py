from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.top_4_request import Top4Request
from ...models.top_4_set_response import Top4SetResponse
from ...types import Response


def _get_kwargs(
    *,
    body: Top4Request,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/me/top4",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | Top4SetResponse | None:
    if response.status_code == 200:
        response_200 = Top4SetResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[Problem | Top4SetResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: Top4Request,
) -> Response[Problem | Top4SetResponse]:
    """Set your top 4

     Names the caller's four favourite titles, favourite first. The same four titles in another order
    keep the set
    and its rating; any other title makes a new set, rated 1500 with no votes, and withdraws the old
    set's open
    matchups.

    Args:
        body (Top4Request): Your four favourite titles. Example: {'media_ids':
            ['0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f1', '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f2',
            '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f3', '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f4']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Top4SetResponse]
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
    body: Top4Request,
) -> Problem | Top4SetResponse | None:
    """Set your top 4

     Names the caller's four favourite titles, favourite first. The same four titles in another order
    keep the set
    and its rating; any other title makes a new set, rated 1500 with no votes, and withdraws the old
    set's open
    matchups.

    Args:
        body (Top4Request): Your four favourite titles. Example: {'media_ids':
            ['0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f1', '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f2',
            '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f3', '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f4']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Top4SetResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: Top4Request,
) -> Response[Problem | Top4SetResponse]:
    """Set your top 4

     Names the caller's four favourite titles, favourite first. The same four titles in another order
    keep the set
    and its rating; any other title makes a new set, rated 1500 with no votes, and withdraws the old
    set's open
    matchups.

    Args:
        body (Top4Request): Your four favourite titles. Example: {'media_ids':
            ['0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f1', '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f2',
            '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f3', '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f4']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Top4SetResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: Top4Request,
) -> Problem | Top4SetResponse | None:
    """Set your top 4

     Names the caller's four favourite titles, favourite first. The same four titles in another order
    keep the set
    and its rating; any other title makes a new set, rated 1500 with no votes, and withdraws the old
    set's open
    matchups.

    Args:
        body (Top4Request): Your four favourite titles. Example: {'media_ids':
            ['0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f1', '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f2',
            '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f3', '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f4']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Top4SetResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
