from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.interaction_kind_name import InteractionKindName

T = TypeVar("T", bound="InteractionRequest")


@_attrs_define
class InteractionRequest:
    """An interaction to record.

    Attributes:
        kind (InteractionKindName): An interaction's kind.
        media_id (UUID): The title.
    """

    kind: InteractionKindName
    media_id: UUID

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        media_id = str(self.media_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "media_id": media_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = InteractionKindName(d.pop("kind"))

        media_id = UUID(d.pop("media_id"))

        interaction_request = cls(
            kind=kind,
            media_id=media_id,
        )

        return interaction_request
