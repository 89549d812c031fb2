from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.reason_code import ReasonCode
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReasonResponse")


@_attrs_define
class ReasonResponse:
    """Why a title is recommended.

    Attributes:
        code (ReasonCode): The kinds of reason (the domain names them as strings; this lists them for the document).
        text (str): The sentence to show. Example: Because you put Arrival in S.
        count (int | None | Unset): The number of people the reason counts.
        media_id (None | Unset | UUID): The caller's title the reason refers to.
    """

    code: ReasonCode
    text: str
    count: int | None | Unset = UNSET
    media_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        text = self.text

        count: int | None | Unset
        if isinstance(self.count, Unset):
            count = UNSET
        else:
            count = self.count

        media_id: None | str | Unset
        if isinstance(self.media_id, Unset):
            media_id = UNSET
        elif isinstance(self.media_id, UUID):
            media_id = str(self.media_id)
        else:
            media_id = self.media_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "text": text,
            }
        )
        if count is not UNSET:
            field_dict["count"] = count
        if media_id is not UNSET:
            field_dict["media_id"] = media_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = ReasonCode(d.pop("code"))

        text = d.pop("text")

        def _parse_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        count = _parse_count(d.pop("count", UNSET))

        def _parse_media_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                media_id_type_0 = UUID(data)

                return media_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        media_id = _parse_media_id(d.pop("media_id", UNSET))

        reason_response = cls(
            code=code,
            text=text,
            count=count,
            media_id=media_id,
        )

        reason_response.additional_properties = d
        return reason_response

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
