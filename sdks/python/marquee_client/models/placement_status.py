from enum import StrEnum


class PlacementStatus(StrEnum):
    COMPARING = "comparing"
    PLACED = "placed"

    def __str__(self) -> str:
        return str(self.value)
