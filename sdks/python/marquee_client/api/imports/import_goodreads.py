from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.import_report_response import ImportReportResponse
from ...models.problem import Problem
from ...models.upload_form import UploadForm
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: UploadForm,
    partial: bool | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["partial"] = partial

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/me/imports/goodreads",
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ImportReportResponse | Problem | None:
    if response.status_code == 200:
        response_200 = ImportReportResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[ImportReportResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadForm,
    partial: bool | Unset = UNSET,
) -> Response[ImportReportResponse | Problem]:
    """Import a Goodreads library

     The file is Goodreads' library export (`goodreads_library_export.csv`; columns found by name). Books
    match by
    ISBN (ISBN13, then ISBN), then Open Library's work key when it is configured and knows the ISBN or
    the title
    and author, then by title (without the series part) and original publication year. Rated books (1–5
    stars) are
    placed: 5 in S, 4 A, 3 B, 2 C, 1 D; unrated books on the `to-read` shelf go to the watchlist; other
    unrated
    books are skipped.

    Args:
        partial (bool | Unset):
        body (UploadForm): An uploaded file, as a form sends it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportReportResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        partial=partial,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: UploadForm,
    partial: bool | Unset = UNSET,
) -> ImportReportResponse | Problem | None:
    """Import a Goodreads library

     The file is Goodreads' library export (`goodreads_library_export.csv`; columns found by name). Books
    match by
    ISBN (ISBN13, then ISBN), then Open Library's work key when it is configured and knows the ISBN or
    the title
    and author, then by title (without the series part) and original publication year. Rated books (1–5
    stars) are
    placed: 5 in S, 4 A, 3 B, 2 C, 1 D; unrated books on the `to-read` shelf go to the watchlist; other
    unrated
    books are skipped.

    Args:
        partial (bool | Unset):
        body (UploadForm): An uploaded file, as a form sends it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportReportResponse | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        partial=partial,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadForm,
    partial: bool | Unset = UNSET,
) -> Response[ImportReportResponse | Problem]:
    """Import a Goodreads library

     The file is Goodreads' library export (`goodreads_library_export.csv`; columns found by name). Books
    match by
    ISBN (ISBN13, then ISBN), then Open Library's work key when it is configured and knows the ISBN or
    the title
    and author, then by title (without the series part) and original publication year. Rated books (1–5
    stars) are
    placed: 5 in S, 4 A, 3 B, 2 C, 1 D; unrated books on the `to-read` shelf go to the watchlist; other
    unrated
    books are skipped.

    Args:
        partial (bool | Unset):
        body (UploadForm): An uploaded file, as a form sends it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportReportResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        partial=partial,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: UploadForm,
    partial: bool | Unset = UNSET,
) -> ImportReportResponse | Problem | None:
    """Import a Goodreads library

     The file is Goodreads' library export (`goodreads_library_export.csv`; columns found by name). Books
    match by
    ISBN (ISBN13, then ISBN), then Open Library's work key when it is configured and knows the ISBN or
    the title
    and author, then by title (without the series part) and original publication year. Rated books (1–5
    stars) are
    placed: 5 in S, 4 A, 3 B, 2 C, 1 D; unrated books on the `to-read` shelf go to the watchlist; other
    unrated
    books are skipped.

    Args:
        partial (bool | Unset):
        body (UploadForm): An uploaded file, as a form sends it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportReportResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            partial=partial,
        )
    ).parsed
