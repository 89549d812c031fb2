from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.top_4_set_response import Top4SetResponse


T = TypeVar("T", bound="MatchupResponse")


@_attrs_define
class MatchupResponse:
    """Two sets to compare.

    Attributes:
        a (Top4SetResponse): A top-4 set with its Elo rating.
        b (Top4SetResponse): A top-4 set with its Elo rating.
        created_at (datetime.datetime): When it was drawn.
        id (UUID): The matchup's id, to vote on.
    """

    a: Top4SetResponse
    b: Top4SetResponse
    created_at: datetime.datetime
    id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        a = self.a.to_dict()

        b = self.b.to_dict()

        created_at = self.created_at.isoformat()

        id = str(self.id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "a": a,
                "b": b,
                "created_at": created_at,
                "id": id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.top_4_set_response import Top4SetResponse  # noqa: PLC0415

        d = dict(src_dict)
        a = Top4SetResponse.from_dict(d.pop("a"))

        b = Top4SetResponse.from_dict(d.pop("b"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = UUID(d.pop("id"))

        matchup_response = cls(
            a=a,
            b=b,
            created_at=created_at,
            id=id,
        )

        matchup_response.additional_properties = d
        return matchup_response

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
