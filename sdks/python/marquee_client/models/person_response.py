from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.visibility_name import VisibilityName

T = TypeVar("T", bound="PersonResponse")


@_attrs_define
class PersonResponse:
    """A user found by name.

    Attributes:
        display_name (str): Their display name.
        user_id (UUID): The user's id.
        visibility (VisibilityName): Who may read a profile's list, taste, follows and activity.
    """

    display_name: str
    user_id: UUID
    visibility: VisibilityName
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        display_name = self.display_name

        user_id = str(self.user_id)

        visibility = self.visibility.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "display_name": display_name,
                "user_id": user_id,
                "visibility": visibility,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        display_name = d.pop("display_name")

        user_id = UUID(d.pop("user_id"))

        visibility = VisibilityName(d.pop("visibility"))

        person_response = cls(
            display_name=display_name,
            user_id=user_id,
            visibility=visibility,
        )

        person_response.additional_properties = d
        return person_response

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
