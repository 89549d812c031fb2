from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.media_request import MediaRequest
from ...models.media_response import MediaResponse
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: MediaRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/media",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MediaResponse | Problem | None:
    if response.status_code == 201:
        response_201 = MediaResponse.from_dict(response.json())

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

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

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
) -> Response[MediaResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: MediaRequest,
) -> Response[MediaResponse | Problem]:
    """Add a catalog item

     A manual entry by any signed-in user (plays and books, mostly). Only admins may set provider ids
    (`tmdb_id`,
    `imdb_id`, `attributes.tmdb`, `attributes.movielens_id`); anyone else gets 422 naming them. Each
    user may create
    `CATALOG_DAILY_QUOTA` entries (default 50) in any 24 hours, imports included; past that the answer
    is 429 with
    `Retry-After`.

    Args:
        body (MediaRequest): A catalog item's fields, for a manual entry or an admin edit (which
            replaces them all). Example: {'attributes': {'author': 'William Shakespeare'}, 'genres':
            ['Tragedy'], 'kind': 'play', 'title': 'Hamlet', 'year': 1603}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MediaResponse | Problem]
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
    body: MediaRequest,
) -> MediaResponse | Problem | None:
    """Add a catalog item

     A manual entry by any signed-in user (plays and books, mostly). Only admins may set provider ids
    (`tmdb_id`,
    `imdb_id`, `attributes.tmdb`, `attributes.movielens_id`); anyone else gets 422 naming them. Each
    user may create
    `CATALOG_DAILY_QUOTA` entries (default 50) in any 24 hours, imports included; past that the answer
    is 429 with
    `Retry-After`.

    Args:
        body (MediaRequest): A catalog item's fields, for a manual entry or an admin edit (which
            replaces them all). Example: {'attributes': {'author': 'William Shakespeare'}, 'genres':
            ['Tragedy'], 'kind': 'play', 'title': 'Hamlet', 'year': 1603}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MediaResponse | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: MediaRequest,
) -> Response[MediaResponse | Problem]:
    """Add a catalog item

     A manual entry by any signed-in user (plays and books, mostly). Only admins may set provider ids
    (`tmdb_id`,
    `imdb_id`, `attributes.tmdb`, `attributes.movielens_id`); anyone else gets 422 naming them. Each
    user may create
    `CATALOG_DAILY_QUOTA` entries (default 50) in any 24 hours, imports included; past that the answer
    is 429 with
    `Retry-After`.

    Args:
        body (MediaRequest): A catalog item's fields, for a manual entry or an admin edit (which
            replaces them all). Example: {'attributes': {'author': 'William Shakespeare'}, 'genres':
            ['Tragedy'], 'kind': 'play', 'title': 'Hamlet', 'year': 1603}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MediaResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: MediaRequest,
) -> MediaResponse | Problem | None:
    """Add a catalog item

     A manual entry by any signed-in user (plays and books, mostly). Only admins may set provider ids
    (`tmdb_id`,
    `imdb_id`, `attributes.tmdb`, `attributes.movielens_id`); anyone else gets 422 naming them. Each
    user may create
    `CATALOG_DAILY_QUOTA` entries (default 50) in any 24 hours, imports included; past that the answer
    is 429 with
    `Retry-After`.

    Args:
        body (MediaRequest): A catalog item's fields, for a manual entry or an admin edit (which
            replaces them all). Example: {'attributes': {'author': 'William Shakespeare'}, 'genres':
            ['Tragedy'], 'kind': 'play', 'title': 'Hamlet', 'year': 1603}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MediaResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
