from enum import StrEnum


class SourceStateName(StrEnum):
    CACHED = "cached"
    FAILED = "failed"
    LIVE = "live"
    STALE = "stale"

    def __str__(self) -> str:
        return str(self.value)
