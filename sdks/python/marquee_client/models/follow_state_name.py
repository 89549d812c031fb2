from enum import StrEnum


class FollowStateName(StrEnum):
    FOLLOWING = "following"
    REQUESTED = "requested"

    def __str__(self) -> str:
        return str(self.value)
