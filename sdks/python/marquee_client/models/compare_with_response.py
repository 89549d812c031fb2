from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ranked_media_response import RankedMediaResponse


T = TypeVar("T", bound="CompareWithResponse")


@_attrs_define
class CompareWithResponse:
    """The title a question compares against.

    Attributes:
        media (RankedMediaResponse): The fields a list shows of a ranked title.
        ranking_id (UUID): Its ranking in the caller's list.
    """

    media: RankedMediaResponse
    ranking_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        media = self.media.to_dict()

        ranking_id = str(self.ranking_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "media": media,
                "ranking_id": ranking_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ranked_media_response import RankedMediaResponse  # noqa: PLC0415

        d = dict(src_dict)
        media = RankedMediaResponse.from_dict(d.pop("media"))

        ranking_id = UUID(d.pop("ranking_id"))

        compare_with_response = cls(
            media=media,
            ranking_id=ranking_id,
        )

        compare_with_response.additional_properties = d
        return compare_with_response

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
