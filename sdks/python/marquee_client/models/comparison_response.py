from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ComparisonResponse")


@_attrs_define
class ComparisonResponse:
    """One answer the caller gave.

    Attributes:
        context (str): Where it was asked: `placement`, …
        created_at (datetime.datetime): When it was answered.
        id (UUID): Its id.
        loser_id (UUID): The other catalog item.
        tie (bool): Too close to call.
        winner_id (UUID): The catalog item liked more (for a tie: the title that was being placed).
        session_id (None | Unset | UUID): The placement session that asked, if any.
    """

    context: str
    created_at: datetime.datetime
    id: UUID
    loser_id: UUID
    tie: bool
    winner_id: UUID
    session_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        context = self.context

        created_at = self.created_at.isoformat()

        id = str(self.id)

        loser_id = str(self.loser_id)

        tie = self.tie

        winner_id = str(self.winner_id)

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        elif isinstance(self.session_id, UUID):
            session_id = str(self.session_id)
        else:
            session_id = self.session_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "context": context,
                "created_at": created_at,
                "id": id,
                "loser_id": loser_id,
                "tie": tie,
                "winner_id": winner_id,
            }
        )
        if session_id is not UNSET:
            field_dict["session_id"] = session_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        context = d.pop("context")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = UUID(d.pop("id"))

        loser_id = UUID(d.pop("loser_id"))

        tie = d.pop("tie")

        winner_id = UUID(d.pop("winner_id"))

        def _parse_session_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                session_id_type_0 = UUID(data)

                return session_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))

        comparison_response = cls(
            context=context,
            created_at=created_at,
            id=id,
            loser_id=loser_id,
            tie=tie,
            winner_id=winner_id,
            session_id=session_id,
        )

        comparison_response.additional_properties = d
        return comparison_response

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
