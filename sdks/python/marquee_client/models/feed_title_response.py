from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tier_name import TierName
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ranked_media_response import RankedMediaResponse


T = TypeVar("T", bound="FeedTitleResponse")


@_attrs_define
class FeedTitleResponse:
    """A title an entry involved.

    Attributes:
        media (RankedMediaResponse): The fields a list shows of a ranked title.
        tier (None | TierName | Unset):
    """

    media: RankedMediaResponse
    tier: None | TierName | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        media = self.media.to_dict()

        tier: None | str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        elif isinstance(self.tier, TierName):
            tier = self.tier.value
        else:
            tier = self.tier

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "media": media,
            }
        )
        if tier is not UNSET:
            field_dict["tier"] = tier

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ranked_media_response import RankedMediaResponse  # noqa: PLC0415

        d = dict(src_dict)
        media = RankedMediaResponse.from_dict(d.pop("media"))

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

        feed_title_response = cls(
            media=media,
            tier=tier,
        )

        feed_title_response.additional_properties = d
        return feed_title_response

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
