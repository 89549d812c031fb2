from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.media_kind_name import MediaKindName
from ...models.problem import Problem
from ...models.search_mode import SearchMode
from ...models.search_page_response import SearchPageResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    q: str,
    kind: MediaKindName | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    mode: SearchMode | Unset = UNSET,
    on_my_services: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["q"] = q

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["limit"] = limit

    params["offset"] = offset

    json_mode: str | Unset = UNSET
    if not isinstance(mode, Unset):
        json_mode = mode.value

    params["mode"] = json_mode

    params["on_my_services"] = on_my_services

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/media/search",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SearchPageResponse | None:
    if response.status_code == 200:
        response_200 = SearchPageResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[Problem | SearchPageResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    q: str,
    kind: MediaKindName | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    mode: SearchMode | Unset = UNSET,
    on_my_services: bool | Unset = UNSET,
) -> Response[Problem | SearchPageResponse]:
    """Search the catalog

     Local-first search on titles and original titles (trigram similarity and substrings), best match
    first. When
    the first page has fewer local hits than asked for and TMDb is configured, TMDb is asked too: its
    movies and
    shows join the catalog and the answer (below the local hits). TMDb failing never fails the search:
    `remote_skipped` says so. With `mode=hybrid`, the local hits are fused with semantic search by
    reciprocal rank
    instead (TMDb is not asked).

    Args:
        q (str):
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        limit (int | Unset):
        offset (int | Unset):
        mode (SearchMode | Unset): How a title search matches (the handler parses the query
            string; this names its values for the document).
        on_my_services (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SearchPageResponse]
    """

    kwargs = _get_kwargs(
        q=q,
        kind=kind,
        limit=limit,
        offset=offset,
        mode=mode,
        on_my_services=on_my_services,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    q: str,
    kind: MediaKindName | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    mode: SearchMode | Unset = UNSET,
    on_my_services: bool | Unset = UNSET,
) -> Problem | SearchPageResponse | None:
    """Search the catalog

     Local-first search on titles and original titles (trigram similarity and substrings), best match
    first. When
    the first page has fewer local hits than asked for and TMDb is configured, TMDb is asked too: its
    movies and
    shows join the catalog and the answer (below the local hits). TMDb failing never fails the search:
    `remote_skipped` says so. With `mode=hybrid`, the local hits are fused with semantic search by
    reciprocal rank
    instead (TMDb is not asked).

    Args:
        q (str):
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        limit (int | Unset):
        offset (int | Unset):
        mode (SearchMode | Unset): How a title search matches (the handler parses the query
            string; this names its values for the document).
        on_my_services (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SearchPageResponse
    """

    return sync_detailed(
        client=client,
        q=q,
        kind=kind,
        limit=limit,
        offset=offset,
        mode=mode,
        on_my_services=on_my_services,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    q: str,
    kind: MediaKindName | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    mode: SearchMode | Unset = UNSET,
    on_my_services: bool | Unset = UNSET,
) -> Response[Problem | SearchPageResponse]:
    """Search the catalog

     Local-first search on titles and original titles (trigram similarity and substrings), best match
    first. When
    the first page has fewer local hits than asked for and TMDb is configured, TMDb is asked too: its
    movies and
    shows join the catalog and the answer (below the local hits). TMDb failing never fails the search:
    `remote_skipped` says so. With `mode=hybrid`, the local hits are fused with semantic search by
    reciprocal rank
    instead (TMDb is not asked).

    Args:
        q (str):
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        limit (int | Unset):
        offset (int | Unset):
        mode (SearchMode | Unset): How a title search matches (the handler parses the query
            string; this names its values for the document).
        on_my_services (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SearchPageResponse]
    """

    kwargs = _get_kwargs(
        q=q,
        kind=kind,
        limit=limit,
        offset=offset,
        mode=mode,
        on_my_services=on_my_services,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    q: str,
    kind: MediaKindName | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    mode: SearchMode | Unset = UNSET,
    on_my_services: bool | Unset = UNSET,
) -> Problem | SearchPageResponse | None:
    """Search the catalog

     Local-first search on titles and original titles (trigram similarity and substrings), best match
    first. When
    the first page has fewer local hits than asked for and TMDb is configured, TMDb is asked too: its
    movies and
    shows join the catalog and the answer (below the local hits). TMDb failing never fails the search:
    `remote_skipped` says so. With `mode=hybrid`, the local hits are fused with semantic search by
    reciprocal rank
    instead (TMDb is not asked).

    Args:
        q (str):
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        limit (int | Unset):
        offset (int | Unset):
        mode (SearchMode | Unset): How a title search matches (the handler parses the query
            string; this names its values for the document).
        on_my_services (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SearchPageResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            q=q,
            kind=kind,
            limit=limit,
            offset=offset,
            mode=mode,
            on_my_services=on_my_services,
        )
    ).parsed
