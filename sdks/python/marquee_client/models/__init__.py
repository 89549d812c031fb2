"""Contains all the data models used in inputs/outputs"""

from .account_status_response import AccountStatusResponse
from .affinity_response import AffinityResponse
from .answer_request import AnswerRequest
from .availability_response import AvailabilityResponse
from .board_period import BoardPeriod
from .board_ranker_response import BoardRankerResponse
from .board_response import BoardResponse
from .board_scope import BoardScope
from .board_title_response import BoardTitleResponse
from .book_response import BookResponse
from .change_password_request import ChangePasswordRequest
from .chart_entry_response import ChartEntryResponse
from .chart_response import ChartResponse
from .compare_with_response import CompareWithResponse
from .comparison_page_response import ComparisonPageResponse
from .comparison_response import ComparisonResponse
from .compatibility_response import CompatibilityResponse
from .delete_account_request import DeleteAccountRequest
from .export_document import ExportDocument
from .exported_comparison_schema import ExportedComparisonSchema
from .exported_ranking_schema import ExportedRankingSchema
from .exported_services_schema import ExportedServicesSchema
from .exported_title_schema import ExportedTitleSchema
from .feed_entry_response import FeedEntryResponse
from .feed_response import FeedResponse
from .feed_title_response import FeedTitleResponse
from .feed_user_response import FeedUserResponse
from .follow_item_response import FollowItemResponse
from .follow_page_response import FollowPageResponse
from .follow_response import FollowResponse
from .follow_state_name import FollowStateName
from .genre_gap_response import GenreGapResponse
from .health_response import HealthResponse
from .import_report_response import ImportReportResponse
from .import_source_name import ImportSourceName
from .imported_row_response import ImportedRowResponse
from .interaction_kind_name import InteractionKindName
from .interaction_request import InteractionRequest
from .invalid_field import InvalidField
from .leaderboard_entry_response import LeaderboardEntryResponse
from .leaderboard_response import LeaderboardResponse
from .login_request import LoginRequest
from .matched_by_name import MatchedByName
from .matchup_response import MatchupResponse
from .media_kind_name import MediaKindName
from .media_request import MediaRequest
from .media_request_attributes import MediaRequestAttributes
from .media_response import MediaResponse
from .media_response_attributes import MediaResponseAttributes
from .merge_request import MergeRequest
from .merge_response import MergeResponse
from .model_response import ModelResponse
from .move_ranking_request import MoveRankingRequest
from .offer_kind_name import OfferKindName
from .offer_response import OfferResponse
from .owner_response import OwnerResponse
from .people_page_response import PeoplePageResponse
from .person_response import PersonResponse
from .place_ranking_request import PlaceRankingRequest
from .placement_name import PlacementName
from .placement_response import PlacementResponse
from .placement_status import PlacementStatus
from .prefer_name import PreferName
from .problem import Problem
from .ranked_media_response import RankedMediaResponse
from .ranking_page_response import RankingPageResponse
from .ranking_response import RankingResponse
from .rating_change_response import RatingChangeResponse
from .rating_request import RatingRequest
from .reason_code import ReasonCode
from .reason_response import ReasonResponse
from .recommendation_response import RecommendationResponse
from .recommendations_response import RecommendationsResponse
from .refresh_request import RefreshRequest
from .register_request import RegisterRequest
from .remote_search_response import RemoteSearchResponse
from .remote_status_name import RemoteStatusName
from .search_hit_response import SearchHitResponse
from .search_mode import SearchMode
from .search_page_response import SearchPageResponse
from .semantic_response import SemanticResponse
from .services_request import ServicesRequest
from .services_response import ServicesResponse
from .shared_title_response import SharedTitleResponse
from .side_name import SideName
from .skipped_row_response import SkippedRowResponse
from .source_response import SourceResponse
from .source_state_name import SourceStateName
from .start_placement_request import StartPlacementRequest
from .strategy_name import StrategyName
from .taste_response import TasteResponse
from .tier_name import TierName
from .token_response import TokenResponse
from .token_type import TokenType
from .top_4_request import Top4Request
from .top_4_set_response import Top4SetResponse
from .update_account_request import UpdateAccountRequest
from .upload_form import UploadForm
from .user_response import UserResponse
from .verb_name import VerbName
from .visibility_name import VisibilityName
from .visibility_request import VisibilityRequest
from .visibility_response import VisibilityResponse
from .vote_request import VoteRequest
from .vote_response import VoteResponse
from .watchlist_row_response import WatchlistRowResponse

__all__ = (
    "AccountStatusResponse",
    "AffinityResponse",
    "AnswerRequest",
    "AvailabilityResponse",
    "BoardPeriod",
    "BoardRankerResponse",
    "BoardResponse",
    "BoardScope",
    "BoardTitleResponse",
    "BookResponse",
    "ChangePasswordRequest",
    "ChartEntryResponse",
    "ChartResponse",
    "CompareWithResponse",
    "ComparisonPageResponse",
    "ComparisonResponse",
    "CompatibilityResponse",
    "DeleteAccountRequest",
    "ExportDocument",
    "ExportedComparisonSchema",
    "ExportedRankingSchema",
    "ExportedServicesSchema",
    "ExportedTitleSchema",
    "FeedEntryResponse",
    "FeedResponse",
    "FeedTitleResponse",
    "FeedUserResponse",
    "FollowItemResponse",
    "FollowPageResponse",
    "FollowResponse",
    "FollowStateName",
    "GenreGapResponse",
    "HealthResponse",
    "ImportedRowResponse",
    "ImportReportResponse",
    "ImportSourceName",
    "InteractionKindName",
    "InteractionRequest",
    "InvalidField",
    "LeaderboardEntryResponse",
    "LeaderboardResponse",
    "LoginRequest",
    "MatchedByName",
    "MatchupResponse",
    "MediaKindName",
    "MediaRequest",
    "MediaRequestAttributes",
    "MediaResponse",
    "MediaResponseAttributes",
    "MergeRequest",
    "MergeResponse",
    "ModelResponse",
    "MoveRankingRequest",
    "OfferKindName",
    "OfferResponse",
    "OwnerResponse",
    "PeoplePageResponse",
    "PersonResponse",
    "PlacementName",
    "PlacementResponse",
    "PlacementStatus",
    "PlaceRankingRequest",
    "PreferName",
    "Problem",
    "RankedMediaResponse",
    "RankingPageResponse",
    "RankingResponse",
    "RatingChangeResponse",
    "RatingRequest",
    "ReasonCode",
    "ReasonResponse",
    "RecommendationResponse",
    "RecommendationsResponse",
    "RefreshRequest",
    "RegisterRequest",
    "RemoteSearchResponse",
    "RemoteStatusName",
    "SearchHitResponse",
    "SearchMode",
    "SearchPageResponse",
    "SemanticResponse",
    "ServicesRequest",
    "ServicesResponse",
    "SharedTitleResponse",
    "SideName",
    "SkippedRowResponse",
    "SourceResponse",
    "SourceStateName",
    "StartPlacementRequest",
    "StrategyName",
    "TasteResponse",
    "TierName",
    "TokenResponse",
    "TokenType",
    "Top4Request",
    "Top4SetResponse",
    "UpdateAccountRequest",
    "UploadForm",
    "UserResponse",
    "VerbName",
    "VisibilityName",
    "VisibilityRequest",
    "VisibilityResponse",
    "VoteRequest",
    "VoteResponse",
    "WatchlistRowResponse",
)
