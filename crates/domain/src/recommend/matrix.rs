//! The interaction matrix: users × items, stored row-wise (per user) and column-wise (per item).

use std::collections::HashMap;
use std::hash::Hash;

/// One observed interaction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interaction<U, I> {
    /// Who.
    pub user: U,
    /// What.
    pub item: I,
    /// How much: a derived score, a rating, or an implicit weight.
    pub value: f32,
    /// When (seconds since the epoch); used by time-decayed popularity.
    pub time: i64,
}

/// Sparse user × item values in both directions, rows sorted by index.
#[derive(Debug, Clone, Default)]
pub struct Matrix {
    user_ptr: Vec<usize>,
    user_item: Vec<u32>,
    user_value: Vec<f32>,
    user_time: Vec<i64>,
    item_ptr: Vec<usize>,
    item_user: Vec<u32>,
    item_value: Vec<f32>,
}

impl Matrix {
    /// Builds from `(user, item, value, time)` index triples; a repeated pair keeps the latest.
    pub fn from_triples(n_users: usize, n_items: usize, mut triples: Vec<(u32, u32, f32, i64)>) -> Self {
        triples.sort_by_key(|t| (t.0, t.1, t.3));
        triples.dedup_by(|later, earlier| {
            let same = later.0 == earlier.0 && later.1 == earlier.1;
            if same {
                *earlier = *later;
            }
            same
        });
        let mut user_ptr = vec![0; n_users + 1];
        let mut item_ptr = vec![0; n_items + 1];
        for &(u, i, _, _) in &triples {
            user_ptr[u as usize + 1] += 1;
            item_ptr[i as usize + 1] += 1;
        }
        for k in 0..n_users {
            user_ptr[k + 1] += user_ptr[k];
        }
        for k in 0..n_items {
            item_ptr[k + 1] += item_ptr[k];
        }
        let mut item_user = vec![0; triples.len()];
        let mut item_value = vec![0.0; triples.len()];
        let mut fill = item_ptr.clone();
        for &(u, i, v, _) in &triples {
            let at = &mut fill[i as usize];
            item_user[*at] = u;
            item_value[*at] = v;
            *at += 1;
        }
        Self {
            user_ptr,
            user_item: triples.iter().map(|t| t.1).collect(),
            user_value: triples.iter().map(|t| t.2).collect(),
            user_time: triples.iter().map(|t| t.3).collect(),
            item_ptr,
            item_user,
            item_value,
        }
    }

    /// Number of users.
    pub fn n_users(&self) -> usize {
        self.user_ptr.len().saturating_sub(1)
    }

    /// Number of items.
    pub fn n_items(&self) -> usize {
        self.item_ptr.len().saturating_sub(1)
    }

    /// Number of stored interactions.
    pub fn nnz(&self) -> usize {
        self.user_item.len()
    }

    /// The items of `user`, ascending.
    pub fn user_items(&self, user: usize) -> &[u32] {
        &self.user_item[self.user_ptr[user]..self.user_ptr[user + 1]]
    }

    /// The values of `user`, aligned with [`Matrix::user_items`].
    pub fn user_values(&self, user: usize) -> &[f32] {
        &self.user_value[self.user_ptr[user]..self.user_ptr[user + 1]]
    }

    /// The times of `user`, aligned with [`Matrix::user_items`].
    pub fn user_times(&self, user: usize) -> &[i64] {
        &self.user_time[self.user_ptr[user]..self.user_ptr[user + 1]]
    }

    /// The users of `item`, ascending.
    pub fn item_users(&self, item: usize) -> &[u32] {
        &self.item_user[self.item_ptr[item]..self.item_ptr[item + 1]]
    }

    /// The values of `item`, aligned with [`Matrix::item_users`].
    pub fn item_values(&self, item: usize) -> &[f32] {
        &self.item_value[self.item_ptr[item]..self.item_ptr[item + 1]]
    }

    /// `0.5^(k / half_life)` for each interaction of `user` (aligned with [`Matrix::user_items`]), `k` being its
    /// place counting back from the user's newest (0 for the newest; equal times ordered by item).
    pub fn recency_weights(&self, user: usize, half_life: f32) -> Vec<f32> {
        let (times, items) = (self.user_times(user), self.user_items(user));
        let mut newest_first: Vec<usize> = (0..times.len()).collect();
        newest_first.sort_by_key(|&k| std::cmp::Reverse((times[k], items[k])));
        let mut weights = vec![0.0; times.len()];
        for (place, k) in newest_first.into_iter().enumerate() {
            weights[k] = (-std::f32::consts::LN_2 * place as f32 / half_life).exp();
        }
        weights
    }

    /// The latest interaction time (0 when empty).
    pub fn max_time(&self) -> i64 {
        self.user_time.iter().copied().max().unwrap_or(0)
    }

    /// The interactions with a value of at least `threshold`, each with value 1 (implicit positives).
    #[must_use]
    pub fn positives(&self, threshold: f32) -> Self {
        self.filter_map(|_, _, value| (value >= threshold).then_some(1.0))
    }

