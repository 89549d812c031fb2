from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ranked_media_response import RankedMediaResponse


T = TypeVar("T", bound="ChartEntryResponse")


@_attrs_define
class ChartEntryResponse:
    """A title's place in the chart.

    Attributes:
        comparisons (int): How many outcomes (direct answers and pairs implied by lists) involve the title.
        fitted_at (datetime.datetime): When the chart was fitted.
        media (RankedMediaResponse): The fields a list shows of a ranked title.
        rank (int): 1 = the strongest title the filter keeps.
        strength (float): The centred log-strength: 0 is the average title; `a − b = ln 2` means `a` is preferred 2
            times in 3. Example: 0.69.
        uncertainty (float): The standard error of `strength`. Example: 0.21.
    """

    comparisons: int
    fitted_at: datetime.datetime
    media: RankedMediaResponse
    rank: int
    strength: float
    uncertainty: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        comparisons = self.comparisons

        fitted_at = self.fitted_at.isoformat()

        media = self.media.to_dict()

        rank = self.rank

        strength = self.strength

        uncertainty = self.uncertainty

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "comparisons": comparisons,
                "fitted_at": fitted_at,
                "media": media,
                "rank": rank,
                "strength": strength,
                "uncertainty": uncertainty,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ranked_media_response import RankedMediaResponse  # noqa: PLC0415

        d = dict(src_dict)
        comparisons = d.pop("comparisons")

        fitted_at = datetime.datetime.fromisoformat(d.pop("fitted_at"))

        media = RankedMediaResponse.from_dict(d.pop("media"))

        rank = d.pop("rank")

        strength = d.pop("strength")

        uncertainty = d.pop("uncertainty")

        chart_entry_response = cls(
            comparisons=comparisons,
            fitted_at=fitted_at,
            media=media,
            rank=rank,
            strength=strength,
            uncertainty=uncertainty,
        )

        chart_entry_response.additional_properties = d
        return chart_entry_response

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
