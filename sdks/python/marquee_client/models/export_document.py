from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exported_comparison_schema import ExportedComparisonSchema
    from ..models.exported_ranking_schema import ExportedRankingSchema
    from ..models.exported_services_schema import ExportedServicesSchema
    from ..models.exported_title_schema import ExportedTitleSchema


T = TypeVar("T", bound="ExportDocument")


@_attrs_define
class ExportDocument:
    """Everything a user owns, re-importable with `POST /api/v1/me/imports/marquee`.

    Attributes:
        comparisons (list[ExportedComparisonSchema]): Comparisons, oldest first.
        exported_at (datetime.datetime): When it was made.
        format_ (str): Always `marquee-export`.
        rankings (list[ExportedRankingSchema]): The list, S → D, best first inside a tier.
        top4 (list[ExportedTitleSchema]): The top 4 (matchups), in order; empty when there is none.
        version (int): The format version, 1.
        services (ExportedServicesSchema | None | Unset):
    """

    comparisons: list[ExportedComparisonSchema]
    exported_at: datetime.datetime
    format_: str
    rankings: list[ExportedRankingSchema]
    top4: list[ExportedTitleSchema]
    version: int
    services: ExportedServicesSchema | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.exported_services_schema import ExportedServicesSchema  # noqa: PLC0415

        comparisons = []
        for comparisons_item_data in self.comparisons:
            comparisons_item = comparisons_item_data.to_dict()
            comparisons.append(comparisons_item)

        exported_at = self.exported_at.isoformat()

        format_ = self.format_

        rankings = []
        for rankings_item_data in self.rankings:
            rankings_item = rankings_item_data.to_dict()
            rankings.append(rankings_item)

        top4 = []
        for top4_item_data in self.top4:
            top4_item = top4_item_data.to_dict()
            top4.append(top4_item)

        version = self.version

        services: dict[str, Any] | None | Unset
        if isinstance(self.services, Unset):
            services = UNSET
        elif isinstance(self.services, ExportedServicesSchema):
            services = self.services.to_dict()
        else:
            services = self.services

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "comparisons": comparisons,
                "exported_at": exported_at,
                "format": format_,
                "rankings": rankings,
                "top4": top4,
                "version": version,
            }
        )
        if services is not UNSET:
            field_dict["services"] = services

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exported_comparison_schema import ExportedComparisonSchema  # noqa: PLC0415
        from ..models.exported_ranking_schema import ExportedRankingSchema  # noqa: PLC0415
        from ..models.exported_services_schema import ExportedServicesSchema  # noqa: PLC0415
        from ..models.exported_title_schema import ExportedTitleSchema  # noqa: PLC0415

        d = dict(src_dict)
        comparisons = []
        _comparisons = d.pop("comparisons")
        for comparisons_item_data in _comparisons:
            comparisons_item = ExportedComparisonSchema.from_dict(comparisons_item_data)

            comparisons.append(comparisons_item)

        exported_at = datetime.datetime.fromisoformat(d.pop("exported_at"))

        format_ = d.pop("format")

        rankings = []
        _rankings = d.pop("rankings")
        for rankings_item_data in _rankings:
            rankings_item = ExportedRankingSchema.from_dict(rankings_item_data)

            rankings.append(rankings_item)

        top4 = []
        _top4 = d.pop("top4")
        for top4_item_data in _top4:
            top4_item = ExportedTitleSchema.from_dict(top4_item_data)

            top4.append(top4_item)

        version = d.pop("version")

        def _parse_services(data: object) -> ExportedServicesSchema | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                services_type_0 = ExportedServicesSchema.from_dict(data)

                return services_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExportedServicesSchema | None | Unset, data)

        services = _parse_services(d.pop("services", UNSET))

        export_document = cls(
            comparisons=comparisons,
            exported_at=exported_at,
            format_=format_,
            rankings=rankings,
            top4=top4,
            version=version,
            services=services,
        )

        export_document.additional_properties = d
        return export_document

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