    /// The same users and items with each value replaced by `f(user, k, value)` (`k`: the place in the user's
    /// row), dropping the interactions where it is `None`; times are kept.
    #[must_use]
    pub fn filter_map(&self, f: impl Fn(usize, usize, f32) -> Option<f32>) -> Self {
        let mut triples = Vec::new();
        for user in 0..self.n_users() {
            for (k, ((&item, &value), &time)) in
                self.user_items(user).iter().zip(self.user_values(user)).zip(self.user_times(user)).enumerate()
            {
                if let Some(value) = f(user, k, value) {
                    triples.push((user as u32, item, value, time));
                }
            }
        }
        Self::from_triples(self.n_users(), self.n_items(), triples)
    }

    /// Whether `user` has `item`.
    pub fn has(&self, user: usize, item: u32) -> bool {
        self.user_items(user).binary_search(&item).is_ok()
    }
}

/// A [`Matrix`] plus the maps between external ids and dense indices; items are indexed in id order.
#[derive(Debug, Clone)]
pub struct Interactions<U, I> {
    users: Vec<U>,
    items: Vec<I>,
    user_index: HashMap<U, u32>,
    item_index: HashMap<I, u32>,
    /// The values.
    pub matrix: Matrix,
}

impl<U: Copy + Eq + Hash + Ord, I: Copy + Eq + Hash + Ord> Interactions<U, I> {
    /// Builds the matrix; users and items are exactly those that occur in `interactions`, plus `extra_items`
    /// (catalog items nobody has yet, so content-based scoring can reach them).
    pub fn build(interactions: &[Interaction<U, I>], extra_items: &[I]) -> Self {
        let mut users: Vec<U> = interactions.iter().map(|x| x.user).collect();
        users.sort_unstable();
        users.dedup();
        let mut items: Vec<I> = interactions.iter().map(|x| x.item).chain(extra_items.iter().copied()).collect();
        items.sort_unstable();
        items.dedup();
        let user_index: HashMap<U, u32> = users.iter().enumerate().map(|(k, &u)| (u, k as u32)).collect();
        let item_index: HashMap<I, u32> = items.iter().enumerate().map(|(k, &i)| (i, k as u32)).collect();
        let triples =
            interactions.iter().map(|x| (user_index[&x.user], item_index[&x.item], x.value, x.time)).collect();
        let matrix = Matrix::from_triples(users.len(), items.len(), triples);
        Self { users, items, user_index, item_index, matrix }
    }

    /// The dense index of a user.
    pub fn user_index(&self, user: &U) -> Option<usize> {
        self.user_index.get(user).map(|&k| k as usize)
    }

    /// The dense index of an item.
    pub fn item_index(&self, item: &I) -> Option<u32> {
        self.item_index.get(item).copied()
    }

    /// The id of a user index.
    pub fn user_id(&self, user: usize) -> U {
        self.users[user]
    }

    /// The id of an item index.
    pub fn item_id(&self, item: u32) -> I {
        self.items[item as usize]
    }

    /// Every user id, in index order.
    pub fn users(&self) -> &[U] {
        &self.users
    }

    /// Every item id, in index order (ascending).
    pub fn items(&self) -> &[I] {
        &self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_both_directions_with_sorted_ids_and_keeps_the_latest_duplicate() {
        let x = |user, item, value, time| Interaction { user, item, value, time };
        let data =
            Interactions::build(&[x(7, 30, 4.0, 1), x(5, 10, 3.0, 2), x(7, 10, 1.0, 3), x(7, 30, 2.0, 9)], &[20]);
        assert_eq!(data.items(), &[10, 20, 30]);
        assert_eq!(data.users(), &[5, 7]);
        let m = &data.matrix;
        assert_eq!(m.user_items(1), &[0, 2]);
        assert_eq!(m.user_values(1), &[1.0, 2.0]);
        assert_eq!(m.item_users(0), &[0, 1]);
        assert_eq!(m.item_users(1), &[] as &[u32]);
        assert_eq!(m.nnz(), 3);
        assert_eq!(m.max_time(), 9);
        // User 1: item 10 at time 3, item 30 at time 9 (the newest).
        assert_eq!(m.recency_weights(1, 1.0), vec![0.5, 1.0]);
        let doubled = m.filter_map(|_, _, v| (v > 1.5).then_some(2.0 * v));
        assert_eq!(doubled.user_items(1), &[2]);
        assert_eq!(doubled.user_values(1), &[4.0]);
        assert_eq!(doubled.item_users(0), &[0]);
        assert_eq!(doubled.item_values(0), &[6.0]);
        assert_eq!(doubled.n_items(), 3);
        assert_eq!(m.positives(2.0).nnz(), 2);
        let places = m.filter_map(|u, k, _| Some((10 * u + k) as f32));
        assert_eq!(places.user_values(1), &[10.0, 11.0]);
    }
}
