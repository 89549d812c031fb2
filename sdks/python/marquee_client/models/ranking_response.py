from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tier_name import TierName
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ranked_media_response import RankedMediaResponse


T = TypeVar("T", bound="RankingResponse")


@_attrs_define
class RankingResponse:
    """A title in the caller's list, with its position and derived score.

    Attributes:
        created_at (datetime.datetime): When it was placed.
        id (UUID): The ranking's id (used as `before` / `after` by other rankings).
        media (RankedMediaResponse): The fields a list shows of a ranked title.
        position (int): Its position in the tier, 1 = the tier's best.
        rank_key (str): The order key inside the tier (opaque; sorts like the list).
        score (float): The 0–10 score derived from tier and position, one decimal. Example: 9.5.
        tier (TierName): A tier, best first.
        tier_size (int): How many titles the tier holds.
        updated_at (datetime.datetime): When it last moved.
        stars (int | None | Unset): The quick rating it was given, if it came in that way (1 to 5).
    """

    created_at: datetime.datetime
    id: UUID
    media: RankedMediaResponse
    position: int
    rank_key: str
    score: float
    tier: TierName
    tier_size: int
    updated_at: datetime.datetime
    stars: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        id = str(self.id)

        media = self.media.to_dict()

        position = self.position

        rank_key = self.rank_key

        score = self.score

        tier = self.tier.value

        tier_size = self.tier_size

        updated_at = self.updated_at.isoformat()

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
                "id": id,
                "media": media,
                "position": position,
                "rank_key": rank_key,
                "score": score,
                "tier": tier,
                "tier_size": tier_size,
                "updated_at": updated_at,
            }
        )
        if stars is not UNSET:
            field_dict["stars"] = stars

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ranked_media_response import RankedMediaResponse  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = UUID(d.pop("id"))

        media = RankedMediaResponse.from_dict(d.pop("media"))

        position = d.pop("position")

        rank_key = d.pop("rank_key")

        score = d.pop("score")

        tier = TierName(d.pop("tier"))

        tier_size = d.pop("tier_size")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_stars(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        stars = _parse_stars(d.pop("stars", UNSET))

        ranking_response = cls(
            created_at=created_at,
            id=id,
            media=media,
            position=position,
            rank_key=rank_key,
            score=score,
            tier=tier,
            tier_size=tier_size,
            updated_at=updated_at,
            stars=stars,
        )

        ranking_response.additional_properties = d
        return ranking_response

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
