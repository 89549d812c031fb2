from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.follow_state_name import FollowStateName

T = TypeVar("T", bound="FollowItemResponse")


@_attrs_define
class FollowItemResponse:
    """One user of a followers or following list.

    Attributes:
        display_name (str): Their display name.
        since (datetime.datetime): When the follow was asked for.
        state (FollowStateName): Where a follow stands.
        user_id (UUID): The user's id.
    """

    display_name: str
    since: datetime.datetime
    state: FollowStateName
    user_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        display_name = self.display_name

        since = self.since.isoformat()

        state = self.state.value

        user_id = str(self.user_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "display_name": display_name,
                "since": since,
                "state": state,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        display_name = d.pop("display_name")

        since = datetime.datetime.fromisoformat(d.pop("since"))

        state = FollowStateName(d.pop("state"))

        user_id = UUID(d.pop("user_id"))

        follow_item_response = cls(
            display_name=display_name,
            since=since,
            state=state,
            user_id=user_id,
        )

        follow_item_response.additional_properties = d
        return follow_item_response

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
