from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GenreGapResponse")


@_attrs_define
class GenreGapResponse:
    """A genre on which the two profiles differ.

    Attributes:
        genre (str): The genre.
        mine (float): The caller's affinity.
        theirs (float): The other user's affinity.
    """

    genre: str
    mine: float
    theirs: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        genre = self.genre

        mine = self.mine

        theirs = self.theirs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "genre": genre,
                "mine": mine,
                "theirs": theirs,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        genre = d.pop("genre")

        mine = d.pop("mine")

        theirs = d.pop("theirs")

        genre_gap_response = cls(
            genre=genre,
            mine=mine,
            theirs=theirs,
        )

        genre_gap_response.additional_properties = d
        return genre_gap_response

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
