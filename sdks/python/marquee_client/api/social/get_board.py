from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.board_period import BoardPeriod
from ...models.board_response import BoardResponse
from ...models.board_scope import BoardScope
from ...models.media_kind_name import MediaKindName
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    scope: BoardScope | Unset = UNSET,
    kind: MediaKindName | Unset = UNSET,
    genre: str | Unset = UNSET,
    period: BoardPeriod | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_scope: str | Unset = UNSET
    if not isinstance(scope, Unset):
        json_scope = scope.value

    params["scope"] = json_scope

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["genre"] = genre

    json_period: str | Unset = UNSET
    if not isinstance(period, Unset):
        json_period = period.value

    params["period"] = json_period

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/leaderboard",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BoardResponse | Problem | None:
    if response.status_code == 200:
        response_200 = BoardResponse.from_dict(response.json())

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
) -> Response[BoardResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    scope: BoardScope | Unset = UNSET,
    kind: MediaKindName | Unset = UNSET,
    genre: str | Unset = UNSET,
    period: BoardPeriod | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[BoardResponse | Problem]:
    """The best-ranked titles and the most active rankers

     Titles by the mean of their derived scores (tier and position in each list, as lists show them)
    shrunk
    toward the mean of every score in scope with weight m = 5, so a title with one enthusiastic ranking
    does not
    top the board. `global` counts every list that is not private (an aggregate names no one);
    `following` only
    the lists of users the caller follows with an accepted follow. Rankers list only profiles the caller
    may see.

    Args:
        scope (BoardScope | Unset): Whose lists the leaderboard covers (the domain parses the
            query string; this names its values for the document).
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        genre (str | Unset):
        period (BoardPeriod | Unset): How far back the leaderboard looks.
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BoardResponse | Problem]
    """

    kwargs = _get_kwargs(
        scope=scope,
        kind=kind,
        genre=genre,
        period=period,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    scope: BoardScope | Unset = UNSET,
    kind: MediaKindName | Unset = UNSET,
    genre: str | Unset = UNSET,
    period: BoardPeriod | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> BoardResponse | Problem | None:
    """The best-ranked titles and the most active rankers

     Titles by the mean of their derived scores (tier and position in each list, as lists show them)
    shrunk
    toward the mean of every score in scope with weight m = 5, so a title with one enthusiastic ranking
    does not
    top the board. `global` counts every list that is not private (an aggregate names no one);
    `following` only
    the lists of users the caller follows with an accepted follow. Rankers list only profiles the caller
    may see.

    Args:
        scope (BoardScope | Unset): Whose lists the leaderboard covers (the domain parses the
            query string; this names its values for the document).
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        genre (str | Unset):
        period (BoardPeriod | Unset): How far back the leaderboard looks.
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BoardResponse | Problem
    """

    return sync_detailed(
        client=client,
        scope=scope,
        kind=kind,
        genre=genre,
        period=period,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    scope: BoardScope | Unset = UNSET,
    kind: MediaKindName | Unset = UNSET,
    genre: str | Unset = UNSET,
    period: BoardPeriod | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[BoardResponse | Problem]:
    """The best-ranked titles and the most active rankers

     Titles by the mean of their derived scores (tier and position in each list, as lists show them)
    shrunk
    toward the mean of every score in scope with weight m = 5, so a title with one enthusiastic ranking
    does not
    top the board. `global` counts every list that is not private (an aggregate names no one);
    `following` only
    the lists of users the caller follows with an accepted follow. Rankers list only profiles the caller
    may see.

    Args:
        scope (BoardScope | Unset): Whose lists the leaderboard covers (the domain parses the
            query string; this names its values for the document).
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        genre (str | Unset):
        period (BoardPeriod | Unset): How far back the leaderboard looks.
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BoardResponse | Problem]
    """

    kwargs = _get_kwargs(
        scope=scope,
        kind=kind,
        genre=genre,
        period=period,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    scope: BoardScope | Unset = UNSET,
    kind: MediaKindName | Unset = UNSET,
    genre: str | Unset = UNSET,
    period: BoardPeriod | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> BoardResponse | Problem | None:
    """The best-ranked titles and the most active rankers

     Titles by the mean of their derived scores (tier and position in each list, as lists show them)
    shrunk
    toward the mean of every score in scope with weight m = 5, so a title with one enthusiastic ranking
    does not
    top the board. `global` counts every list that is not private (an aggregate names no one);
    `following` only
    the lists of users the caller follows with an accepted follow. Rankers list only profiles the caller
    may see.

    Args:
        scope (BoardScope | Unset): Whose lists the leaderboard covers (the domain parses the
            query string; this names its values for the document).
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        genre (str | Unset):
        period (BoardPeriod | Unset): How far back the leaderboard looks.
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BoardResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            scope=scope,
            kind=kind,
            genre=genre,
            period=period,
            limit=limit,
        )
    ).parsed
