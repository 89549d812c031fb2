from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.genre_gap_response import GenreGapResponse
    from ..models.shared_title_response import SharedTitleResponse


T = TypeVar("T", bound="CompatibilityResponse")


@_attrs_define
class CompatibilityResponse:
    """How compatible the caller's taste is with another user's.

    Attributes:
        agree_most (list[SharedTitleResponse]): Shared titles with the closest scores (at most three).
        disagree_most (list[SharedTitleResponse]): Shared titles with the furthest scores (at most three).
        genres_apart (list[GenreGapResponse]): Genres with the largest affinity gap (at most three).
        leaning_mine (float): How closely the caller's list follows the consensus chart (shrunk Kendall tau-b), −1 to 1.
        leaning_theirs (float): How closely the other user's list follows the consensus chart, −1 to 1.
        predicted_agreement (float): The Kendall tau-b the two are predicted to reach on titles both rank later: rank
            agreement on shared
            titles (trusted more as they grow), the product of the two leanings, and a weak profile-similarity prior.
        profile_similarity (float): Cosine similarity of the genre, decade and kind affinities, −1 to 1.
        score (int): 0–100: `50 + 100 × predicted_agreement`, clamped. 50 means no agreement is expected on titles
            neither has
            ranked yet; each point above is 0.01 of predicted Kendall tau-b. Example: 72.
        shared (int): Titles both ranked.
        user_id (UUID): The other user.
        tau_b (float | None | Unset): Kendall's tau-b over the shared titles' scores (null below two, or when one side
            is constant).
    """

    agree_most: list[SharedTitleResponse]
    disagree_most: list[SharedTitleResponse]
    genres_apart: list[GenreGapResponse]
    leaning_mine: float
    leaning_theirs: float
    predicted_agreement: float
    profile_similarity: float
    score: int
    shared: int
    user_id: UUID
    tau_b: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agree_most = []
        for agree_most_item_data in self.agree_most:
            agree_most_item = agree_most_item_data.to_dict()
            agree_most.append(agree_most_item)

        disagree_most = []
        for disagree_most_item_data in self.disagree_most:
            disagree_most_item = disagree_most_item_data.to_dict()
            disagree_most.append(disagree_most_item)

        genres_apart = []
        for genres_apart_item_data in self.genres_apart:
            genres_apart_item = genres_apart_item_data.to_dict()
            genres_apart.append(genres_apart_item)

        leaning_mine = self.leaning_mine

        leaning_theirs = self.leaning_theirs

        predicted_agreement = self.predicted_agreement

        profile_similarity = self.profile_similarity

        score = self.score

        shared = self.shared

        user_id = str(self.user_id)

        tau_b: float | None | Unset
        if isinstance(self.tau_b, Unset):
            tau_b = UNSET
        else:
            tau_b = self.tau_b

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agree_most": agree_most,
                "disagree_most": disagree_most,
                "genres_apart": genres_apart,
                "leaning_mine": leaning_mine,
                "leaning_theirs": leaning_theirs,
                "predicted_agreement": predicted_agreement,
                "profile_similarity": profile_similarity,
                "score": score,
                "shared": shared,
                "user_id": user_id,
            }
        )
        if tau_b is not UNSET:
            field_dict["tau_b"] = tau_b

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.genre_gap_response import GenreGapResponse  # noqa: PLC0415
        from ..models.shared_title_response import SharedTitleResponse  # noqa: PLC0415

        d = dict(src_dict)
        agree_most = []
        _agree_most = d.pop("agree_most")
        for agree_most_item_data in _agree_most:
            agree_most_item = SharedTitleResponse.from_dict(agree_most_item_data)

            agree_most.append(agree_most_item)

        disagree_most = []
        _disagree_most = d.pop("disagree_most")
        for disagree_most_item_data in _disagree_most:
            disagree_most_item = SharedTitleResponse.from_dict(disagree_most_item_data)

            disagree_most.append(disagree_most_item)

        genres_apart = []
        _genres_apart = d.pop("genres_apart")
        for genres_apart_item_data in _genres_apart:
            genres_apart_item = GenreGapResponse.from_dict(genres_apart_item_data)

            genres_apart.append(genres_apart_item)

        leaning_mine = d.pop("leaning_mine")

        leaning_theirs = d.pop("leaning_theirs")

        predicted_agreement = d.pop("predicted_agreement")

        profile_similarity = d.pop("profile_similarity")

        score = d.pop("score")

        shared = d.pop("shared")

        user_id = UUID(d.pop("user_id"))

        def _parse_tau_b(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        tau_b = _parse_tau_b(d.pop("tau_b", UNSET))

        compatibility_response = cls(
            agree_most=agree_most,
            disagree_most=disagree_most,
            genres_apart=genres_apart,
            leaning_mine=leaning_mine,
            leaning_theirs=leaning_theirs,
            predicted_agreement=predicted_agreement,
            profile_similarity=profile_similarity,
            score=score,
            shared=shared,
            user_id=user_id,
            tau_b=tau_b,
        )

        compatibility_response.additional_properties = d
        return compatibility_response

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
