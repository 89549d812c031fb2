from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.people_page_response import PeoplePageResponse
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    q: str,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["q"] = q

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/users",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PeoplePageResponse | Problem | None:
    if response.status_code == 200:
        response_200 = PeoplePageResponse.from_dict(response.json())

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
) -> Response[PeoplePageResponse | Problem]:
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
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[PeoplePageResponse | Problem]:
    """Find people

     Users whose display name contains `q` (case ignored), by name. Who is found is the privacy rule's:
    public and
    followers-only profiles (the latter to ask to follow them), never a private one (not even by its
    accepted
    followers; only its owner finds themselves) and never a disabled account.

    Args:
        q (str):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PeoplePageResponse | Problem]
    """

    kwargs = _get_kwargs(
        q=q,
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    q: str,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> PeoplePageResponse | Problem | None:
    """Find people

     Users whose display name contains `q` (case ignored), by name. Who is found is the privacy rule's:
    public and
    followers-only profiles (the latter to ask to follow them), never a private one (not even by its
    accepted
    followers; only its owner finds themselves) and never a disabled account.

    Args:
        q (str):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PeoplePageResponse | Problem
    """

    return sync_detailed(
        client=client,
        q=q,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    q: str,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[PeoplePageResponse | Problem]:
    """Find people

     Users whose display name contains `q` (case ignored), by name. Who is found is the privacy rule's:
    public and
    followers-only profiles (the latter to ask to follow them), never a private one (not even by its
    accepted
    followers; only its owner finds themselves) and never a disabled account.

    Args:
        q (str):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PeoplePageResponse | Problem]
    """

    kwargs = _get_kwargs(
        q=q,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    q: str,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> PeoplePageResponse | Problem | None:
    """Find people

     Users whose display name contains `q` (case ignored), by name. Who is found is the privacy rule's:
    public and
    followers-only profiles (the latter to ask to follow them), never a private one (not even by its
    accepted
    followers; only its owner finds themselves) and never a disabled account.

    Args:
        q (str):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PeoplePageResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            q=q,
            limit=limit,
            offset=offset,
        )
    ).parsed
