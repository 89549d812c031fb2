from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.remote_status_name import RemoteStatusName
from ..types import UNSET, Unset

T = TypeVar("T", bound="RemoteSearchResponse")


@_attrs_define
class RemoteSearchResponse:
    """What the remote catalog did for a search.

    Attributes:
        status (RemoteStatusName): The remote part's outcome.
        reason (None | str | Unset): Why it was skipped.
        titles (int | None | Unset): Titles the remote catalog answered, when it was asked.
    """

    status: RemoteStatusName
    reason: None | str | Unset = UNSET
    titles: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        titles: int | None | Unset
        if isinstance(self.titles, Unset):
            titles = UNSET
        else:
            titles = self.titles

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason
        if titles is not UNSET:
            field_dict["titles"] = titles

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = RemoteStatusName(d.pop("status"))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_titles(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        titles = _parse_titles(d.pop("titles", UNSET))

        remote_search_response = cls(
            status=status,
            reason=reason,
            titles=titles,
        )

        remote_search_response.additional_properties = d
        return remote_search_response

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
