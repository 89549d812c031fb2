from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.matchup_response import MatchupResponse
from ...models.problem import Problem
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/matchups/next",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MatchupResponse | Problem | None:
    if response.status_code == 200:
        response_200 = MatchupResponse.from_dict(response.json())

        return response_200

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
) -> Response[MatchupResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[MatchupResponse | Problem]:
    """The next matchup

     Two other users' sets to compare: the least-voted set against the closest rating, avoiding genres
    the caller
    saw in their last matchups, never the caller's own set, never a set whose owner the caller may not
    see (a
    private user's, or a followers-only user's the caller does not follow), and never a pair shown to
    the caller
    within the repeat window (7 days by default). 404 when no such pair is left.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MatchupResponse | Problem]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> MatchupResponse | Problem | None:
    """The next matchup

     Two other users' sets to compare: the least-voted set against the closest rating, avoiding genres
    the caller
    saw in their last matchups, never the caller's own set, never a set whose owner the caller may not
    see (a
    private user's, or a followers-only user's the caller does not follow), and never a pair shown to
    the caller
    within the repeat window (7 days by default). 404 when no such pair is left.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MatchupResponse | Problem
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[MatchupResponse | Problem]:
    """The next matchup

     Two other users' sets to compare: the least-voted set against the closest rating, avoiding genres
    the caller
    saw in their last matchups, never the caller's own set, never a set whose owner the caller may not
    see (a
    private user's, or a followers-only user's the caller does not follow), and never a pair shown to
    the caller
    within the repeat window (7 days by default). 404 when no such pair is left.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MatchupResponse | Problem]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> MatchupResponse | Problem | None:
    """The next matchup

     Two other users' sets to compare: the least-voted set against the closest rating, avoiding genres
    the caller
    saw in their last matchups, never the caller's own set, never a set whose owner the caller may not
    see (a
    private user's, or a followers-only user's the caller does not follow), and never a pair shown to
    the caller
    within the repeat window (7 days by default). 404 when no such pair is left.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MatchupResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
