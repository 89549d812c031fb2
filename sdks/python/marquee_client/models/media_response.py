from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.media_kind_name import MediaKindName
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.book_response import BookResponse
    from ..models.media_response_attributes import MediaResponseAttributes


T = TypeVar("T", bound="MediaResponse")


@_attrs_define
class MediaResponse:
    """A catalog item.

    Attributes:
        attributes (MediaResponseAttributes): Free-form facts (author, runtime, theatre, …).
        created_at (datetime.datetime): When it entered the catalog.
        genres (list[str]): Genre names.
        id (UUID): Its id.
        kind (MediaKindName): What kind of work a catalog item is.
        title (str): The title people know it by.
        updated_at (datetime.datetime): When it last changed.
        book (BookResponse | None | Unset):
        imdb_id (None | str | Unset): The IMDb id (`tt0111161`).
        original_title (None | str | Unset): The title in its original language, when it differs.
        overview (None | str | Unset): A short summary.
        poster_path (None | str | Unset): A TMDb image path (`/abc.jpg`) or an absolute `https` URL.
        tmdb_id (int | None | Unset): The TMDb id, unique per kind.
        year (int | None | Unset): Year of first release, publication or premiere (negative is BCE).
    """

    attributes: MediaResponseAttributes
    created_at: datetime.datetime
    genres: list[str]
    id: UUID
    kind: MediaKindName
    title: str
    updated_at: datetime.datetime
    book: BookResponse | None | Unset = UNSET
    imdb_id: None | str | Unset = UNSET
    original_title: None | str | Unset = UNSET
    overview: None | str | Unset = UNSET
    poster_path: None | str | Unset = UNSET
    tmdb_id: int | None | Unset = UNSET
    year: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.book_response import BookResponse  # noqa: PLC0415

        attributes = self.attributes.to_dict()

        created_at = self.created_at.isoformat()

        genres = self.genres

        id = str(self.id)

        kind = self.kind.value

        title = self.title

        updated_at = self.updated_at.isoformat()

        book: dict[str, Any] | None | Unset
        if isinstance(self.book, Unset):
            book = UNSET
        elif isinstance(self.book, BookResponse):
            book = self.book.to_dict()
        else:
            book = self.book

        imdb_id: None | str | Unset
        if isinstance(self.imdb_id, Unset):
            imdb_id = UNSET
        else:
            imdb_id = self.imdb_id

        original_title: None | str | Unset
        if isinstance(self.original_title, Unset):
            original_title = UNSET
        else:
            original_title = self.original_title

        overview: None | str | Unset
        if isinstance(self.overview, Unset):
            overview = UNSET
        else:
            overview = self.overview

        poster_path: None | str | Unset
        if isinstance(self.poster_path, Unset):
            poster_path = UNSET
        else:
            poster_path = self.poster_path

        tmdb_id: int | None | Unset
        if isinstance(self.tmdb_id, Unset):
            tmdb_id = UNSET
        else:
            tmdb_id = self.tmdb_id

        year: int | None | Unset
        if isinstance(self.year, Unset):
            year = UNSET
        else:
            year = self.year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attributes": attributes,
                "created_at": created_at,
                "genres": genres,
                "id": id,
                "kind": kind,
                "title": title,
                "updated_at": updated_at,
            }
        )
        if book is not UNSET:
            field_dict["book"] = book
        if imdb_id is not UNSET:
            field_dict["imdb_id"] = imdb_id
        if original_title is not UNSET:
            field_dict["original_title"] = original_title
        if overview is not UNSET:
            field_dict["overview"] = overview
        if poster_path is not UNSET:
            field_dict["poster_path"] = poster_path
        if tmdb_id is not UNSET:
            field_dict["tmdb_id"] = tmdb_id
        if year is not UNSET:
            field_dict["year"] = year

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.book_response import BookResponse  # noqa: PLC0415
        from ..models.media_response_attributes import MediaResponseAttributes  # noqa: PLC0415

        d = dict(src_dict)
        attributes = MediaResponseAttributes.from_dict(d.pop("attributes"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        genres = cast(list[str], d.pop("genres"))

        id = UUID(d.pop("id"))

        kind = MediaKindName(d.pop("kind"))

        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_book(data: object) -> BookResponse | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                book_type_0 = BookResponse.from_dict(data)

                return book_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BookResponse | None | Unset, data)

        book = _parse_book(d.pop("book", UNSET))

        def _parse_imdb_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        imdb_id = _parse_imdb_id(d.pop("imdb_id", UNSET))

        def _parse_original_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        original_title = _parse_original_title(d.pop("original_title", UNSET))

        def _parse_overview(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        overview = _parse_overview(d.pop("overview", UNSET))

        def _parse_poster_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        poster_path = _parse_poster_path(d.pop("poster_path", UNSET))

        def _parse_tmdb_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        tmdb_id = _parse_tmdb_id(d.pop("tmdb_id", UNSET))

        def _parse_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        year = _parse_year(d.pop("year", UNSET))

        media_response = cls(
            attributes=attributes,
            created_at=created_at,
            genres=genres,
            id=id,
            kind=kind,
            title=title,
            updated_at=updated_at,
            book=book,
            imdb_id=imdb_id,
            original_title=original_title,
            overview=overview,
            poster_path=poster_path,
            tmdb_id=tmdb_id,
            year=year,
        )

        media_response.additional_properties = d
        return media_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
