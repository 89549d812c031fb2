from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.placement_status import PlacementStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.compare_with_response import CompareWithResponse
    from ..models.ranking_response import RankingResponse


T = TypeVar("T", bound="PlacementResponse")


@_attrs_define
class PlacementResponse:
    """A placement session after a step: a question (`comparing`) or the new ranking (`placed`).

    Attributes:
        session_id (UUID): The session's id.
        status (PlacementStatus): Where a session stands.
        answered (int | None | Unset): Comparing: questions answered so far.
        compare_with (CompareWithResponse | None | Unset):
        expires_at (datetime.datetime | None | Unset): Comparing: the session expires at this time unless answered (each
            answer extends it).
        questions_left (int | None | Unset): Comparing: at most this many questions remain, this one included.
        ranking (None | RankingResponse | Unset):
    """

    session_id: UUID
    status: PlacementStatus
    answered: int | None | Unset = UNSET
    compare_with: CompareWithResponse | None | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    questions_left: int | None | Unset = UNSET
    ranking: None | RankingResponse | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.compare_with_response import CompareWithResponse  # noqa: PLC0415
        from ..models.ranking_response import RankingResponse  # noqa: PLC0415

        session_id = str(self.session_id)

        status = self.status.value

        answered: int | None | Unset
        if isinstance(self.answered, Unset):
            answered = UNSET
        else:
            answered = self.answered

        compare_with: dict[str, Any] | None | Unset
        if isinstance(self.compare_with, Unset):
            compare_with = UNSET
        elif isinstance(self.compare_with, CompareWithResponse):
            compare_with = self.compare_with.to_dict()
        else:
            compare_with = self.compare_with

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        questions_left: int | None | Unset
        if isinstance(self.questions_left, Unset):
            questions_left = UNSET
        else:
            questions_left = self.questions_left

        ranking: dict[str, Any] | None | Unset
        if isinstance(self.ranking, Unset):
            ranking = UNSET
        elif isinstance(self.ranking, RankingResponse):
            ranking = self.ranking.to_dict()
        else:
            ranking = self.ranking

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "session_id": session_id,
                "status": status,
            }
        )
        if answered is not UNSET:
            field_dict["answered"] = answered
        if compare_with is not UNSET:
            field_dict["compare_with"] = compare_with
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if questions_left is not UNSET:
            field_dict["questions_left"] = questions_left
        if ranking is not UNSET:
            field_dict["ranking"] = ranking

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.compare_with_response import CompareWithResponse  # noqa: PLC0415
        from ..models.ranking_response import RankingResponse  # noqa: PLC0415

        d = dict(src_dict)
        session_id = UUID(d.pop("session_id"))

        status = PlacementStatus(d.pop("status"))

        def _parse_answered(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        answered = _parse_answered(d.pop("answered", UNSET))

        def _parse_compare_with(data: object) -> CompareWithResponse | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                compare_with_type_0 = CompareWithResponse.from_dict(data)

                return compare_with_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CompareWithResponse | None | Unset, data)

        compare_with = _parse_compare_with(d.pop("compare_with", UNSET))

        def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        def _parse_questions_left(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        questions_left = _parse_questions_left(d.pop("questions_left", UNSET))

        def _parse_ranking(data: object) -> None | RankingResponse | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                ranking_type_0 = RankingResponse.from_dict(data)

                return ranking_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RankingResponse | Unset, data)

        ranking = _parse_ranking(d.pop("ranking", UNSET))

        placement_response = cls(
            session_id=session_id,
            status=status,
            answered=answered,
            compare_with=compare_with,
            expires_at=expires_at,
            questions_left=questions_left,
            ranking=ranking,
        )

        placement_response.additional_properties = d
        return placement_response

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
