from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BookResponse")


@_attrs_define
class BookResponse:
    """What Open Library says of a book.

    Attributes:
        authors (list[str]): Author names.
        isbns (list[str]): ISBN-13s of the editions seen.
        openlibrary_key (str): The Open Library work key (`OL15832982W`): `https://openlibrary.org/works/{key}`.
        subjects (list[str]): Subjects.
        cover_url (None | str | Unset): The cover image on `covers.openlibrary.org` (never fetched by the server).
        first_publish_year (int | None | Unset): The year the work was first published.
        page_count (int | None | Unset): The page count (an edition's, or the median over its editions).
    """

    authors: list[str]
    isbns: list[str]
    openlibrary_key: str
    subjects: list[str]
    cover_url: None | str | Unset = UNSET
    first_publish_year: int | None | Unset = UNSET
    page_count: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        authors = self.authors

        isbns = self.isbns

        openlibrary_key = self.openlibrary_key

        subjects = self.subjects

        cover_url: None | str | Unset
        if isinstance(self.cover_url, Unset):
            cover_url = UNSET
        else:
            cover_url = self.cover_url

        first_publish_year: int | None | Unset
        if isinstance(self.first_publish_year, Unset):
            first_publish_year = UNSET
        else:
            first_publish_year = self.first_publish_year

        page_count: int | None | Unset
        if isinstance(self.page_count, Unset):
            page_count = UNSET
        else:
            page_count = self.page_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "authors": authors,
                "isbns": isbns,
                "openlibrary_key": openlibrary_key,
                "subjects": subjects,
            }
        )
        if cover_url is not UNSET:
            field_dict["cover_url"] = cover_url
        if first_publish_year is not UNSET:
            field_dict["first_publish_year"] = first_publish_year
        if page_count is not UNSET:
            field_dict["page_count"] = page_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        authors = cast(list[str], d.pop("authors"))

        isbns = cast(list[str], d.pop("isbns"))

        openlibrary_key = d.pop("openlibrary_key")

        subjects = cast(list[str], d.pop("subjects"))

        def _parse_cover_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cover_url = _parse_cover_url(d.pop("cover_url", UNSET))

        def _parse_first_publish_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        first_publish_year = _parse_first_publish_year(d.pop("first_publish_year", UNSET))

        def _parse_page_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        page_count = _parse_page_count(d.pop("page_count", UNSET))

        book_response = cls(
            authors=authors,
            isbns=isbns,
            openlibrary_key=openlibrary_key,
            subjects=subjects,
            cover_url=cover_url,
            first_publish_year=first_publish_year,
            page_count=page_count,
        )

        book_response.additional_properties = d
        return book_response

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
