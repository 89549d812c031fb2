from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.board_ranker_response import BoardRankerResponse
    from ..models.board_title_response import BoardTitleResponse


T = TypeVar("T", bound="BoardResponse")


@_attrs_define
class BoardResponse:
    """The best titles and the most active rankers.

    Attributes:
        prior_weight (float): The shrinkage's prior weight `m`. Example: 5.0.
        rankers (list[BoardRankerResponse]): Most rankings first (then by id); only profiles the caller may see.
        titles (list[BoardTitleResponse]): Best first: by `score`, then `count`, then id.
        global_mean (float | None | Unset): The mean of every derived score in scope (null when nothing is).
    """

    prior_weight: float
    rankers: list[BoardRankerResponse]
    titles: list[BoardTitleResponse]
    global_mean: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prior_weight = self.prior_weight

        rankers = []
        for rankers_item_data in self.rankers:
            rankers_item = rankers_item_data.to_dict()
            rankers.append(rankers_item)

        titles = []
        for titles_item_data in self.titles:
            titles_item = titles_item_data.to_dict()
            titles.append(titles_item)

        global_mean: float | None | Unset
        if isinstance(self.global_mean, Unset):
            global_mean = UNSET
        else:
            global_mean = self.global_mean

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prior_weight": prior_weight,
                "rankers": rankers,
                "titles": titles,
            }
        )
        if global_mean is not UNSET:
            field_dict["global_mean"] = global_mean

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.board_ranker_response import BoardRankerResponse  # noqa: PLC0415
        from ..models.board_title_response import BoardTitleResponse  # noqa: PLC0415

        d = dict(src_dict)
        prior_weight = d.pop("prior_weight")

        rankers = []
        _rankers = d.pop("rankers")
        for rankers_item_data in _rankers:
            rankers_item = BoardRankerResponse.from_dict(rankers_item_data)

            rankers.append(rankers_item)

        titles = []
        _titles = d.pop("titles")
        for titles_item_data in _titles:
            titles_item = BoardTitleResponse.from_dict(titles_item_data)

            titles.append(titles_item)

        def _parse_global_mean(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        global_mean = _parse_global_mean(d.pop("global_mean", UNSET))

        board_response = cls(
            prior_weight=prior_weight,
            rankers=rankers,
            titles=titles,
            global_mean=global_mean,
        )

        board_response.additional_properties = d
        return board_response

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
