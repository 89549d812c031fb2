from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.side_name import SideName

if TYPE_CHECKING:
    from ..models.rating_change_response import RatingChangeResponse


T = TypeVar("T", bound="VoteResponse")


@_attrs_define
class VoteResponse:
    """A recorded vote.

    Attributes:
        loser_set (RatingChangeResponse): A set's rating around a vote.
        matchup_id (UUID): The matchup.
        winner (SideName): Which side won.
        winner_set (RatingChangeResponse): A set's rating around a vote.
    """

    loser_set: RatingChangeResponse
    matchup_id: UUID
    winner: SideName
    winner_set: RatingChangeResponse
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        loser_set = self.loser_set.to_dict()

        matchup_id = str(self.matchup_id)

        winner = self.winner.value

        winner_set = self.winner_set.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "loser_set": loser_set,
                "matchup_id": matchup_id,
                "winner": winner,
                "winner_set": winner_set,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rating_change_response import RatingChangeResponse  # noqa: PLC0415

        d = dict(src_dict)
        loser_set = RatingChangeResponse.from_dict(d.pop("loser_set"))

        matchup_id = UUID(d.pop("matchup_id"))

        winner = SideName(d.pop("winner"))

        winner_set = RatingChangeResponse.from_dict(d.pop("winner_set"))

        vote_response = cls(
            loser_set=loser_set,
            matchup_id=matchup_id,
            winner=winner,
            winner_set=winner_set,
        )

        vote_response.additional_properties = d
        return vote_response

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
