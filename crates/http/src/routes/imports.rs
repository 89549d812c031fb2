//! `/api/v1/me/imports/*` and `/api/v1/me/export`: bring ratings in from Letterboxd, IMDb, Goodreads or another
//! Marquee, and take everything out.
//!
//! Uploads are `multipart/form-data` bodies whose `file` part holds the file, as browsers and generated SDKs send
//! them; any other body is taken as the file itself (`curl --data-binary @ratings.csv`). Either is read up to the
//! configured limit ([`AppState::import_max_bytes`]); a ZIP is recognised by its signature whatever the content
//! type says.
//! Parsing runs on the blocking pool. A file that cannot be read, a wrong header or any bad row refuses the whole
//! import (422, each problem named as `file:line`) unless `?partial=true` asks to skip bad rows instead.

use std::io::Read as _;

use actix_web::http::header;
use actix_web::web::{self, Query};
use actix_web::{HttpRequest, HttpResponse, get, post};
use futures::StreamExt as _;
use marquee_domain::imports::export::ExportDocument;
use marquee_domain::imports::{
    self, EntryOutcome, ImportError, ImportReport, ImportSource, Parsed, Placement, Skipped, WatchlistOutcome,
    goodreads, imdb, letterboxd,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::AppState;
use crate::auth::AuthUser;
use crate::error::{ApiError, responses};
use crate::views::TierName;

/// Import options.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// Skip rows that cannot be read (they are reported under `skipped`) instead of refusing the whole import.
    #[serde(default)]
    pub partial: bool,
}

/// How a row found its title.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MatchedByName {
    /// Same kind and TMDb id.
    TmdbId,
    /// Same IMDb id.
    ImdbId,
    /// A book with the same Open Library work key.
    OpenlibraryKey,
    /// A book with the same ISBN.
    Isbn,
    /// Same kind, normalised title and year.
    TitleYear,
    /// Nothing matched: a manual entry was made.
    Created,
}

/// What happened to the list.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlacementName {
    /// Added to the bottom of its tier.
    Placed,
    /// Already in the list; left where it is.
    AlreadyRanked,
    /// An earlier row of this import placed the same title.
    Duplicate,
}

/// One imported row.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportedRowResponse {
    /// The row's line in its file (1 = the header), or its 1-based index in a JSON export.
    pub line: usize,
    /// The catalog item.
    pub media_id: uuid::Uuid,
    /// Its title.
    pub title: String,
    /// How it was matched.
    pub matched_by: MatchedByName,
    /// Its tier in the list now.
    pub tier: TierName,
    /// What happened to the list.
    pub placement: PlacementName,
    /// For a duplicate: the line that placed the title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of_line: Option<usize>,
}

impl From<EntryOutcome> for ImportedRowResponse {
    fn from(e: EntryOutcome) -> Self {
        let (placement, duplicate_of_line) = match e.placement {
            Placement::Placed => (PlacementName::Placed, None),
            Placement::AlreadyRanked => (PlacementName::AlreadyRanked, None),
            Placement::Duplicate { of_line } => (PlacementName::Duplicate, Some(of_line)),
        };
        Self {
            line: e.line,
            media_id: e.media.0,
            title: e.title,
            matched_by: e.matched_by.into(),
            tier: e.tier.into(),
            placement,
            duplicate_of_line,
        }
    }
}

impl From<imports::MatchedBy> for MatchedByName {
    fn from(m: imports::MatchedBy) -> Self {
        match m {
            imports::MatchedBy::TmdbId => MatchedByName::TmdbId,
            imports::MatchedBy::ImdbId => MatchedByName::ImdbId,
            imports::MatchedBy::OpenLibrary => MatchedByName::OpenlibraryKey,
            imports::MatchedBy::Isbn => MatchedByName::Isbn,
            imports::MatchedBy::Title => MatchedByName::TitleYear,
            imports::MatchedBy::Created => MatchedByName::Created,
        }
    }
}

