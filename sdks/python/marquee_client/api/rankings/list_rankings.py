from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.media_kind_name import MediaKindName
from ...models.problem import Problem
from ...models.ranking_page_response import RankingPageResponse
from ...models.tier_name import TierName
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    tier: TierName | Unset = UNSET,
    kind: MediaKindName | Unset = UNSET,
    genre: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    on_my_services: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_tier: str | Unset = UNSET
    if not isinstance(tier, Unset):
        json_tier = tier.value

    params["tier"] = json_tier

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["genre"] = genre

    params["limit"] = limit

    params["offset"] = offset

    params["on_my_services"] = on_my_services

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/me/rankings",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RankingPageResponse | None:
    if response.status_code == 200:
        response_200 = RankingPageResponse.from_dict(response.json())

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
) -> Response[Problem | RankingPageResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    tier: TierName | Unset = UNSET,
    kind: MediaKindName | Unset = UNSET,
    genre: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    on_my_services: bool | Unset = UNSET,
) -> Response[Problem | RankingPageResponse]:
    """The caller's list

     One page of the caller's rankings, S → D and best first inside each tier; positions and tier sizes
    count the
    whole tier, whatever the filter.

    Args:
        tier (TierName | Unset): A tier, best first.
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        genre (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        on_my_services (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RankingPageResponse]
    """

    kwargs = _get_kwargs(
        tier=tier,
        kind=kind,
        genre=genre,
        limit=limit,
        offset=offset,
        on_my_services=on_my_services,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    tier: TierName | Unset = UNSET,
    kind: MediaKindName | Unset = UNSET,
    genre: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    on_my_services: bool | Unset = UNSET,
) -> Problem | RankingPageResponse | None:
    """The caller's list

     One page of the caller's rankings, S → D and best first inside each tier; positions and tier sizes
    count the
    whole tier, whatever the filter.

    Args:
        tier (TierName | Unset): A tier, best first.
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        genre (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        on_my_services (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RankingPageResponse
    """

    return sync_detailed(
        client=client,
        tier=tier,
        kind=kind,
        genre=genre,
        limit=limit,
        offset=offset,
        on_my_services=on_my_services,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    tier: TierName | Unset = UNSET,
    kind: MediaKindName | Unset = UNSET,
    genre: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    on_my_services: bool | Unset = UNSET,
) -> Response[Problem | RankingPageResponse]:
    """The caller's list

     One page of the caller's rankings, S → D and best first inside each tier; positions and tier sizes
    count the
    whole tier, whatever the filter.

    Args:
        tier (TierName | Unset): A tier, best first.
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        genre (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        on_my_services (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RankingPageResponse]
    """

    kwargs = _get_kwargs(
        tier=tier,
        kind=kind,
        genre=genre,
        limit=limit,
        offset=offset,
        on_my_services=on_my_services,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    tier: TierName | Unset = UNSET,
    kind: MediaKindName | Unset = UNSET,
    genre: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    on_my_services: bool | Unset = UNSET,
) -> Problem | RankingPageResponse | None:
    """The caller's list

     One page of the caller's rankings, S → D and best first inside each tier; positions and tier sizes
    count the
    whole tier, whatever the filter.

    Args:
        tier (TierName | Unset): A tier, best first.
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        genre (str | Unset):
        limit (int | Unset):
        offset (int | Unset):
        on_my_services (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RankingPageResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            tier=tier,
            kind=kind,
            genre=genre,
            limit=limit,
            offset=offset,
            on_my_services=on_my_services,
        )
    ).parsed
