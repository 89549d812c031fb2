from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tier_name import TierName
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exported_title_schema import ExportedTitleSchema


T = TypeVar("T", bound="ExportedRankingSchema")


@_attrs_define
class ExportedRankingSchema:
    """One ranked title of an export.

    Attributes:
        created_at (datetime.datetime): When it was placed.
        media (ExportedTitleSchema): A title as an export names it.
        position (int): Its position in the tier, 1 = best.
        tier (TierName): A tier, best first.
        stars (int | None | Unset): Its stars, 1 to 5.
    """

    created_at: datetime.datetime
    media: ExportedTitleSchema
    position: int
    tier: TierName
    stars: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        media = self.media.to_dict()

        position = self.position

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
                "created_at": created_at,
                "media": media,
                "position": position,
                "tier": tier,
            }
        )
        if stars is not UNSET:
            field_dict["stars"] = stars

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exported_title_schema import ExportedTitleSchema  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        media = ExportedTitleSchema.from_dict(d.pop("media"))

        position = d.pop("position")

        tier = TierName(d.pop("tier"))

        def _parse_stars(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        stars = _parse_stars(d.pop("stars", UNSET))

        exported_ranking_schema = cls(
            created_at=created_at,
            media=media,
            position=position,
            tier=tier,
            stars=stars,
        )

        exported_ranking_schema.additional_properties = d
        return exported_ranking_schema

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