/// A row for the watchlist (Goodreads' `to-read` shelf).
#[derive(Debug, Serialize, ToSchema)]
pub struct WatchlistRowResponse {
    /// The row's line in its file (1 = the header).
    pub line: usize,
    /// The catalog item.
    pub media_id: uuid::Uuid,
    /// Its title.
    pub title: String,
    /// How it was matched.
    pub matched_by: MatchedByName,
    /// Whether it was added; false when it was on the watchlist already (or an earlier row added it).
    pub added: bool,
}

impl From<WatchlistOutcome> for WatchlistRowResponse {
    fn from(w: WatchlistOutcome) -> Self {
        Self { line: w.line, media_id: w.media.0, title: w.title, matched_by: w.matched_by.into(), added: w.added }
    }
}

/// A row left out.
#[derive(Debug, Serialize, ToSchema)]
pub struct SkippedRowResponse {
    /// Its file.
    pub file: String,
    /// Its line.
    pub line: usize,
    /// Its title, when it has one.
    pub title: Option<String>,
    /// Why it was left out.
    pub reason: String,
}

impl From<Skipped> for SkippedRowResponse {
    fn from(s: Skipped) -> Self {
        Self { file: s.file, line: s.line, title: s.title, reason: s.reason }
    }
}

/// Where an import came from.
#[derive(Debug, ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code, reason = "documents the report's `source` for OpenAPI only")]
pub enum ImportSourceName {
    /// A Letterboxd export.
    Letterboxd,
    /// IMDb's ratings export.
    Imdb,
    /// A Marquee export.
    Marquee,
    /// A Goodreads library export.
    Goodreads,
}

/// What an import did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportReportResponse {
    /// `letterboxd`, `imdb`, `marquee` or `goodreads`.
    #[schema(value_type = ImportSourceName)]
    pub source: String,
    /// Whether bad rows were skipped instead of refusing the import.
    pub partial: bool,
    /// Titles added to the list.
    pub placed: u64,
    /// Titles that were in the list already (importing the same file twice changes nothing).
    pub unchanged: u64,
    /// Comparisons added (Marquee exports only).
    pub comparisons_added: u64,
    /// Whether the top 4 was set (Marquee exports that carry one).
    pub top4_set: bool,
    /// Whether the streaming services were set (Marquee exports that carry them).
    pub services_set: bool,
    /// How many more catalog entries the caller may create today, by import or `POST /media` (the daily quota);
    /// rows that match nothing once it is used up are reported under `skipped`.
    pub entries_left: u32,
    /// Rows that matched a catalog item.
    pub matched: Vec<ImportedRowResponse>,
    /// Rows for which a manual catalog entry was made (the caller's own, without the file's TMDb or IMDb id).
    pub created: Vec<ImportedRowResponse>,
    /// Rows left out, with reasons.
    pub skipped: Vec<SkippedRowResponse>,
    /// Rows added to the watchlist (Goodreads' unrated `to-read` books); empty for other sources.
    pub watchlist: Vec<WatchlistRowResponse>,
}

impl From<ImportReport> for ImportReportResponse {
    fn from(r: ImportReport) -> Self {
        Self {
            source: r.source.as_str().to_owned(),
            partial: r.partial,
            placed: r.placed,
            unchanged: r.unchanged,
            comparisons_added: r.comparisons_added,
            top4_set: r.top4_set,
            services_set: r.services_set,
            entries_left: r.entries_left,
            matched: r.matched.into_iter().map(Into::into).collect(),
            created: r.created.into_iter().map(Into::into).collect(),
            skipped: r.skipped.into_iter().map(Into::into).collect(),
            watchlist: r.watchlist.into_iter().map(Into::into).collect(),
        }
    }
}

