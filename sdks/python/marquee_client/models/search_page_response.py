from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.remote_search_response import RemoteSearchResponse
    from ..models.search_hit_response import SearchHitResponse


T = TypeVar("T", bound="SearchPageResponse")


@_attrs_define
class SearchPageResponse:
    """One page of search hits, best first.

    Attributes:
        items (list[SearchHitResponse]): The hits of this page.
        limit (int): The page size asked for.
        offset (int): How many hits were skipped.
        remote (RemoteSearchResponse): What the remote catalog did for a search.
        remote_skipped (bool): True when the remote catalog was wanted (fewer local hits than asked) but skipped: not
            configured, down,
            slow or rate limited. The hits are the local ones then.
        total (int): How many items match in all.
    """

    items: list[SearchHitResponse]
    limit: int
    offset: int
    remote: RemoteSearchResponse
    remote_skipped: bool
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        limit = self.limit

        offset = self.offset

        remote = self.remote.to_dict()

        remote_skipped = self.remote_skipped

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "limit": limit,
                "offset": offset,
                "remote": remote,
                "remote_skipped": remote_skipped,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.remote_search_response import RemoteSearchResponse  # noqa: PLC0415
        from ..models.search_hit_response import SearchHitResponse  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = SearchHitResponse.from_dict(items_item_data)

            items.append(items_item)

        limit = d.pop("limit")

        offset = d.pop("offset")

        remote = RemoteSearchResponse.from_dict(d.pop("remote"))

        remote_skipped = d.pop("remote_skipped")

        total = d.pop("total")

        search_page_response = cls(
            items=items,
            limit=limit,
            offset=offset,
            remote=remote,
            remote_skipped=remote_skipped,
            total=total,
        )

        search_page_response.additional_properties = d
        return search_page_response

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
