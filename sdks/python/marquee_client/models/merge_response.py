from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.media_response import MediaResponse


T = TypeVar("T", bound="MergeResponse")


@_attrs_define
class MergeResponse:
    """What a merge did.

    Attributes:
        comparisons_dropped (int): Comparisons between the two items, dropped.
        comparisons_moved (int): Comparisons naming the duplicate that now name the kept item.
        kept (MediaResponse): A catalog item.
        rankings_dropped (int): Rankings of the duplicate dropped because their user had ranked the kept item too.
        rankings_moved (int): Rankings of the duplicate that now point at the kept item.
        sessions_dropped (int): Open sessions placing the duplicate for users who rank the kept item: abandoned.
        sessions_moved (int): Placement sessions placing or asking about the duplicate that now refer to the kept item.
        top4_sets_dropped (int): Top-4 sets that named both items, deleted.
        top4_sets_moved (int): Top-4 sets naming the kept item in the duplicate's slot (same set, rating and votes).
    """

    comparisons_dropped: int
    comparisons_moved: int
    kept: MediaResponse
    rankings_dropped: int
    rankings_moved: int
    sessions_dropped: int
    sessions_moved: int
    top4_sets_dropped: int
    top4_sets_moved: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        comparisons_dropped = self.comparisons_dropped

        comparisons_moved = self.comparisons_moved

        kept = self.kept.to_dict()

        rankings_dropped = self.rankings_dropped

        rankings_moved = self.rankings_moved

        sessions_dropped = self.sessions_dropped

        sessions_moved = self.sessions_moved

        top4_sets_dropped = self.top4_sets_dropped

        top4_sets_moved = self.top4_sets_moved

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "comparisons_dropped": comparisons_dropped,
                "comparisons_moved": comparisons_moved,
                "kept": kept,
                "rankings_dropped": rankings_dropped,
                "rankings_moved": rankings_moved,
                "sessions_dropped": sessions_dropped,
                "sessions_moved": sessions_moved,
                "top4_sets_dropped": top4_sets_dropped,
                "top4_sets_moved": top4_sets_moved,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.media_response import MediaResponse  # noqa: PLC0415

        d = dict(src_dict)
        comparisons_dropped = d.pop("comparisons_dropped")

        comparisons_moved = d.pop("comparisons_moved")

        kept = MediaResponse.from_dict(d.pop("kept"))

        rankings_dropped = d.pop("rankings_dropped")

        rankings_moved = d.pop("rankings_moved")

        sessions_dropped = d.pop("sessions_dropped")

        sessions_moved = d.pop("sessions_moved")

        top4_sets_dropped = d.pop("top4_sets_dropped")

        top4_sets_moved = d.pop("top4_sets_moved")

        merge_response = cls(
            comparisons_dropped=comparisons_dropped,
            comparisons_moved=comparisons_moved,
            kept=kept,
            rankings_dropped=rankings_dropped,
            rankings_moved=rankings_moved,
            sessions_dropped=sessions_dropped,
            sessions_moved=sessions_moved,
            top4_sets_dropped=top4_sets_dropped,
            top4_sets_moved=top4_sets_moved,
        )

        merge_response.additional_properties = d
        return merge_response

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
