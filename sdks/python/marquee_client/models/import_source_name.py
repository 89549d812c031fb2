from enum import StrEnum


class ImportSourceName(StrEnum):
    GOODREADS = "goodreads"
    IMDB = "imdb"
    LETTERBOXD = "letterboxd"
    MARQUEE = "marquee"

    def __str__(self) -> str:
        return str(self.value)
