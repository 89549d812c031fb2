from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Top4Request")


@_attrs_define
class Top4Request:
    """Your four favourite titles.

    Example:
        {'media_ids': ['0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f1', '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f2',
            '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f3', '0192f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f4']}

    Attributes:
        media_ids (list[UUID]): Exactly four distinct catalog item ids, favourite first.
    """

    media_ids: list[UUID]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        media_ids = []
        for media_ids_item_data in self.media_ids:
            media_ids_item = str(media_ids_item_data)
            media_ids.append(media_ids_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "media_ids": media_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        media_ids = []
        _media_ids = d.pop("media_ids")
        for media_ids_item_data in _media_ids:
            media_ids_item = UUID(media_ids_item_data)

            media_ids.append(media_ids_item)

        top_4_request = cls(
            media_ids=media_ids,
        )

        top_4_request.additional_properties = d
        return top_4_request

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
