from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.matched_by_name import MatchedByName

T = TypeVar("T", bound="WatchlistRowResponse")


@_attrs_define
class WatchlistRowResponse:
    """A row for the watchlist (Goodreads' `to-read` shelf).

    Attributes:
        added (bool): Whether it was added; false when it was on the watchlist already (or an earlier row added it).
        line (int): The row's line in its file (1 = the header).
        matched_by (MatchedByName): How a row found its title.
        media_id (UUID): The catalog item.
        title (str): Its title.
    """

    added: bool
    line: int
    matched_by: MatchedByName
    media_id: UUID
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        added = self.added

        line = self.line

        matched_by = self.matched_by.value

        media_id = str(self.media_id)

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "added": added,
                "line": line,
                "matched_by": matched_by,
                "media_id": media_id,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        added = d.pop("added")

        line = d.pop("line")

        matched_by = MatchedByName(d.pop("matched_by"))

        media_id = UUID(d.pop("media_id"))

        title = d.pop("title")

        watchlist_row_response = cls(
            added=added,
            line=line,
            matched_by=matched_by,
            media_id=media_id,
            title=title,
        )

        watchlist_row_response.additional_properties = d
        return watchlist_row_response

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
