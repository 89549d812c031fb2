from enum import StrEnum


class PlacementName(StrEnum):
    ALREADY_RANKED = "already_ranked"
    DUPLICATE = "duplicate"
    PLACED = "placed"

    def __str__(self) -> str:
        return str(self.value)
