from enum import StrEnum


class SearchMode(StrEnum):
    HYBRID = "hybrid"
    TRIGRAM = "trigram"

    def __str__(self) -> str:
        return str(self.value)
