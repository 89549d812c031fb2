//! The checked-in `schema.rs` matches the migrated database, column by column.

use diesel::sql_types::{
    Array, Bool, Bytea, Float4, Float8, Int2, Int4, Int8, Jsonb, Nullable, Text, Timestamptz, Uuid,
};
use diesel::{Column, Expression, QueryableByName, Table};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use marquee_postgres::schema::*;
use marquee_postgres::testing::TestDb;

/// A diesel SQL type as `information_schema.columns` spells it: `udt_name` and nullability.
trait Described {
    const UDT: &'static str;
    const NULLABLE: bool;
}

macro_rules! described {
    ($($ty:ty => $udt:literal),* $(,)?) => {$(
        impl Described for $ty {
            const UDT: &'static str = $udt;
            const NULLABLE: bool = false;
        }
        impl Described for Nullable<$ty> {
            const UDT: &'static str = $udt;
            const NULLABLE: bool = true;
        }
    )*};
}

described!(Uuid => "uuid", Text => "text", Bool => "bool", Int2 => "int2", Int8 => "int8", Jsonb => "jsonb",
    Timestamptz => "timestamptz", Array<Text> => "_text", Float8 => "float8", Int4 => "int4", Array<Uuid> => "_uuid",
    Array<Float4> => "_float4", Bytea => "bytea");

#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
struct ColumnInfo {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    udt: String,
    #[diesel(sql_type = Bool)]
    nullable: bool,
}

/// The columns a `table!` declares, in order.
trait Declared {
    fn columns() -> Vec<ColumnInfo>;
}

macro_rules! declared {
    ($($col:ident),+) => {
        impl<$($col),+> Declared for ($($col,)+)
        where $($col: Column + Expression, <$col as Expression>::SqlType: Described),+
        {
            fn columns() -> Vec<ColumnInfo> {
                vec![$(ColumnInfo {
                    name: $col::NAME.to_owned(),
                    udt: <<$col as Expression>::SqlType as Described>::UDT.to_owned(),
                    nullable: <<$col as Expression>::SqlType as Described>::NULLABLE,
                }),+]
            }
        }
    };
}

/// `declared!` for every arity up to the list's length (each suffix of it).
macro_rules! declared_up_to {
    ($first:ident $(, $rest:ident)*) => {
        declared!($first $(, $rest)*);
        declared_up_to!($($rest),*);
    };
    () => {};
}

declared_up_to!(A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T, U, V, W, X);

/// Checks that the database has exactly these tables (besides diesel's own) and that each matches `schema.rs`.
macro_rules! assert_schema {
    ($conn:expr, [$($table:ident),+ $(,)?]) => {{
        let mut declared_names = vec![$(stringify!($table)),+];
        declared_names.sort_unstable();
        assert_eq!(tables($conn).await, declared_names, "every table of the migrations is in schema.rs");
        $(assert_eq!(actual($conn, stringify!($table)).await, declared::<$table::table>(), stringify!($table));)+
    }};
}

fn declared<T: Table>() -> Vec<ColumnInfo>
where
    T::AllColumns: Declared,
{
    <T::AllColumns as Declared>::columns()
}

async fn actual(conn: &mut AsyncPgConnection, table: &str) -> Vec<ColumnInfo> {
    diesel::sql_query(
        "SELECT column_name::text AS name, udt_name::text AS udt, is_nullable = 'YES' AS nullable \
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 \
         ORDER BY ordinal_position",
    )
    .bind::<Text, _>(table)
    .load(conn)
    .await
    .unwrap_or_else(|e| panic!("cannot read the columns of {table}: {e}"))
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

async fn tables(conn: &mut AsyncPgConnection) -> Vec<String> {
    let tables: Vec<Name> = diesel::sql_query(
        "SELECT table_name::text AS name FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_name NOT LIKE '\\_\\_diesel%' ORDER BY table_name",
    )
    .load(conn)
    .await
    .unwrap_or_else(|e| panic!("cannot list the tables: {e}"));
    tables.into_iter().map(|t| t.name).collect()
}

#[tokio::test]
async fn schema_rs_matches_the_migrated_database() {
    let db = TestDb::new().await;
    let mut conn = AsyncPgConnection::establish(db.url()).await.unwrap();
    assert_schema!(
        &mut conn,
        [
            activities,
            auth_sessions,
            availability_cache,
            catalog_state,
            comparisons,
            consensus_scores,
            external_identities,
            interactions,
            matchup_votes,
            matchups,
            media_embeddings,
            media_items,
            placement_sessions,
            rankings,
            rec_item_factors,
            rec_models,
            refresh_tokens,
            rec_user_factors,
            sync_state,
            top4_sets,
            user_services,
            users,
            follows
        ]
    );
}

#[tokio::test]
async fn rank_keys_compare_bytewise() {
    let db = TestDb::new().await;
    let mut conn = AsyncPgConnection::establish(db.url()).await.unwrap();
    let collation: Vec<Name> = diesel::sql_query(
        "SELECT collation_name::text AS name FROM information_schema.columns \
         WHERE table_name = 'rankings' AND column_name = 'rank_key'",
    )
    .load(&mut conn)
    .await
    .unwrap();
    assert_eq!(collation.len(), 1);
    assert_eq!(collation[0].name, "C", "keys must sort as the domain compares them");
}
