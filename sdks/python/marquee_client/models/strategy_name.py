from enum import StrEnum


class StrategyName(StrEnum):
    CONTENT = "content"
    HYBRID = "hybrid"
    ITEM_CF = "item_cf"
    MF = "mf"
    POPULAR = "popular"
    USER_CF = "user_cf"

    def __str__(self) -> str:
        return str(self.value)
