from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.import_source_name import ImportSourceName

if TYPE_CHECKING:
    from ..models.imported_row_response import ImportedRowResponse
    from ..models.skipped_row_response import SkippedRowResponse
    from ..models.watchlist_row_response import WatchlistRowResponse


T = TypeVar("T", bound="ImportReportResponse")


@_attrs_define
class ImportReportResponse:
    """What an import did.

    Attributes:
        comparisons_added (int): Comparisons added (Marquee exports only).
        created (list[ImportedRowResponse]): Rows for which a manual catalog entry was made (the caller's own, without
            the file's TMDb or IMDb id).
        entries_left (int): How many more catalog entries the caller may create today, by import or `POST /media` (the
            daily quota);
            rows that match nothing once it is used up are reported under `skipped`.
        matched (list[ImportedRowResponse]): Rows that matched a catalog item.
        partial (bool): Whether bad rows were skipped instead of refusing the import.
        placed (int): Titles added to the list.
        services_set (bool): Whether the streaming services were set (Marquee exports that carry them).
        skipped (list[SkippedRowResponse]): Rows left out, with reasons.
        source (ImportSourceName): Where an import came from.
        top4_set (bool): Whether the top 4 was set (Marquee exports that carry one).
        unchanged (int): Titles that were in the list already (importing the same file twice changes nothing).
        watchlist (list[WatchlistRowResponse]): Rows added to the watchlist (Goodreads' unrated `to-read` books); empty
            for other sources.
    """

    comparisons_added: int
    created: list[ImportedRowResponse]
    entries_left: int
    matched: list[ImportedRowResponse]
    partial: bool
    placed: int
    services_set: bool
    skipped: list[SkippedRowResponse]
    source: ImportSourceName
    top4_set: bool
    unchanged: int
    watchlist: list[WatchlistRowResponse]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        comparisons_added = self.comparisons_added

        created = []
        for created_item_data in self.created:
            created_item = created_item_data.to_dict()
            created.append(created_item)

        entries_left = self.entries_left

        matched = []
        for matched_item_data in self.matched:
            matched_item = matched_item_data.to_dict()
            matched.append(matched_item)

        partial = self.partial

        placed = self.placed

        services_set = self.services_set

        skipped = []
        for skipped_item_data in self.skipped:
            skipped_item = skipped_item_data.to_dict()
            skipped.append(skipped_item)

        source = self.source.value

        top4_set = self.top4_set

        unchanged = self.unchanged

        watchlist = []
        for watchlist_item_data in self.watchlist:
            watchlist_item = watchlist_item_data.to_dict()
            watchlist.append(watchlist_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "comparisons_added": comparisons_added,
                "created": created,
                "entries_left": entries_left,
                "matched": matched,
                "partial": partial,
                "placed": placed,
                "services_set": services_set,
                "skipped": skipped,
                "source": source,
                "top4_set": top4_set,
                "unchanged": unchanged,
                "watchlist": watchlist,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.imported_row_response import ImportedRowResponse  # noqa: PLC0415
        from ..models.skipped_row_response import SkippedRowResponse  # noqa: PLC0415
        from ..models.watchlist_row_response import WatchlistRowResponse  # noqa: PLC0415

        d = dict(src_dict)
        comparisons_added = d.pop("comparisons_added")

        created = []
        _created = d.pop("created")
        for created_item_data in _created:
            created_item = ImportedRowResponse.from_dict(created_item_data)

            created.append(created_item)

        entries_left = d.pop("entries_left")

        matched = []
        _matched = d.pop("matched")
        for matched_item_data in _matched:
            matched_item = ImportedRowResponse.from_dict(matched_item_data)

            matched.append(matched_item)

        partial = d.pop("partial")

        placed = d.pop("placed")

        services_set = d.pop("services_set")

        skipped = []
        _skipped = d.pop("skipped")
        for skipped_item_data in _skipped:
            skipped_item = SkippedRowResponse.from_dict(skipped_item_data)

            skipped.append(skipped_item)

        source = ImportSourceName(d.pop("source"))

        top4_set = d.pop("top4_set")

        unchanged = d.pop("unchanged")

        watchlist = []
        _watchlist = d.pop("watchlist")
        for watchlist_item_data in _watchlist:
            watchlist_item = WatchlistRowResponse.from_dict(watchlist_item_data)

            watchlist.append(watchlist_item)

        import_report_response = cls(
            comparisons_added=comparisons_added,
            created=created,
            entries_left=entries_left,
            matched=matched,
            partial=partial,
            placed=placed,
            services_set=services_set,
            skipped=skipped,
            source=source,
            top4_set=top4_set,
            unchanged=unchanged,
            watchlist=watchlist,
        )

        import_report_response.additional_properties = d
        return import_report_response

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
