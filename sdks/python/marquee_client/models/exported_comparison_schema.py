from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.exported_title_schema import ExportedTitleSchema


T = TypeVar("T", bound="ExportedComparisonSchema")


@_attrs_define
class ExportedComparisonSchema:
    """One comparison of an export.

    Attributes:
        context (str): Where it came from (`placement`, `matchup`, …).
        created_at (datetime.datetime): When it was given.
        loser (ExportedTitleSchema): A title as an export names it.
        tie (bool): Whether it was a tie.
        winner (ExportedTitleSchema): A title as an export names it.
    """

    context: str
    created_at: datetime.datetime
    loser: ExportedTitleSchema
    tie: bool
    winner: ExportedTitleSchema
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        context = self.context

        created_at = self.created_at.isoformat()

        loser = self.loser.to_dict()

        tie = self.tie

        winner = self.winner.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "context": context,
                "created_at": created_at,
                "loser": loser,
                "tie": tie,
                "winner": winner,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exported_title_schema import ExportedTitleSchema  # noqa: PLC0415

        d = dict(src_dict)
        context = d.pop("context")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        loser = ExportedTitleSchema.from_dict(d.pop("loser"))

        tie = d.pop("tie")

        winner = ExportedTitleSchema.from_dict(d.pop("winner"))

        exported_comparison_schema = cls(
            context=context,
            created_at=created_at,
            loser=loser,
            tie=tie,
            winner=winner,
        )

        exported_comparison_schema.additional_properties = d
        return exported_comparison_schema

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
