from enum import StrEnum


class BoardPeriod(StrEnum):
    ALL = "all"
    MONTH = "month"
    WEEK = "week"
    YEAR = "year"

    def __str__(self) -> str:
        return str(self.value)
