from enum import StrEnum


class PreferName(StrEnum):
    EXISTING = "existing"
    NEW = "new"
    TOO_CLOSE = "too_close"

    def __str__(self) -> str:
        return str(self.value)
