from enum import StrEnum


class InteractionKindName(StrEnum):
    CLICK = "click"
    VIEW = "view"
    WATCHLIST = "watchlist"

    def __str__(self) -> str:
        return str(self.value)
