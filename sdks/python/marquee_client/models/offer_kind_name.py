from enum import StrEnum


class OfferKindName(StrEnum):
    ADS = "ads"
    BUY = "buy"
    FREE = "free"
    RENT = "rent"
    SUBSCRIPTION = "subscription"
    TV_EVERYWHERE = "tv_everywhere"

    def __str__(self) -> str:
        return str(self.value)
