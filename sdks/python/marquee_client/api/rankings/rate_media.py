from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.ranking_response import RankingResponse
from ...models.rating_request import RatingRequest
from ...types import Response


def _get_kwargs(
    media_id: UUID,
    *,
    body: RatingRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/me/ratings/{media_id}".format(
            media_id=quote(str(media_id), safe=""),
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

    if response.status_code == 201:
        response_201 = RankingResponse.from_dict(response.json())

        return response_201

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
    media_id: UUID,
    *,
    client: AuthenticatedClient,
    body: RatingRequest,
) -> Response[Problem | RankingResponse]:
    """Rate a title

     The quick path: the stars pick a tier (5 → S … 1 → D). An unranked title is placed at the bottom of
    that tier
    (201); a title in another tier moves to its bottom; a title already in that tier keeps its place
    (200). The
    stars are recorded either way.

    Args:
        media_id (UUID):
        body (RatingRequest): A quick star rating.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RankingResponse]
    """

    kwargs = _get_kwargs(
        media_id=media_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    media_id: UUID,
    *,
    client: AuthenticatedClient,
    body: RatingRequest,
) -> Problem | RankingResponse | None:
    """Rate a title

     The quick path: the stars pick a tier (5 → S … 1 → D). An unranked title is placed at the bottom of
    that tier
    (201); a title in another tier moves to its bottom; a title already in that tier keeps its place
    (200). The
    stars are recorded either way.

    Args:
        media_id (UUID):
        body (RatingRequest): A quick star rating.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RankingResponse
    """

    return sync_detailed(
        media_id=media_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    media_id: UUID,
    *,
    client: AuthenticatedClient,
    body: RatingRequest,
) -> Response[Problem | RankingResponse]:
    """Rate a title

     The quick path: the stars pick a tier (5 → S … 1 → D). An unranked title is placed at the bottom of
    that tier
    (201); a title in another tier moves to its bottom; a title already in that tier keeps its place
    (200). The
    stars are recorded either way.

    Args:
        media_id (UUID):
        body (RatingRequest): A quick star rating.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RankingResponse]
    """

    kwargs = _get_kwargs(
        media_id=media_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    media_id: UUID,
    *,
    client: AuthenticatedClient,
    body: RatingRequest,
) -> Problem | RankingResponse | None:
    """Rate a title

     The quick path: the stars pick a tier (5 → S … 1 → D). An unranked title is placed at the bottom of
    that tier
    (201); a title in another tier moves to its bottom; a title already in that tier keeps its place
    (200). The
    stars are recorded either way.

    Args:
        media_id (UUID):
        body (RatingRequest): A quick star rating.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RankingResponse
    """

    return (
        await asyncio_detailed(
            media_id=media_id,
            client=client,
            body=body,
        )
    ).parsed
