from enum import StrEnum


class VisibilityName(StrEnum):
    FOLLOWERS = "followers"
    PRIVATE = "private"
    PUBLIC = "public"

    def __str__(self) -> str:
        return str(self.value)
