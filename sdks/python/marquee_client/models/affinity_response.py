from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AffinityResponse")


@_attrs_define
class AffinityResponse:
    """How strongly a profile leans toward one genre, decade or kind.

    Attributes:
        affinity (float): The score-weighted lean, −1 to +1, shrunk toward 0 for rare attributes.
        count (int): How many ranked titles have it.
        key (str): The genre, the decade (`1990s`) or the kind.
        mean_score (float): Their mean derived score (0–10).
    """

    affinity: float
    count: int
    key: str
    mean_score: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        affinity = self.affinity

        count = self.count

        key = self.key

        mean_score = self.mean_score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "affinity": affinity,
                "count": count,
                "key": key,
                "mean_score": mean_score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        affinity = d.pop("affinity")

        count = d.pop("count")

        key = d.pop("key")

        mean_score = d.pop("mean_score")

        affinity_response = cls(
            affinity=affinity,
            count=count,
            key=key,
            mean_score=mean_score,
        )

        affinity_response.additional_properties = d
        return affinity_response

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
