from enum import StrEnum


class ReasonCode(StrEnum):
    BECAUSE_YOU_RANKED = "because_you_ranked"
    FOLLOWED_FANS = "followed_fans"
    MATCHES_YOUR_TASTE = "matches_your_taste"
    SIMILAR_CONTENT = "similar_content"
    SIMILAR_USERS = "similar_users"
    TRENDING = "trending"

    def __str__(self) -> str:
        return str(self.value)
