from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.media_kind_name import MediaKindName
from ...models.problem import Problem
from ...models.recommendations_response import RecommendationsResponse
from ...models.strategy_name import StrategyName
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    strategy: StrategyName | Unset = UNSET,
    kind: MediaKindName | Unset = UNSET,
    limit: int | Unset = UNSET,
    on_my_services: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_strategy: str | Unset = UNSET
    if not isinstance(strategy, Unset):
        json_strategy = strategy.value

    params["strategy"] = json_strategy

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["limit"] = limit

    params["on_my_services"] = on_my_services

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/recommendations",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RecommendationsResponse | None:
    if response.status_code == 200:
        response_200 = RecommendationsResponse.from_dict(response.json())

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
) -> Response[Problem | RecommendationsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    strategy: StrategyName | Unset = UNSET,
    kind: MediaKindName | Unset = UNSET,
    limit: int | Unset = UNSET,
    on_my_services: bool | Unset = UNSET,
) -> Response[Problem | RecommendationsResponse]:
    """Recommendations for the caller

     Titles the caller has not ranked, scored by the chosen strategy from their signals as they are at
    this moment
    (rankings, comparisons, matchup votes, top 4, interactions) against the newest trained model, each
    with its
    reasons in words. A caller with nothing liked yet gets trending titles (plus content from their top
    4 under
    `hybrid`). `on_my_services` keeps what the caller's services stream, from the availability cache.

    Args:
        strategy (StrategyName | Unset): The strategies.
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        limit (int | Unset):
        on_my_services (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RecommendationsResponse]
    """

    kwargs = _get_kwargs(
        strategy=strategy,
        kind=kind,
        limit=limit,
        on_my_services=on_my_services,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    strategy: StrategyName | Unset = UNSET,
    kind: MediaKindName | Unset = UNSET,
    limit: int | Unset = UNSET,
    on_my_services: bool | Unset = UNSET,
) -> Problem | RecommendationsResponse | None:
    """Recommendations for the caller

     Titles the caller has not ranked, scored by the chosen strategy from their signals as they are at
    this moment
    (rankings, comparisons, matchup votes, top 4, interactions) against the newest trained model, each
    with its
    reasons in words. A caller with nothing liked yet gets trending titles (plus content from their top
    4 under
    `hybrid`). `on_my_services` keeps what the caller's services stream, from the availability cache.

    Args:
        strategy (StrategyName | Unset): The strategies.
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        limit (int | Unset):
        on_my_services (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RecommendationsResponse
    """

    return sync_detailed(
        client=client,
        strategy=strategy,
        kind=kind,
        limit=limit,
        on_my_services=on_my_services,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    strategy: StrategyName | Unset = UNSET,
    kind: MediaKindName | Unset = UNSET,
    limit: int | Unset = UNSET,
    on_my_services: bool | Unset = UNSET,
) -> Response[Problem | RecommendationsResponse]:
    """Recommendations for the caller

     Titles the caller has not ranked, scored by the chosen strategy from their signals as they are at
    this moment
    (rankings, comparisons, matchup votes, top 4, interactions) against the newest trained model, each
    with its
    reasons in words. A caller with nothing liked yet gets trending titles (plus content from their top
    4 under
    `hybrid`). `on_my_services` keeps what the caller's services stream, from the availability cache.

    Args:
        strategy (StrategyName | Unset): The strategies.
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        limit (int | Unset):
        on_my_services (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RecommendationsResponse]
    """

    kwargs = _get_kwargs(
        strategy=strategy,
        kind=kind,
        limit=limit,
        on_my_services=on_my_services,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    strategy: StrategyName | Unset = UNSET,
    kind: MediaKindName | Unset = UNSET,
    limit: int | Unset = UNSET,
    on_my_services: bool | Unset = UNSET,
) -> Problem | RecommendationsResponse | None:
    """Recommendations for the caller

     Titles the caller has not ranked, scored by the chosen strategy from their signals as they are at
    this moment
    (rankings, comparisons, matchup votes, top 4, interactions) against the newest trained model, each
    with its
    reasons in words. A caller with nothing liked yet gets trending titles (plus content from their top
    4 under
    `hybrid`). `on_my_services` keeps what the caller's services stream, from the availability cache.

    Args:
        strategy (StrategyName | Unset): The strategies.
        kind (MediaKindName | Unset): What kind of work a catalog item is.
        limit (int | Unset):
        on_my_services (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RecommendationsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            strategy=strategy,
            kind=kind,
            limit=limit,
            on_my_services=on_my_services,
        )
    ).parsed
