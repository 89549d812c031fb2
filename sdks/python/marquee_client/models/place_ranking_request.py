from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tier_name import TierName
from ..types import UNSET, Unset

T = TypeVar("T", bound="PlaceRankingRequest")


@_attrs_define
class PlaceRankingRequest:
    """Place a title in the caller's list.

    Example:
        {'media_id': '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6', 'tier': 'A'}

    Attributes:
        media_id (UUID): The catalog item.
        tier (TierName): A tier, best first.
        after (None | Unset | UUID): A ranking (in `tier`) to place the title directly below. With `before` too, the two
            must be adjacent,
            `after` directly above `before`. With neither, the title goes to the bottom of the tier.
        before (None | Unset | UUID): A ranking (in `tier`) to place the title directly above.
    """

    media_id: UUID
    tier: TierName
    after: None | Unset | UUID = UNSET
    before: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        media_id = str(self.media_id)

        tier = self.tier.value

        after: None | str | Unset
        if isinstance(self.after, Unset):
            after = UNSET
        elif isinstance(self.after, UUID):
            after = str(self.after)
        else:
            after = self.after

        before: None | str | Unset
        if isinstance(self.before, Unset):
            before = UNSET
        elif isinstance(self.before, UUID):
            before = str(self.before)
        else:
            before = self.before

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "media_id": media_id,
                "tier": tier,
            }
        )
        if after is not UNSET:
            field_dict["after"] = after
        if before is not UNSET:
            field_dict["before"] = before

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        media_id = UUID(d.pop("media_id"))

        tier = TierName(d.pop("tier"))

        def _parse_after(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                after_type_0 = UUID(data)

                return after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        after = _parse_after(d.pop("after", UNSET))

        def _parse_before(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                before_type_0 = UUID(data)

                return before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        before = _parse_before(d.pop("before", UNSET))

        place_ranking_request = cls(
            media_id=media_id,
            tier=tier,
            after=after,
            before=before,
        )

        place_ranking_request.additional_properties = d
        return place_ranking_request

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
