from enum import StrEnum


class VerbName(StrEnum):
    COMPARED = "compared"
    FOLLOWED = "followed"
    MOVED = "moved"
    PLACED = "placed"
    REMOVED = "removed"
    TOP4_CHANGED = "top4_changed"
    VOTED = "voted"

    def __str__(self) -> str:
        return str(self.value)
