from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.offer_kind_name import OfferKindName
from ..types import UNSET, Unset

T = TypeVar("T", bound="OfferResponse")


@_attrs_define
class OfferResponse:
    """One way to watch a title.

    Attributes:
        providers (list[str]): The providers that report it (`watchmode`, `tmdb`).
        region (str): The region.
        service (str): The service (`Netflix`).
        type_ (OfferKindName): How an offer lets you watch.
        format_ (None | str | Unset): `SD`, `HD`, `4K`, when known.
        price (float | None | Unset): The price in the region's currency, for rent and buy, when known.
        web_url (None | str | Unset): Where to watch.
    """

    providers: list[str]
    region: str
    service: str
    type_: OfferKindName
    format_: None | str | Unset = UNSET
    price: float | None | Unset = UNSET
    web_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        providers = self.providers

        region = self.region

        service = self.service

        type_ = self.type_.value

        format_: None | str | Unset
        if isinstance(self.format_, Unset):
            format_ = UNSET
        else:
            format_ = self.format_

        price: float | None | Unset
        if isinstance(self.price, Unset):
            price = UNSET
        else:
            price = self.price

        web_url: None | str | Unset
        if isinstance(self.web_url, Unset):
            web_url = UNSET
        else:
            web_url = self.web_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "providers": providers,
                "region": region,
                "service": service,
                "type": type_,
            }
        )
        if format_ is not UNSET:
            field_dict["format"] = format_
        if price is not UNSET:
            field_dict["price"] = price
        if web_url is not UNSET:
            field_dict["web_url"] = web_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        providers = cast(list[str], d.pop("providers"))

        region = d.pop("region")

        service = d.pop("service")

        type_ = OfferKindName(d.pop("type"))

        def _parse_format_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        format_ = _parse_format_(d.pop("format", UNSET))

        def _parse_price(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        price = _parse_price(d.pop("price", UNSET))

        def _parse_web_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        web_url = _parse_web_url(d.pop("web_url", UNSET))

        offer_response = cls(
            providers=providers,
            region=region,
            service=service,
            type_=type_,
            format_=format_,
            price=price,
            web_url=web_url,
        )

        offer_response.additional_properties = d
        return offer_response

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
