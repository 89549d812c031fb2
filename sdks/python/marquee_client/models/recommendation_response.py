from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ranked_media_response import RankedMediaResponse
    from ..models.reason_response import ReasonResponse


T = TypeVar("T", bound="RecommendationResponse")


@_attrs_define
class RecommendationResponse:
    """One recommended title.

    Attributes:
        media (RankedMediaResponse): The fields a list shows of a ranked title.
        reasons (list[ReasonResponse]): The strategy's reason first, then, when people the caller follows rank it A or
            higher, theirs.
        score (float): The strategy's score, higher is better; comparable within one answer only.
    """

    media: RankedMediaResponse
    reasons: list[ReasonResponse]
    score: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        media = self.media.to_dict()

        reasons = []
        for reasons_item_data in self.reasons:
            reasons_item = reasons_item_data.to_dict()
            reasons.append(reasons_item)

        score = self.score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "media": media,
                "reasons": reasons,
                "score": score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ranked_media_response import RankedMediaResponse  # noqa: PLC0415
        from ..models.reason_response import ReasonResponse  # noqa: PLC0415

        d = dict(src_dict)
        media = RankedMediaResponse.from_dict(d.pop("media"))

        reasons = []
        _reasons = d.pop("reasons")
        for reasons_item_data in _reasons:
            reasons_item = ReasonResponse.from_dict(reasons_item_data)

            reasons.append(reasons_item)

        score = d.pop("score")

        recommendation_response = cls(
            media=media,
            reasons=reasons,
            score=score,
        )

        recommendation_response.additional_properties = d
        return recommendation_response

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
