from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.owner_response import OwnerResponse
    from ..models.ranked_media_response import RankedMediaResponse


T = TypeVar("T", bound="Top4SetResponse")


@_attrs_define
class Top4SetResponse:
    """A top-4 set with its Elo rating.

    Attributes:
        created_at (datetime.datetime): When these four titles were first set.
        id (UUID): The set's id; a new one whenever its titles change.
        losses (int): Votes lost.
        media (list[RankedMediaResponse]): The four titles, in the owner's order.
        owner (OwnerResponse): A set's owner.
        rating (float): The Elo rating (1500 to start). Example: 1516.0.
        updated_at (datetime.datetime): When the set last changed (order or rating).
        wins (int): Votes won.
    """

    created_at: datetime.datetime
    id: UUID
    losses: int
    media: list[RankedMediaResponse]
    owner: OwnerResponse
    rating: float
    updated_at: datetime.datetime
    wins: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        id = str(self.id)

        losses = self.losses

        media = []
        for media_item_data in self.media:
            media_item = media_item_data.to_dict()
            media.append(media_item)

        owner = self.owner.to_dict()

        rating = self.rating

        updated_at = self.updated_at.isoformat()

        wins = self.wins

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "id": id,
                "losses": losses,
                "media": media,
                "owner": owner,
                "rating": rating,
                "updated_at": updated_at,
                "wins": wins,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.owner_response import OwnerResponse  # noqa: PLC0415
        from ..models.ranked_media_response import RankedMediaResponse  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = UUID(d.pop("id"))

        losses = d.pop("losses")

        media = []
        _media = d.pop("media")
        for media_item_data in _media:
            media_item = RankedMediaResponse.from_dict(media_item_data)

            media.append(media_item)

        owner = OwnerResponse.from_dict(d.pop("owner"))

        rating = d.pop("rating")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        wins = d.pop("wins")

        top_4_set_response = cls(
            created_at=created_at,
            id=id,
            losses=losses,
            media=media,
            owner=owner,
            rating=rating,
            updated_at=updated_at,
            wins=wins,
        )

        top_4_set_response.additional_properties = d
        return top_4_set_response

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
