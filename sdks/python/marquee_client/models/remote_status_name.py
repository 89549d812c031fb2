from enum import StrEnum


class RemoteStatusName(StrEnum):
    CACHED = "cached"
    FETCHED = "fetched"
    NOT_NEEDED = "not_needed"
    SKIPPED = "skipped"

    def __str__(self) -> str:
        return str(self.value)
