from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.strategy_name import StrategyName
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_response import ModelResponse
    from ..models.recommendation_response import RecommendationResponse


T = TypeVar("T", bound="RecommendationsResponse")


@_attrs_define
class RecommendationsResponse:
    """Recommendations, best first.

    Attributes:
        items (list[RecommendationResponse]): The titles; never one the caller has ranked (or otherwise interacted
            with).
        served_by (str): What served it: the strategy, or `popular+content` for a caller with nothing liked yet under
            `hybrid`. Example: hybrid.
        strategy (StrategyName): The strategies.
        model (ModelResponse | None | Unset):
    """

    items: list[RecommendationResponse]
    served_by: str
    strategy: StrategyName
    model: ModelResponse | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.model_response import ModelResponse  # noqa: PLC0415

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        served_by = self.served_by

        strategy = self.strategy.value

        model: dict[str, Any] | None | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        elif isinstance(self.model, ModelResponse):
            model = self.model.to_dict()
        else:
            model = self.model

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "served_by": served_by,
                "strategy": strategy,
            }
        )
        if model is not UNSET:
            field_dict["model"] = model

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_response import ModelResponse  # noqa: PLC0415
        from ..models.recommendation_response import RecommendationResponse  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = RecommendationResponse.from_dict(items_item_data)

            items.append(items_item)

        served_by = d.pop("served_by")

        strategy = StrategyName(d.pop("strategy"))

        def _parse_model(data: object) -> ModelResponse | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                model_type_0 = ModelResponse.from_dict(data)

                return model_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ModelResponse | None | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        recommendations_response = cls(
            items=items,
            served_by=served_by,
            strategy=strategy,
            model=model,
        )

        recommendations_response.additional_properties = d
        return recommendations_response

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
