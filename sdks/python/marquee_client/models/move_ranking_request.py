from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tier_name import TierName
from ..types import UNSET, Unset

T = TypeVar("T", bound="MoveRankingRequest")


@_attrs_define
class MoveRankingRequest:
    """Move a ranked title inside its tier or to another.

    Example:
        {'after': '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6', 'tier': 'S'}

    Attributes:
        after (None | Unset | UUID): A ranking to move directly below. With neither neighbour, the title goes to the
            bottom of `tier`.
        before (None | Unset | UUID): A ranking to move directly above.
        tier (None | TierName | Unset):
    """

    after: None | Unset | UUID = UNSET
    before: None | Unset | UUID = UNSET
    tier: None | TierName | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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

        tier: None | str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        elif isinstance(self.tier, TierName):
            tier = self.tier.value
        else:
            tier = self.tier

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if after is not UNSET:
            field_dict["after"] = after
        if before is not UNSET:
            field_dict["before"] = before
        if tier is not UNSET:
            field_dict["tier"] = tier

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

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

        def _parse_tier(data: object) -> None | TierName | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tier_type_0 = TierName(data)

                return tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TierName | Unset, data)

        tier = _parse_tier(d.pop("tier", UNSET))

        move_ranking_request = cls(
            after=after,
            before=before,
            tier=tier,
        )

        move_ranking_request.additional_properties = d
        return move_ranking_request

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
