from enum import StrEnum


class BoardScope(StrEnum):
    FOLLOWING = "following"
    GLOBAL = "global"

    def __str__(self) -> str:
        return str(self.value)
