from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.source_state_name import SourceStateName
from ..types import UNSET, Unset

T = TypeVar("T", bound="SourceResponse")


@_attrs_define
class SourceResponse:
    """One provider's part of the answer.

    Attributes:
        provider (str): The provider.
        state (SourceStateName): Where a provider's part of the answer came from.
        age_seconds (int | None | Unset): How old its part is, in seconds.
        error (None | str | Unset): Why it failed now, if it did.
        fetched_at (datetime.datetime | None | Unset): When the provider answered.
    """

    provider: str
    state: SourceStateName
    age_seconds: int | None | Unset = UNSET
    error: None | str | Unset = UNSET
    fetched_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        provider = self.provider

        state = self.state.value

        age_seconds: int | None | Unset
        if isinstance(self.age_seconds, Unset):
            age_seconds = UNSET
        else:
            age_seconds = self.age_seconds

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        fetched_at: None | str | Unset
        if isinstance(self.fetched_at, Unset):
            fetched_at = UNSET
        elif isinstance(self.fetched_at, datetime.datetime):
            fetched_at = self.fetched_at.isoformat()
        else:
            fetched_at = self.fetched_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "provider": provider,
                "state": state,
            }
        )
        if age_seconds is not UNSET:
            field_dict["age_seconds"] = age_seconds
        if error is not UNSET:
            field_dict["error"] = error
        if fetched_at is not UNSET:
            field_dict["fetched_at"] = fetched_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        provider = d.pop("provider")

        state = SourceStateName(d.pop("state"))

        def _parse_age_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        age_seconds = _parse_age_seconds(d.pop("age_seconds", UNSET))

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_fetched_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fetched_at_type_0 = datetime.datetime.fromisoformat(data)

                return fetched_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        fetched_at = _parse_fetched_at(d.pop("fetched_at", UNSET))

        source_response = cls(
            provider=provider,
            state=state,
            age_seconds=age_seconds,
            error=error,
            fetched_at=fetched_at,
        )

        source_response.additional_properties = d
        return source_response

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
