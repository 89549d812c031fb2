from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.media_kind_name import MediaKindName
from ..types import UNSET, Unset

T = TypeVar("T", bound="RankedMediaResponse")


@_attrs_define
class RankedMediaResponse:
    """The fields a list shows of a ranked title.

    Attributes:
        genres (list[str]): Its genres.
        id (UUID): The item's id.
        kind (MediaKindName): What kind of work a catalog item is.
        title (str): Its title.
        original_title (None | str | Unset): Its original title.
        poster_path (None | str | Unset): Its poster path or URL.
        year (int | None | Unset): Its year.
    """

    genres: list[str]
    id: UUID
    kind: MediaKindName
    title: str
    original_title: None | str | Unset = UNSET
    poster_path: None | str | Unset = UNSET
    year: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        genres = self.genres

        id = str(self.id)

        kind = self.kind.value

        title = self.title

        original_title: None | str | Unset
        if isinstance(self.original_title, Unset):
            original_title = UNSET
        else:
            original_title = self.original_title

        poster_path: None | str | Unset
        if isinstance(self.poster_path, Unset):
            poster_path = UNSET
        else:
            poster_path = self.poster_path

        year: int | None | Unset
        if isinstance(self.year, Unset):
            year = UNSET
        else:
            year = self.year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "genres": genres,
                "id": id,
                "kind": kind,
                "title": title,
            }
        )
        if original_title is not UNSET:
            field_dict["original_title"] = original_title
        if poster_path is not UNSET:
            field_dict["poster_path"] = poster_path
        if year is not UNSET:
            field_dict["year"] = year

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        genres = cast(list[str], d.pop("genres"))

        id = UUID(d.pop("id"))

        kind = MediaKindName(d.pop("kind"))

        title = d.pop("title")

        def _parse_original_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        original_title = _parse_original_title(d.pop("original_title", UNSET))

        def _parse_poster_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        poster_path = _parse_poster_path(d.pop("poster_path", UNSET))

        def _parse_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        year = _parse_year(d.pop("year", UNSET))

        ranked_media_response = cls(
            genres=genres,
            id=id,
            kind=kind,
            title=title,
            original_title=original_title,
            poster_path=poster_path,
            year=year,
        )

        ranked_media_response.additional_properties = d
        return ranked_media_response

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
