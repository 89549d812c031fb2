from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.media_kind_name import MediaKindName
from ..types import UNSET, Unset

T = TypeVar("T", bound="ExportedTitleSchema")


@_attrs_define
class ExportedTitleSchema:
    """A title as an export names it.

    Attributes:
        genres (list[str]): Its genres.
        kind (MediaKindName): What kind of work a catalog item is.
        title (str): Its title.
        imdb_id (None | str | Unset): Its IMDb id.
        original_title (None | str | Unset): Its original title.
        tmdb_id (int | None | Unset): Its TMDb id.
        year (int | None | Unset): Its year.
    """

    genres: list[str]
    kind: MediaKindName
    title: str
    imdb_id: None | str | Unset = UNSET
    original_title: None | str | Unset = UNSET
    tmdb_id: int | None | Unset = UNSET
    year: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        genres = self.genres

        kind = self.kind.value

        title = self.title

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
                "genres": genres,
                "kind": kind,
                "title": title,
            }
        )
        if imdb_id is not UNSET:
            field_dict["imdb_id"] = imdb_id
        if original_title is not UNSET:
            field_dict["original_title"] = original_title
        if tmdb_id is not UNSET:
            field_dict["tmdb_id"] = tmdb_id
        if year is not UNSET:
            field_dict["year"] = year

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        genres = cast(list[str], d.pop("genres"))

        kind = MediaKindName(d.pop("kind"))

        title = d.pop("title")

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

        exported_title_schema = cls(
            genres=genres,
            kind=kind,
            title=title,
            imdb_id=imdb_id,
            original_title=original_title,
            tmdb_id=tmdb_id,
            year=year,
        )

        exported_title_schema.additional_properties = d
        return exported_title_schema

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
