from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ranked_media_response import RankedMediaResponse


T = TypeVar("T", bound="SharedTitleResponse")


@_attrs_define
class SharedTitleResponse:
    """A title both users ranked.

    Attributes:
        media (RankedMediaResponse): The fields a list shows of a ranked title.
        mine (float): The caller's derived score.
        theirs (float): The other user's derived score.
    """

    media: RankedMediaResponse
    mine: float
    theirs: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        media = self.media.to_dict()

        mine = self.mine

        theirs = self.theirs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "media": media,
                "mine": mine,
                "theirs": theirs,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ranked_media_response import RankedMediaResponse  # noqa: PLC0415

        d = dict(src_dict)
        media = RankedMediaResponse.from_dict(d.pop("media"))

        mine = d.pop("mine")

        theirs = d.pop("theirs")

        shared_title_response = cls(
            media=media,
            mine=mine,
            theirs=theirs,
        )

        shared_title_response.additional_properties = d
        return shared_title_response

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
