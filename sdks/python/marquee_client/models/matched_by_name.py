from enum import StrEnum


class MatchedByName(StrEnum):
    CREATED = "created"
    IMDB_ID = "imdb_id"
    ISBN = "isbn"
    OPENLIBRARY_KEY = "openlibrary_key"
    TITLE_YEAR = "title_year"
    TMDB_ID = "tmdb_id"

    def __str__(self) -> str:
        return str(self.value)
