from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.verb_name import VerbName

if TYPE_CHECKING:
    from ..models.feed_title_response import FeedTitleResponse
    from ..models.feed_user_response import FeedUserResponse


T = TypeVar("T", bound="FeedEntryResponse")


@_attrs_define
class FeedEntryResponse:
    """One entry: one action, or a run of one user's same action within a minute folded together.

    Attributes:
        actor (FeedUserResponse): A user as the feed names them.
        count (int): How many actions the entry folds. Example: 3.
        created_at (datetime.datetime): When the newest folded action happened.
        cursor (str): Pass as `cursor` to read what came before this entry.
        first_at (datetime.datetime): When the oldest folded action happened.
        id (int): The newest folded action's id.
        targets (list[FeedUserResponse]): For `followed`: the first three distinct users followed, newest first.
        titles (list[FeedTitleResponse]): The first three distinct titles involved, newest first (none for votes and
            follows).
        verb (VerbName): What a user did.
    """

    actor: FeedUserResponse
    count: int
    created_at: datetime.datetime
    cursor: str
    first_at: datetime.datetime
    id: int
    targets: list[FeedUserResponse]
    titles: list[FeedTitleResponse]
    verb: VerbName
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor = self.actor.to_dict()

        count = self.count

        created_at = self.created_at.isoformat()

        cursor = self.cursor

        first_at = self.first_at.isoformat()

        id = self.id

        targets = []
        for targets_item_data in self.targets:
            targets_item = targets_item_data.to_dict()
            targets.append(targets_item)

        titles = []
        for titles_item_data in self.titles:
            titles_item = titles_item_data.to_dict()
            titles.append(titles_item)

        verb = self.verb.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor": actor,
                "count": count,
                "created_at": created_at,
                "cursor": cursor,
                "first_at": first_at,
                "id": id,
                "targets": targets,
                "titles": titles,
                "verb": verb,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.feed_title_response import FeedTitleResponse  # noqa: PLC0415
        from ..models.feed_user_response import FeedUserResponse  # noqa: PLC0415

        d = dict(src_dict)
        actor = FeedUserResponse.from_dict(d.pop("actor"))

        count = d.pop("count")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        cursor = d.pop("cursor")

        first_at = datetime.datetime.fromisoformat(d.pop("first_at"))

        id = d.pop("id")

        targets = []
        _targets = d.pop("targets")
        for targets_item_data in _targets:
            targets_item = FeedUserResponse.from_dict(targets_item_data)

            targets.append(targets_item)

        titles = []
        _titles = d.pop("titles")
        for titles_item_data in _titles:
            titles_item = FeedTitleResponse.from_dict(titles_item_data)

            titles.append(titles_item)

        verb = VerbName(d.pop("verb"))

        feed_entry_response = cls(
            actor=actor,
            count=count,
            created_at=created_at,
            cursor=cursor,
            first_at=first_at,
            id=id,
            targets=targets,
            titles=titles,
            verb=verb,
        )

        feed_entry_response.additional_properties = d
        return feed_entry_response

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
