from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.chart_response import ChartResponse
from ...models.media_kind_name import MediaKindName
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    kind: MediaKindName | Unset = UNSET,
    genre: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["genre"] = genre

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/charts/consensus",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChartResponse | Problem | None:
    if response.status_code == 200:
        response_200 = ChartResponse.from_dict(response.json())

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
) -> Response[ChartResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    kind: MediaKindName | Unset = UNSET,
    genre: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[ChartResponse | Problem]:
    """The consensus chart

     Titles by their Bradley–Terry strength, fitted over every user's comparison answers and ranked lists
    (refreshed
    on a schedule and by `marquee chart refresh`), with each strength's standard error and how many
    outcomes it
    rests on.

    Args:
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        genre (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChartResponse | Problem]
    """

    kwargs = _get_kwargs(
        kind=kind,
        genre=genre,
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    kind: MediaKindName | Unset = UNSET,
    genre: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> ChartResponse | Problem | None:
    """The consensus chart

     Titles by their Bradley–Terry strength, fitted over every user's comparison answers and ranked lists
    (refreshed
    on a schedule and by `marquee chart refresh`), with each strength's standard error and how many
    outcomes it
    rests on.

    Args:
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        genre (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChartResponse | Problem
    """

    return sync_detailed(
        client=client,
        kind=kind,
        genre=genre,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    kind: MediaKindName | Unset = UNSET,
    genre: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[ChartResponse | Problem]:
    """The consensus chart

     Titles by their Bradley–Terry strength, fitted over every user's comparison answers and ranked lists
    (refreshed
    on a schedule and by `marquee chart refresh`), with each strength's standard error and how many
    outcomes it
    rests on.

    Args:
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        genre (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChartResponse | Problem]
    """

    kwargs = _get_kwargs(
        kind=kind,
        genre=genre,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    kind: MediaKindName | Unset = UNSET,
    genre: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> ChartResponse | Problem | None:
    """The consensus chart

     Titles by their Bradley–Terry strength, fitted over every user's comparison answers and ranked lists
    (refreshed
    on a schedule and by `marquee chart refresh`), with each strength's standard error and how many
    outcomes it
    rests on.

    Args:
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        genre (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChartResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            kind=kind,
            genre=genre,
            limit=limit,
            offset=offset,
        )
    ).parsed