/// Reads the body up to the limit: 413 beyond it, 400 when the client breaks off.
async fn read_body(payload: web::Payload, limit: usize) -> Result<web::Bytes, ApiError> {
    let too_large = || ApiError::PayloadTooLarge(format!("an import must be at most {limit} bytes"));
    match payload.to_bytes_limited(limit).await {
        Ok(Ok(bytes)) if bytes.is_empty() => Err(ApiError::Malformed("the upload is empty".into())),
        Ok(Ok(bytes)) => Ok(bytes),
        // Over the limit while streaming, or announced as over it by `Content-Length`.
        Err(_) => Err(too_large()),
        Ok(Err(e)) if matches!(e.as_error(), Some(actix_web::error::PayloadError::Overflow)) => Err(too_large()),
        Ok(Err(e)) => Err(ApiError::Malformed(format!("the upload could not be read: {e}"))),
    }
}

/// Room for the form's boundaries and part headers beside the file itself.
const FORM_OVERHEAD: usize = 64 * 1024;

/// The uploaded file: the `file` part of a `multipart/form-data` body, or else the whole body.
async fn read_upload(req: &HttpRequest, payload: web::Payload, limit: usize) -> Result<web::Bytes, ApiError> {
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("multipart/form-data"));
    if !multipart {
        return read_body(payload, limit).await;
    }
    let too_large = || ApiError::PayloadTooLarge(format!("an import must be at most {limit} bytes"));
    let unreadable = |e: actix_multipart::MultipartError| {
        ApiError::Malformed(format!("the multipart/form-data body cannot be read: {e}"))
    };
    let mut form = actix_multipart::Multipart::new(req.headers(), payload);
    // Every part counts toward the limit, so a form cannot stream without end beside a small file.
    let mut read = 0usize;
    let mut file = None;
    while let Some(part) = form.next().await {
        let mut part = part.map_err(unreadable)?;
        let wanted = file.is_none() && part.content_disposition().and_then(|d| d.get_name()) == Some("file");
        let mut data = web::BytesMut::new();
        while let Some(chunk) = part.next().await {
            let chunk = chunk.map_err(unreadable)?;
            read += chunk.len();
            if read > limit + FORM_OVERHEAD || (wanted && data.len() + chunk.len() > limit) {
                return Err(too_large());
            }
            if wanted {
                data.extend_from_slice(&chunk);
            }
        }
        if wanted {
            file = Some(data.freeze());
        }
    }
    match file {
        None => Err(marquee_domain::FieldError::new("file", "is required: the form has no `file` part").into()),
        Some(bytes) if bytes.is_empty() => Err(ApiError::Malformed("the upload is empty".into())),
        Some(bytes) => Ok(bytes),
    }
}

