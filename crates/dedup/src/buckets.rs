//! The LSH buckets: band key → the members listed under it, a few groups at most.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use storyline_codec::IdBuild;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Buckets {
    /// Band key → the first member listed in that bucket.
    first: HashMap<u32, u32, IdBuild>,
    /// Band key → the further members of a bucket (other groups), rare.
    crowded: HashMap<u32, Vec<u32>, IdBuild>,
}

impl Buckets {
    /// Buckets listing at least one member.
    pub fn len(&self) -> usize {
        self.first.len()
    }

    pub fn members(&self, key: u32) -> impl Iterator<Item = u32> + '_ {
        let first = self.first.get(&key).copied();
        let rest = first.and_then(|_| self.crowded.get(&key)).map(Vec::as_slice).unwrap_or_default();
        first.into_iter().chain(rest.iter().copied())
    }

    /// Lists `member` of `group` under `key` unless the bucket lists that group already or
    /// holds `max_groups` members; returns whether it did. `group_of` names a listed member's
    /// group.
    pub fn list(
        &mut self,
        key: u32,
        member: u32,
        group: u32,
        max_groups: usize,
        group_of: impl Fn(u32) -> u32,
    ) -> bool {
        if let Entry::Vacant(free) = self.first.entry(key) {
            free.insert(member);
            return true;
        }
        let (mut listed, mut has_group) = (0, false);
        for m in self.members(key) {
            listed += 1;
            has_group |= group_of(m) == group;
        }
        if has_group || listed >= max_groups {
            return false;
        }
        self.crowded.entry(key).or_default().push(member);
        true
    }

    /// Takes `member` out of the bucket `key`, if it is listed there.
    pub fn unlist(&mut self, key: u32, member: u32) {
        let Entry::Occupied(mut first) = self.first.entry(key) else { return };
        if *first.get() == member {
            match self.crowded.get_mut(&key) {
                Some(rest) => {
                    first.insert(rest.remove(0));
                    if rest.is_empty() {
                        self.crowded.remove(&key);
                    }
                }
                None => {
                    first.remove();
                }
            }
        } else if let Some(rest) = self.crowded.get_mut(&key) {
            rest.retain(|&m| m != member);
            if rest.is_empty() {
                self.crowded.remove(&key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_lists_a_group_once_and_a_few_groups_at_most() {
        let mut b = Buckets::default();
        let group_of = |m: u32| m / 10;
        assert!(b.list(7, 10, 1, 2, group_of));
        assert!(!b.list(7, 11, 1, 2, group_of));
        assert!(b.list(7, 20, 2, 2, group_of));
        assert!(!b.list(7, 30, 3, 2, group_of));
        assert_eq!(b.members(7).collect::<Vec<_>>(), [10, 20]);
    }

    #[test]
    fn unlisting_keeps_the_other_members() {
        let mut b = Buckets::default();
        let group_of = |m: u32| m;
        for m in [1, 2, 3] {
            b.list(5, m, m, 8, group_of);
        }
        b.unlist(5, 1);
        assert_eq!(b.members(5).collect::<Vec<_>>(), [2, 3]);
        b.unlist(5, 3);
        b.unlist(5, 9);
        assert_eq!(b.members(5).collect::<Vec<_>>(), [2]);
        b.unlist(5, 2);
        assert_eq!((b.len(), b.members(5).count(), b.crowded.len()), (0, 0, 0));
    }
}
