from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delete_account_request import DeleteAccountRequest
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: DeleteAccountRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v1/me",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: DeleteAccountRequest,
) -> Response[Any | Problem]:
    """Delete the account

     Deletes the signed-in account and, in one transaction, everything that identifies its owner: the
    list,
    comparisons, placement sessions, interactions and ratings, follows both ways and follow requests,
    the top-4 set,
    its matchups and the owner's votes, streaming services, activity, sessions and refresh tokens, and
    links to
    external providers. Catalog entries the owner created stay, without a creator. Every token of the
    account is
    refused at once (401). An account with a password must give it; one made by an external provider
    must send a
    token from a sign-in at most 5 minutes old. Export the data first (`GET /api/v1/me/export`) to keep
    it.

    Aggregates built before the deletion drop the owner's data at their next refresh: the consensus
    chart within
    `CHART_REFRESH_SECONDS` (an hour by default), the recommendation model at its next training
    (`REC_TRAIN_SECONDS`, an hour by default); leaderboards, feeds, follower lists and compatibility
    read live data
    and drop it at once.

    Args:
        body (DeleteAccountRequest): Proof that the account's owner asks for its deletion.
            Example: {'current_password': 'correct horse'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
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
    body: DeleteAccountRequest,
) -> Any | Problem | None:
    """Delete the account

     Deletes the signed-in account and, in one transaction, everything that identifies its owner: the
    list,
    comparisons, placement sessions, interactions and ratings, follows both ways and follow requests,
    the top-4 set,
    its matchups and the owner's votes, streaming services, activity, sessions and refresh tokens, and
    links to
    external providers. Catalog entries the owner created stay, without a creator. Every token of the
    account is
    refused at once (401). An account with a password must give it; one made by an external provider
    must send a
    token from a sign-in at most 5 minutes old. Export the data first (`GET /api/v1/me/export`) to keep
    it.

    Aggregates built before the deletion drop the owner's data at their next refresh: the consensus
    chart within
    `CHART_REFRESH_SECONDS` (an hour by default), the recommendation model at its next training
    (`REC_TRAIN_SECONDS`, an hour by default); leaderboards, feeds, follower lists and compatibility
    read live data
    and drop it at once.

    Args:
        body (DeleteAccountRequest): Proof that the account's owner asks for its deletion.
            Example: {'current_password': 'correct horse'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: DeleteAccountRequest,
) -> Response[Any | Problem]:
    """Delete the account

     Deletes the signed-in account and, in one transaction, everything that identifies its owner: the
    list,
    comparisons, placement sessions, interactions and ratings, follows both ways and follow requests,
    the top-4 set,
    its matchups and the owner's votes, streaming services, activity, sessions and refresh tokens, and
    links to
    external providers. Catalog entries the owner created stay, without a creator. Every token of the
    account is
    refused at once (401). An account with a password must give it; one made by an external provider
    must send a
    token from a sign-in at most 5 minutes old. Export the data first (`GET /api/v1/me/export`) to keep
    it.

    Aggregates built before the deletion drop the owner's data at their next refresh: the consensus
    chart within
    `CHART_REFRESH_SECONDS` (an hour by default), the recommendation model at its next training
    (`REC_TRAIN_SECONDS`, an hour by default); leaderboards, feeds, follower lists and compatibility
    read live data
    and drop it at once.

    Args:
        body (DeleteAccountRequest): Proof that the account's owner asks for its deletion.
            Example: {'current_password': 'correct horse'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: DeleteAccountRequest,
) -> Any | Problem | None:
    """Delete the account

     Deletes the signed-in account and, in one transaction, everything that identifies its owner: the
    list,
    comparisons, placement sessions, interactions and ratings, follows both ways and follow requests,
    the top-4 set,
    its matchups and the owner's votes, streaming services, activity, sessions and refresh tokens, and
    links to
    external providers. Catalog entries the owner created stay, without a creator. Every token of the
    account is
    refused at once (401). An account with a password must give it; one made by an external provider
    must send a
    token from a sign-in at most 5 minutes old. Export the data first (`GET /api/v1/me/export`) to keep
    it.

    Aggregates built before the deletion drop the owner's data at their next refresh: the consensus
    chart within
    `CHART_REFRESH_SECONDS` (an hour by default), the recommendation model at its next training
    (`REC_TRAIN_SECONDS`, an hour by default); leaderboards, feeds, follower lists and compatibility
    read live data
    and drop it at once.

    Args:
        body (DeleteAccountRequest): Proof that the account's owner asks for its deletion.
            Example: {'current_password': 'correct horse'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