/// Whether the bytes start with a ZIP local-file signature.
fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The files of a Letterboxd ZIP that an import reads, by base name; each inflated up to `limit` bytes.
fn unzip(bytes: &[u8], limit: usize) -> Result<(Option<String>, Option<String>), ImportError> {
    let unreadable = |e: zip::result::ZipError| ImportError::Unreadable(format!("the ZIP archive cannot be read: {e}"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(unreadable)?;
    let (mut ratings, mut watched) = (None, None);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(unreadable)?;
        let name = file.name().map_err(unreadable)?.rsplit('/').next().unwrap_or_default().to_owned();
        let slot = match name.as_str() {
            "ratings.csv" if ratings.is_none() => &mut ratings,
            "watched.csv" if watched.is_none() => &mut watched,
            _ => continue,
        };
        let mut data = Vec::new();
        // `take` bounds what a forged size header could make us inflate.
        (&mut file)
            .take(limit as u64 + 1)
            .read_to_end(&mut data)
            .map_err(|e| ImportError::Unreadable(format!("{name} in the ZIP archive cannot be inflated: {e}")))?;
        if data.len() > limit {
            return Err(ImportError::Unreadable(format!("{name} inflates to more than {limit} bytes")));
        }
        *slot = Some(imports::decode(&data));
    }
    if ratings.is_none() && watched.is_none() {
        return Err(ImportError::Unreadable("the ZIP archive holds neither ratings.csv nor watched.csv".into()));
    }
    Ok((ratings, watched))
}

fn parse_letterboxd(bytes: &[u8], limit: usize) -> Result<Parsed, ImportError> {
    if is_zip(bytes) {
        let (ratings, watched) = unzip(bytes, limit)?;
        return letterboxd::parse(
            ratings.as_deref().map(|t| ("ratings.csv", t)),
            watched.as_deref().map(|t| ("watched.csv", t)),
        );
    }
    let text = imports::decode(bytes);
    if letterboxd::is_ratings(&text) {
        letterboxd::parse(Some(("ratings.csv", &text)), None)
    } else {
        letterboxd::parse(None, Some(("watched.csv", &text)))
    }
}

/// Parses off the async workers, then imports.
async fn run_import(
    state: &AppState,
    user: marquee_domain::user::UserId,
    source: ImportSource,
    upload: (HttpRequest, web::Payload),
    partial: bool,
    parse: fn(&[u8], usize) -> Result<Parsed, ImportError>,
) -> Result<HttpResponse, ApiError> {
    let limit = state.import_max_bytes;
    let bytes = read_upload(&upload.0, upload.1, limit).await?;
    let parsed = web::block(move || parse(&bytes, limit)).await.map_err(ApiError::internal)??;
    let report = state.imports.import(user, source, parsed, partial).await?;
    Ok(HttpResponse::Ok().json(ImportReportResponse::from(report)))
}

/// Import a Letterboxd export
///
/// The file is `ratings.csv` or `watched.csv` of a Letterboxd export, or the export's ZIP. Films match the catalog
/// by title and year; those that match nothing become manual entries. Each rated film goes to the bottom of the
/// tier its stars give (4½–5 S, 3½–4 A, 2½–3 B, 1½–2 C, ½–1 D), best rated first, then earliest rated. Films
/// already in the list stay where they are, so importing the same file again changes nothing. Watched films
/// without a rating are reported as skipped.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = [])),
    params(ImportParams),
    request_body(
        description = "A form whose `file` part is `ratings.csv`, `watched.csv` or the export's ZIP. The file may \
            also be sent as the whole body (`curl --data-binary @ratings.csv`).",
        content((UploadForm = "multipart/form-data")),
    ),
    responses(
        (status = 200, description = "Imported; what matched, what was created, what was skipped", body = ImportReportResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[post("/me/imports/letterboxd")]
async fn import_letterboxd(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    params: Query<ImportParams>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    run_import(&state, user, ImportSource::Letterboxd, (req, payload), params.partial, parse_letterboxd).await
}

/// Import IMDb ratings
///
/// The file is IMDb's ratings export (`ratings.csv`, either the current layout with `Original Title` or the
/// older one). Titles match by IMDb id, then by title and year; movies, TV films, shorts and videos become movies,
/// series become shows, other title types are skipped. 9–10 go to S, 7–8 A, 5–6 B, 3–4 C, 1–2 D.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = [])),
    params(ImportParams),
    request_body(
        description = "A form whose `file` part is IMDb's `ratings.csv`. The file may also be sent as the whole \
            body (`curl --data-binary @ratings.csv`).",
        content((UploadForm = "multipart/form-data")),
    ),
    responses(
        (status = 200, description = "Imported", body = ImportReportResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[post("/me/imports/imdb")]
async fn import_imdb(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    params: Query<ImportParams>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    run_import(&state, user, ImportSource::Imdb, (req, payload), params.partial, |bytes, _| {
        imdb::parse("ratings.csv", &imports::decode(bytes))
    })
    .await
}

/// Import a Goodreads library
///
/// The file is Goodreads' library export (`goodreads_library_export.csv`; columns found by name). Books match by
/// ISBN (ISBN13, then ISBN), then Open Library's work key when it is configured and knows the ISBN or the title
/// and author, then by title (without the series part) and original publication year. Rated books (1–5 stars) are
/// placed: 5 in S, 4 A, 3 B, 2 C, 1 D; unrated books on the `to-read` shelf go to the watchlist; other unrated
/// books are skipped.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = [])),
    params(ImportParams),
    request_body(
        description = "A form whose `file` part is `goodreads_library_export.csv`. The file may also be sent as the \
            whole body (`curl --data-binary @goodreads_library_export.csv`).",
        content((UploadForm = "multipart/form-data")),
    ),
    responses(
        (status = 200, description = "Imported", body = ImportReportResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[post("/me/imports/goodreads")]
async fn import_goodreads(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    params: Query<ImportParams>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    run_import(&state, user, ImportSource::Goodreads, (req, payload), params.partial, |bytes, _| {
        goodreads::parse(&imports::decode(bytes))
    })
    .await
}

/// Import a Marquee export
///
/// The file is the JSON of `GET /api/v1/me/export` or the CSV of `GET /api/v1/me/export/csv` (the list only). Titles match by
/// TMDb id, IMDb id, then title and year; each goes to its exported tier in its exported order, below what the
/// list holds already. Comparisons are added when both titles match and the same answer is not stored yet; the
/// top 4 and the streaming services, when the export has them, replace the user's.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = [])),
    params(ImportParams),
    request_body(
        description = "The JSON export as the body, or a form whose `file` part is the JSON or CSV export. Either \
            file may also be sent as the whole body (`curl --data-binary @marquee-rankings.csv`).",
        content((ExportDocumentSchema = "application/json"), (UploadForm = "multipart/form-data")),
    ),
    responses(
        (status = 200, description = "Imported", body = ImportReportResponse),
        responses::Malformed,
        responses::Unauthorized,
        responses::TooLarge,
        responses::Invalid,
        responses::Internal,
    )
)]
#[post("/me/imports/marquee")]
async fn import_marquee(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    params: Query<ImportParams>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    run_import(&state, user, ImportSource::Marquee, (req, payload), params.partial, |bytes, _| {
        let text = imports::decode(bytes);
        // A JSON export starts with `{`; anything else is read as the CSV export.
        if text.trim_start().starts_with('{') {
            imports::export::parse(&text)
        } else {
            imports::export::parse_csv(&text)
        }
    })
    .await
}

/// An uploaded file, as a form sends it.
#[derive(Debug, ToSchema)]
#[allow(dead_code, reason = "documents the upload form for OpenAPI only")]
pub struct UploadForm {
    /// The file, as its service exported it.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// A title as an export names it.
#[derive(Debug, ToSchema)]
#[allow(dead_code, reason = "documents the export format for OpenAPI only")]
pub struct ExportedTitleSchema {
    /// `movie`, `show`, `book` or `play`.
    #[schema(value_type = crate::views::MediaKindName)]
    kind: String,
    /// Its title.
    title: String,
    /// Its original title.
    original_title: Option<String>,
    /// Its year.
    year: Option<i16>,
    /// Its genres.
    genres: Vec<String>,
    /// Its TMDb id.
    tmdb_id: Option<i64>,
    /// Its IMDb id.
    imdb_id: Option<String>,
}

/// One ranked title of an export.
#[derive(Debug, ToSchema)]
#[allow(dead_code, reason = "documents the export format for OpenAPI only")]
pub struct ExportedRankingSchema {
    /// Its tier.
    tier: TierName,
    /// Its position in the tier, 1 = best.
    position: u64,
    /// Its stars, 1 to 5.
    stars: Option<u8>,
    /// When it was placed.
    created_at: chrono::DateTime<chrono::Utc>,
    /// The title.
    media: ExportedTitleSchema,
}

/// One comparison of an export.
#[derive(Debug, ToSchema)]
#[allow(dead_code, reason = "documents the export format for OpenAPI only")]
pub struct ExportedComparisonSchema {
    /// The title liked more (either, for a tie).
    winner: ExportedTitleSchema,
    /// The other title.
    loser: ExportedTitleSchema,
    /// Whether it was a tie.
    tie: bool,
    /// Where it came from (`placement`, `matchup`, …).
    context: String,
    /// When it was given.
    created_at: chrono::DateTime<chrono::Utc>,
}

/// Everything a user owns, re-importable with `POST /api/v1/me/imports/marquee`.
#[derive(Debug, ToSchema)]
#[schema(as = ExportDocument)]
#[allow(dead_code, reason = "documents the export format for OpenAPI only")]
pub struct ExportDocumentSchema {
    /// Always `marquee-export`.
    format: String,
    /// The format version, 1.
    version: u32,
    /// When it was made.
    exported_at: chrono::DateTime<chrono::Utc>,
    /// The list, S → D, best first inside a tier.
    rankings: Vec<ExportedRankingSchema>,
    /// Comparisons, oldest first.
    comparisons: Vec<ExportedComparisonSchema>,
    /// The top 4 (matchups), in order; empty when there is none.
    top4: Vec<ExportedTitleSchema>,
    /// The streaming services, when set.
    services: Option<ExportedServicesSchema>,
}

/// The streaming services of an export.
#[derive(Debug, ToSchema)]
#[allow(dead_code, reason = "documents the export format for OpenAPI only")]
pub struct ExportedServicesSchema {
    /// ISO 3166-1 region, e.g. `US`.
    region: String,
    /// Service names.
    services: Vec<String>,
}

/// The export's format, for clients written before `GET /api/v1/me/export/csv`: `json` (default) or `csv`. Left out
/// of the document, which gives each format its own operation so that generated clients can type the answer.
#[derive(Debug, Deserialize)]
pub struct ExportParams {
    /// `json` or `csv`.
    pub format: Option<String>,
}

/// The export as an attachment: the JSON document, or the CSV of the list.
async fn export(state: &AppState, user: marquee_domain::user::UserId, csv: bool) -> Result<HttpResponse, ApiError> {
    let data = state.imports.export(user).await?;
    let doc = ExportDocument::new(data, chrono::Utc::now());
    let disposition = |name: &str| (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\""));
    Ok(if csv {
        HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header(disposition("marquee-rankings.csv"))
            .body(doc.rankings_csv())
    } else {
        HttpResponse::Ok().insert_header(disposition("marquee-export.json")).json(&doc)
    })
}

/// Export everything you own
///
/// The list (tiers, order, stars), the comparisons, the top 4 and the streaming services, re-importable into any
/// Marquee with `POST /api/v1/me/imports/marquee`. The list alone as CSV is `GET /api/v1/me/export/csv`
/// (`?format=csv` here answers the same, for older clients; `?format=json` is this document).
#[utoipa::path(
    tag = "imports",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The export, as an attachment", body = ExportDocumentSchema),
        responses::Malformed,
        responses::Unauthorized,
        responses::Invalid,
        responses::Internal,
    )
)]
#[get("/me/export")]
async fn export_data(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    params: Query<ExportParams>,
) -> Result<HttpResponse, ApiError> {
    let csv = match params.format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => {
            return Err(marquee_domain::FieldError::new("format", "must be json or csv").into());
        }
    };
    export(&state, user, csv).await
}

/// Export your list as CSV
///
/// The list only, one row per title, re-importable with `POST /api/v1/me/imports/marquee`: `tier,position,stars,
/// kind,title,original_title,year,genres,tmdb_id,imdb_id,created_at`, genres joined with `|`.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The CSV, as an attachment", content((String = "text/csv"))),
        responses::Unauthorized,
        responses::Invalid,
        responses::Internal,
    )
)]
#[get("/me/export/csv")]
async fn export_csv(state: web::Data<AppState>, AuthUser(user): AuthUser) -> Result<HttpResponse, ApiError> {
    export(&state, user, true).await
}

/// Mounts the import and export routes under `/api/v1`.
pub(crate) fn routes(cfg: &mut ServiceConfig) {
    cfg.service(import_letterboxd)
        .service(import_imdb)
        .service(import_marquee)
        .service(import_goodreads)
        .service(export_data)
        .service(export_csv);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip_signatures_are_recognised() {
        assert!(is_zip(b"PK\x03\x04rest"));
        assert!(!is_zip(b"Date,Name"));
        assert!(matches!(unzip(b"PK\x03\x04broken", 100), Err(ImportError::Unreadable(_))));
    }
}
