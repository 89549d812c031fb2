from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.offer_response import OfferResponse
    from ..models.source_response import SourceResponse


T = TypeVar("T", bound="AvailabilityResponse")


@_attrs_define
class AvailabilityResponse:
    """Where a title can be watched.

    Attributes:
        attributions (list[str]): Credits the providers' terms require next to their data (JustWatch for TMDb's).
        media_id (UUID): The title.
        offers (list[OfferResponse]): The offers, merged across providers.
        region (str): The region.
        sources (list[SourceResponse]): Each provider's part.
        note (None | str | Unset): Why the answer is partial or empty, when there is a known reason.
    """

    attributions: list[str]
    media_id: UUID
    offers: list[OfferResponse]
    region: str
    sources: list[SourceResponse]
    note: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attributions = self.attributions

        media_id = str(self.media_id)

        offers = []
        for offers_item_data in self.offers:
            offers_item = offers_item_data.to_dict()
            offers.append(offers_item)

        region = self.region

        sources = []
        for sources_item_data in self.sources:
            sources_item = sources_item_data.to_dict()
            sources.append(sources_item)

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attributions": attributions,
                "media_id": media_id,
                "offers": offers,
                "region": region,
                "sources": sources,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.offer_response import OfferResponse  # noqa: PLC0415
        from ..models.source_response import SourceResponse  # noqa: PLC0415

        d = dict(src_dict)
        attributions = cast(list[str], d.pop("attributions"))

        media_id = UUID(d.pop("media_id"))

        offers = []
        _offers = d.pop("offers")
        for offers_item_data in _offers:
            offers_item = OfferResponse.from_dict(offers_item_data)

            offers.append(offers_item)

        region = d.pop("region")

        sources = []
        _sources = d.pop("sources")
        for sources_item_data in _sources:
            sources_item = SourceResponse.from_dict(sources_item_data)

            sources.append(sources_item)

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        availability_response = cls(
            attributions=attributions,
            media_id=media_id,
            offers=offers,
            region=region,
            sources=sources,
            note=note,
        )

        availability_response.additional_properties = d
        return availability_response

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
