from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.affinity_response import AffinityResponse
    from ..models.ranked_media_response import RankedMediaResponse


T = TypeVar("T", bound="TasteResponse")


@_attrs_define
class TasteResponse:
    """A user's taste profile, derived from their tier list.

    Attributes:
        count (int): Ranked titles.
        decades (list[AffinityResponse]): Per decade of release.
        defining (list[RankedMediaResponse]): The titles that define it: the highest scored (at most five).
        genres (list[AffinityResponse]): Per genre, strongest affinity first.
        kinds (list[AffinityResponse]): Per kind.
        mean_score (float): Mean derived score.
        user_id (UUID): Whose profile.
    """

    count: int
    decades: list[AffinityResponse]
    defining: list[RankedMediaResponse]
    genres: list[AffinityResponse]
    kinds: list[AffinityResponse]
    mean_score: float
    user_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        decades = []
        for decades_item_data in self.decades:
            decades_item = decades_item_data.to_dict()
            decades.append(decades_item)

        defining = []
        for defining_item_data in self.defining:
            defining_item = defining_item_data.to_dict()
            defining.append(defining_item)

        genres = []
        for genres_item_data in self.genres:
            genres_item = genres_item_data.to_dict()
            genres.append(genres_item)

        kinds = []
        for kinds_item_data in self.kinds:
            kinds_item = kinds_item_data.to_dict()
            kinds.append(kinds_item)

        mean_score = self.mean_score

        user_id = str(self.user_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "decades": decades,
                "defining": defining,
                "genres": genres,
                "kinds": kinds,
                "mean_score": mean_score,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.affinity_response import AffinityResponse  # noqa: PLC0415
        from ..models.ranked_media_response import RankedMediaResponse  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        decades = []
        _decades = d.pop("decades")
        for decades_item_data in _decades:
            decades_item = AffinityResponse.from_dict(decades_item_data)

            decades.append(decades_item)

        defining = []
        _defining = d.pop("defining")
        for defining_item_data in _defining:
            defining_item = RankedMediaResponse.from_dict(defining_item_data)

            defining.append(defining_item)

        genres = []
        _genres = d.pop("genres")
        for genres_item_data in _genres:
            genres_item = AffinityResponse.from_dict(genres_item_data)

            genres.append(genres_item)

        kinds = []
        _kinds = d.pop("kinds")
        for kinds_item_data in _kinds:
            kinds_item = AffinityResponse.from_dict(kinds_item_data)

            kinds.append(kinds_item)

        mean_score = d.pop("mean_score")

        user_id = UUID(d.pop("user_id"))

        taste_response = cls(
            count=count,
            decades=decades,
            defining=defining,
            genres=genres,
            kinds=kinds,
            mean_score=mean_score,
            user_id=user_id,
        )

        taste_response.additional_properties = d
        return taste_response

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
