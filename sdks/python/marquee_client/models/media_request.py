from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.media_kind_name import MediaKindName
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.media_request_attributes import MediaRequestAttributes


T = TypeVar("T", bound="MediaRequest")


@_attrs_define
class MediaRequest:
    """A catalog item's fields, for a manual entry or an admin edit (which replaces them all).

    Example:
        {'attributes': {'author': 'William Shakespeare'}, 'genres': ['Tragedy'], 'kind': 'play', 'title': 'Hamlet',
            'year': 1603}

    Attributes:
        kind (MediaKindName): What kind of work a catalog item is.
        title (str): 1 to 300 characters.
        attributes (MediaRequestAttributes | Unset): A JSON object of extra facts, at most 16 KiB. Keys naming an image
            or a URL (`backdrop_path`, `logo_url`, …)
            take what `poster_path` takes; `tmdb` and `movielens_id` are provider data (admins only).
        genres (list[str] | Unset): Up to 20 distinct genres of 1 to 50 characters.
        imdb_id (None | str | Unset): `tt` followed by digits. Admins only, like `tmdb_id`.
        original_title (None | str | Unset): At most 300 characters.
        overview (None | str | Unset): At most 5,000 characters.
        poster_path (None | str | Unset): A TMDb image path (`/abc123.jpg`) or an `https` URL without credentials, at
            most 500 characters.
        tmdb_id (int | None | Unset): A positive TMDb id, unique per kind. Admins only: a user's entry may not carry
            provider ids.
        year (int | None | Unset): -3000 to 2200.
    """

    kind: MediaKindName
    title: str
    attributes: MediaRequestAttributes | Unset = UNSET
    genres: list[str] | Unset = UNSET
    imdb_id: None | str | Unset = UNSET
    original_title: None | str | Unset = UNSET
    overview: None | str | Unset = UNSET
    poster_path: None | str | Unset = UNSET
    tmdb_id: int | None | Unset = UNSET
    year: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        title = self.title

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        genres: list[str] | Unset = UNSET
        if not isinstance(self.genres, Unset):
            genres = self.genres

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
                "kind": kind,
                "title": title,
            }
        )
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if genres is not UNSET:
            field_dict["genres"] = genres
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
        from ..models.media_request_attributes import MediaRequestAttributes  # noqa: PLC0415

        d = dict(src_dict)
        kind = MediaKindName(d.pop("kind"))

        title = d.pop("title")

        _attributes = d.pop("attributes", UNSET)
        attributes: MediaRequestAttributes | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = MediaRequestAttributes.from_dict(_attributes)

        genres = cast(list[str], d.pop("genres", UNSET))

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

        media_request = cls(
            kind=kind,
            title=title,
            attributes=attributes,
            genres=genres,
            imdb_id=imdb_id,
            original_title=original_title,
            overview=overview,
            poster_path=poster_path,
            tmdb_id=tmdb_id,
            year=year,
        )

        media_request.additional_properties = d
        return media_request

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
