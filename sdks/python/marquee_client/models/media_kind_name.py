from enum import StrEnum


class MediaKindName(StrEnum):
    BOOK = "book"
    MOVIE = "movie"
    PLAY = "play"
    SHOW = "show"

    def __str__(self) -> str:
        return str(self.value)
