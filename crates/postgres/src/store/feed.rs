//! [`ActivityRepository`] on the `activities` table, which every write fills with the rows the domain's feed rule
//! decides, inside its own transaction (see `activity`).

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Nullable, SmallInt, Text, Timestamptz, Uuid as SqlUuid};
use diesel_async::RunQueryDsl;
use marquee_domain::StoreError;
use marquee_domain::feed::{Activity, ActivityId, ActivityRepository, ActivityTitle, UserRef};
use marquee_domain::media::MediaSummary;
use marquee_domain::privacy::Audience;
use marquee_domain::user::UserId;
use uuid::Uuid;

use super::audience::{AudienceParams, bind_audience, shows};
use super::rows::{SummaryRow, tier};
use super::{PgStore, corrupt, store_error};
use crate::schema::media_items;

#[derive(QueryableByName)]
struct FeedRow {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = SqlUuid)]
    user_id: Uuid,
    #[diesel(sql_type = Text)]
    display_name: String,
    #[diesel(sql_type = Text)]
    verb: String,
    #[diesel(sql_type = Array<SqlUuid>)]
    media_ids: Vec<Uuid>,
    #[diesel(sql_type = Nullable<SmallInt>)]
    tier: Option<i16>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    target_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    target_name: Option<String>,
    #[diesel(sql_type = Timestamptz)]
    created_at: DateTime<Utc>,
}

/// The followed users' rows, newest first: `$1` reader, `$2` the exclusive upper id, `$3` the limit, `$4`–`$7`
/// the audience, which decides (by the domain's rule) which actors and which followed targets may be shown.
fn feed_sql() -> String {
    format!(
        "SELECT a.id, a.user_id, u.display_name, a.verb, a.media_ids, a.tier, a.target_id, \
                t.display_name AS target_name, a.created_at \
         FROM follows f \
         JOIN users u ON u.id = f.followee_id AND {actor} \
         JOIN activities a ON a.user_id = f.followee_id \
         LEFT JOIN users t ON t.id = a.target_id \
         WHERE f.follower_id = $1 AND f.accepted AND a.id < $2 \
           AND (a.target_id IS NULL OR {target}) \
         ORDER BY a.id DESC LIMIT $3",
        actor = shows("u", 4),
        target = shows("t", 4),
    )
}

#[async_trait]
impl ActivityRepository for PgStore {
    async fn feed(
        &self,
        reader: UserId,
        audience: &Audience,
        before: Option<ActivityId>,
        limit: u32,
    ) -> Result<Vec<Activity>, StoreError> {
        self.bounded(async {
            let mut conn = self.conn().await?;
            let params = AudienceParams::new(audience);
            let rows: Vec<FeedRow> = bind_audience!(
                diesel::sql_query(feed_sql())
                    .bind::<SqlUuid, _>(reader.0)
                    .bind::<BigInt, _>(before.map_or(i64::MAX, |b| b.0))
                    .bind::<BigInt, _>(i64::from(limit)),
                params
            )
            .load(&mut conn)
            .await
            .map_err(store_error)?;
            let ids: Vec<Uuid> = rows.iter().flat_map(|r| r.media_ids.iter().copied()).collect();
            let media: HashMap<Uuid, MediaSummary> = if ids.is_empty() {
                HashMap::new()
            } else {
                let found: Vec<SummaryRow> = media_items::table
                    .filter(media_items::id.eq_any(&ids))
                    .select(SummaryRow::as_select())
                    .load(&mut conn)
                    .await
                    .map_err(store_error)?;
                found.into_iter().map(|m| Ok((m.id, MediaSummary::try_from(m)?))).collect::<Result<_, StoreError>>()?
            };
            rows.into_iter().map(|row| activity(row, &media)).collect()
        })
        .await
    }
}

fn activity(row: FeedRow, media: &HashMap<Uuid, MediaSummary>) -> Result<Activity, StoreError> {
    let verb = row.verb.parse().map_err(|_| corrupt(format!("unknown activity verb {:?}", row.verb)))?;
    let tier = row.tier.map(tier).transpose()?;
    // Titles deleted since are left out (an array cannot carry a foreign key).
    let titles =
        row.media_ids.iter().filter_map(|id| media.get(id)).map(|m| ActivityTitle { media: m.clone(), tier }).collect();
    let target = match (row.target_id, row.target_name) {
        (Some(id), Some(display_name)) => Some(UserRef { id: UserId(id), display_name }),
        _ => None,
    };
    Ok(Activity {
        id: ActivityId(row.id),
        actor: UserRef { id: UserId(row.user_id), display_name: row.display_name },
        verb,
        titles,
        target,
        created_at: row.created_at,
    })
}
