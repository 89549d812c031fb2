from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.media_kind_name import MediaKindName
from ...models.problem import Problem
from ...models.semantic_response import SemanticResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: UUID,
    *,
    kind: MediaKindName | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/media/{id}/similar".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SemanticResponse | None:
    if response.status_code == 200:
        response_200 = SemanticResponse.from_dict(response.json())

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
) -> Response[Problem | SemanticResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient | Client,
    kind: MediaKindName | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[Problem | SemanticResponse]:
    """Titles like this one

     The nearest neighbours of a title by meaning, of its own kind unless `kind` says otherwise.

    Args:
        id (UUID):
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SemanticResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        kind=kind,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: UUID,
    *,
    client: AuthenticatedClient | Client,
    kind: MediaKindName | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Problem | SemanticResponse | None:
    """Titles like this one

     The nearest neighbours of a title by meaning, of its own kind unless `kind` says otherwise.

    Args:
        id (UUID):
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SemanticResponse
    """

    return sync_detailed(
        id=id,
        client=client,
        kind=kind,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient | Client,
    kind: MediaKindName | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[Problem | SemanticResponse]:
    """Titles like this one

     The nearest neighbours of a title by meaning, of its own kind unless `kind` says otherwise.

    Args:
        id (UUID):
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SemanticResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        kind=kind,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: UUID,
    *,
    client: AuthenticatedClient | Client,
    kind: MediaKindName | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Problem | SemanticResponse | None:
    """Titles like this one

     The nearest neighbours of a title by meaning, of its own kind unless `kind` says otherwise.

    Args:
        id (UUID):
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SemanticResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            kind=kind,
            limit=limit,
        )
    ).parsed
