from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tier_name import TierName
from ..types import UNSET, Unset

T = TypeVar("T", bound="StartPlacementRequest")


@_attrs_define
class StartPlacementRequest:
    """Start placing a title.

    Example:
        {'media_id': '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6', 'stars': 4, 'tier': 'A'}

    Attributes:
        media_id (UUID): The catalog item to place; it must not be in the caller's list yet.
        tier (TierName): A tier, best first.
        stars (int | None | Unset): An optional 1–5 star rating: stored on the ranking, and the prior that picks the
            first questions
            (compared with the stars of the titles already in the tier).
    """

    media_id: UUID
    tier: TierName
    stars: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        media_id = str(self.media_id)

        tier = self.tier.value

        stars: int | None | Unset
        if isinstance(self.stars, Unset):
            stars = UNSET
        else:
            stars = self.stars

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "media_id": media_id,
                "tier": tier,
            }
        )
        if stars is not UNSET:
            field_dict["stars"] = stars

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        media_id = UUID(d.pop("media_id"))

        tier = TierName(d.pop("tier"))

        def _parse_stars(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        stars = _parse_stars(d.pop("stars", UNSET))

        start_placement_request = cls(
            media_id=media_id,
            tier=tier,
            stars=stars,
        )

        start_placement_request.additional_properties = d
        return start_placement_request

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
