from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.matched_by_name import MatchedByName
from ..models.placement_name import PlacementName
from ..models.tier_name import TierName
from ..types import UNSET, Unset

T = TypeVar("T", bound="ImportedRowResponse")


@_attrs_define
class ImportedRowResponse:
    """One imported row.

    Attributes:
        line (int): The row's line in its file (1 = the header), or its 1-based index in a JSON export.
        matched_by (MatchedByName): How a row found its title.
        media_id (UUID): The catalog item.
        placement (PlacementName): What happened to the list.
        tier (TierName): A tier, best first.
        title (str): Its title.
        duplicate_of_line (int | None | Unset): For a duplicate: the line that placed the title.
    """

    line: int
    matched_by: MatchedByName
    media_id: UUID
    placement: PlacementName
    tier: TierName
    title: str
    duplicate_of_line: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        line = self.line

        matched_by = self.matched_by.value

        media_id = str(self.media_id)

        placement = self.placement.value

        tier = self.tier.value

        title = self.title

        duplicate_of_line: int | None | Unset
        if isinstance(self.duplicate_of_line, Unset):
            duplicate_of_line = UNSET
        else:
            duplicate_of_line = self.duplicate_of_line

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "line": line,
                "matched_by": matched_by,
                "media_id": media_id,
                "placement": placement,
                "tier": tier,
                "title": title,
            }
        )
        if duplicate_of_line is not UNSET:
            field_dict["duplicate_of_line"] = duplicate_of_line

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        line = d.pop("line")

        matched_by = MatchedByName(d.pop("matched_by"))

        media_id = UUID(d.pop("media_id"))

        placement = PlacementName(d.pop("placement"))

        tier = TierName(d.pop("tier"))

        title = d.pop("title")

        def _parse_duplicate_of_line(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        duplicate_of_line = _parse_duplicate_of_line(d.pop("duplicate_of_line", UNSET))

        imported_row_response = cls(
            line=line,
            matched_by=matched_by,
            media_id=media_id,
            placement=placement,
            tier=tier,
            title=title,
            duplicate_of_line=duplicate_of_line,
        )

        imported_row_response.additional_properties = d
        return imported_row_response

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
