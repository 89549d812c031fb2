from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RatingChangeResponse")


@_attrs_define
class RatingChangeResponse:
    """A set's rating around a vote.

    Attributes:
        rating_after (float): Its rating after.
        rating_before (float): Its rating before the vote.
        set_id (UUID): The set.
    """

    rating_after: float
    rating_before: float
    set_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rating_after = self.rating_after

        rating_before = self.rating_before

        set_id = str(self.set_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rating_after": rating_after,
                "rating_before": rating_before,
                "set_id": set_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rating_after = d.pop("rating_after")

        rating_before = d.pop("rating_before")

        set_id = UUID(d.pop("set_id"))

        rating_change_response = cls(
            rating_after=rating_after,
            rating_before=rating_before,
            set_id=set_id,
        )

        rating_change_response.additional_properties = d
        return rating_change_response

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
