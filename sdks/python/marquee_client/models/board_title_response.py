from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ranked_media_response import RankedMediaResponse


T = TypeVar("T", bound="BoardTitleResponse")


@_attrs_define
class BoardTitleResponse:
    """A title's standing.

    Attributes:
        count (int): How many rankings in scope.
        mean (float): The raw mean derived score (0–10).
        media (RankedMediaResponse): The fields a list shows of a ranked title.
        score (float): The mean derived score shrunk toward the global mean: `(count · mean + m · global_mean) / (count
            + m)`.
    """

    count: int
    mean: float
    media: RankedMediaResponse
    score: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        mean = self.mean

        media = self.media.to_dict()

        score = self.score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "mean": mean,
                "media": media,
                "score": score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ranked_media_response import RankedMediaResponse  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        mean = d.pop("mean")

        media = RankedMediaResponse.from_dict(d.pop("media"))

        score = d.pop("score")

        board_title_response = cls(
            count=count,
            mean=mean,
            media=media,
            score=score,
        )

        board_title_response.additional_properties = d
        return board_title_response

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
