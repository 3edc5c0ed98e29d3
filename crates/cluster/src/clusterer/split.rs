//! The split pass: a story whose latest articles fall into two groups that no longer resemble
//! each other is cut in two.
//!
//! Joins are greedy and the merge pass is lenient (merges chain), so a story can come to hold
//! two events, or a running story drift from one stage to the next. Each story keeps its
//! latest members' weighted vectors ([`Config::split_window`]); once it has grown enough since
//! its last test, the pass runs 2-means over them and splits when the two halves' similarity
//! (the join's, without time decay) is below [`Config::split_threshold`]. The half holding the
//! oldest member keeps the story's number, the other opens a new one, and both centroids are
//! rebuilt from their members. The threshold lies below the merge threshold, so the merge pass
//! that follows never joins the two halves again at once; halves that grow back together
//! later are merged as any two stories are.
//!
//! [`Config::split_window`]: super::Config::split_window
//! [`Config::split_threshold`]: super::Config::split_threshold

use super::{Assignment, Channels, Clusterer, Story, StoryId};
use crate::vector;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, VecDeque};
use storyline_codec::IdBuild;

/// Fewest members a story needs to be tested.
const MIN_MEMBERS: usize = 4;
/// Fewest members each half of a split keeps: a lone outlier is left where it joined.
const MIN_HALF: usize = 2;
/// Most 2-means rounds; from its two far-apart seeds it usually settles in two.
const ROUNDS: usize = 4;
/// Terms kept of each channel of a member's vector. Most of a TF-IDF vector's weight lies in
/// its heaviest terms, and a story's window of members stays a few kilobytes per member
/// however long its articles are.
const MEMBER_TERMS: usize = 48;

/// One article of a story, as it joined.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Member {
    /// Its number ([`Assignment::article`]).
    article: u64,
    /// Its weighted vectors, cut to [`MEMBER_TERMS`] per channel.
    channels: Channels,
    day: Option<f64>,
    language: Option<String>,
}

/// A story's latest members, oldest first, and how much it grew since its last test.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct Members {
    list: VecDeque<Member>,
    /// Members added since the last test (joins and merged-in members).
    added_since_test: usize,
    /// Members in the window at the last test.
    tested_with: usize,
}

impl Members {
    fn from_list(list: Vec<Member>) -> Members {
        let tested_with = list.len();
        Members { list: list.into(), added_since_test: 0, tested_with }
    }

    fn trim(&mut self, window: usize) {
        while self.list.len() > window {
            self.list.pop_front();
        }
    }

    /// Due for a test when it doubled since the last test: a story is tested at 4, 8, 16...
    /// members while it fills its window and every `window` articles after, so the pass
    /// costs a constant per article.
    fn due(&self) -> bool {
        self.list.len() >= MIN_MEMBERS && self.added_since_test >= self.tested_with
    }
}

/// What the split pass keeps between passes.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Ledger {
    /// Active stories that grew since their last test, to test at the next pass.
    due: BTreeSet<StoryId>,
    /// Article → the story its latest split moved it to.
    moved: HashMap<u64, StoryId, IdBuild>,
    /// Splits made.
    made: u64,
}

impl Ledger {
    /// A story left the active set.
    pub(super) fn forget(&mut self, id: StoryId) {
        self.due.remove(&id);
    }
}

impl Story {
    /// A story of these members alone: its centroid is the heaviest terms of the sum of their
    /// (cut) vectors.
    fn of_members<'a>(members: impl IntoIterator<Item = &'a Member> + Clone, keep: usize) -> Story {
        let mut sum = Channels::default();
        for (i, channel) in sum.each_mut().into_iter().enumerate() {
            *channel = vector::sum(members.clone().into_iter().map(|m| m.channels.each()[i]));
        }
        let mut story = Story::default();
        story.absorb(&sum, keep);
        for m in members {
            story.count(m.day, m.language.as_deref());
        }
        story
    }
}

impl Clusterer {
    fn splitting(&self) -> bool {
        self.config.split_threshold > 0.0 && self.config.split_window > 0
    }

    /// Keeps a story's new member for the split pass.
    pub(super) fn remember(
        &mut self,
        id: StoryId,
        article: u64,
        mut channels: Channels,
        day: Option<f64>,
        language: Option<&str>,
    ) {
        if !self.splitting() {
            return;
        }
        for channel in channels.each_mut() {
            vector::keep_heaviest(channel, MEMBER_TERMS);
            channel.shrink_to_fit();
        }
        let window = self.config.split_window;
        let members = &mut self.stories.get_mut(&id).expect("an active story").members;
        members.list.push_back(Member { article, channels, day, language: language.map(str::to_string) });
        members.trim(window);
        members.added_since_test += 1;
        if members.due() {
            self.splits.due.insert(id);
        }
    }

    /// The merge pass moved story `from`'s members into `into`: they join its window in the
    /// order the articles came.
    pub(super) fn absorb_members(&mut self, from: StoryId, gone: Members, into: StoryId) {
        self.splits.forget(from);
        if gone.list.is_empty() {
            return;
        }
        let window = self.config.split_window;
        let members = &mut self.stories.get_mut(&into).expect("merging into an active story").members;
        let mut list: Vec<Member> = std::mem::take(&mut members.list).into();
        list.extend(gone.list);
        list.sort_by_key(|m| m.article);
        members.list = list.into();
        members.trim(window);
        members.added_since_test += gone.added_since_test.max(1);
        if members.due() {
            self.splits.due.insert(into);
        }
    }

    /// Where the article of this assignment is now: the story it joined or opened, or the one
    /// a split moved it to, following merges.
    pub fn story_of(&self, assignment: &Assignment) -> StoryId {
        self.resolve(self.splits.moved.get(&assignment.article).copied().unwrap_or(assignment.story))
    }

    /// Splits made so far.
    pub fn splits_made(&self) -> u64 {
        self.splits.made
    }

    /// Tests the stories that grew enough since their last test and splits those whose
    /// latest members form two dissimilar groups. Runs before each merge pass; call it at
    /// the end of a stream, before the last merge pass.
    pub fn split_pass(&mut self) {
        for id in std::mem::take(&mut self.splits.due) {
            let Some(story) = self.stories.get_mut(&id) else { continue };
            story.members.added_since_test = 0;
            story.members.tested_with = story.members.list.len();
            if let Some(leaving) = self.two_groups(id) {
                self.split(id, &leaving);
            }
        }
    }

    /// 2-means over the story's members, seeded with the member least like the story and
    /// the member least like that one: which members would leave (those not in the oldest
    /// member's group), when both groups are big enough and unlike each other.
    fn two_groups(&self, id: StoryId) -> Option<Vec<bool>> {
        let story = &self.stories[&id];
        let members = &story.members.list;
        if members.len() < MIN_MEMBERS {
            return None;
        }
        let keep = self.config.centroid_terms;
        let like = |m: &Member, s: &Story| self.similarity(&m.channels, None, m.language.as_slice(), s);
        let least_like = |s: &Story| {
            (0..members.len()).min_by(|&a, &b| like(&members[a], s).total_cmp(&like(&members[b], s)))
        };
        let first = least_like(story)?;
        let second = least_like(&Story::of_members([&members[first]], keep))?;
        if first == second {
            return None;
        }
        let half = |side: bool, in_second: &[bool]| {
            let of_side = members.iter().zip(in_second).filter(move |&(_, &s)| s == side).map(|(m, _)| m);
            Story::of_members(of_side, keep)
        };
        let mut halves =
            [Story::of_members([&members[first]], keep), Story::of_members([&members[second]], keep)];
        let mut in_second: Vec<bool> = Vec::new();
        for _ in 0..ROUNDS {
            let next: Vec<bool> = members.iter().map(|m| like(m, &halves[1]) > like(m, &halves[0])).collect();
            if next == in_second {
                break;
            }
            in_second = next;
            halves = [half(false, &in_second), half(true, &in_second)];
        }
        let leaving = in_second.iter().filter(|&&s| s).count();
        if leaving < MIN_HALF || members.len() - leaving < MIN_HALF {
            return None;
        }
        let [a, b] = &halves;
        let apart = self.similarity(&a.unit(), None, &a.languages, b) < self.config.split_threshold;
        // The oldest member's group stays.
        apart.then(|| in_second.iter().map(|&second| second != in_second[0]).collect())
    }

    /// Cuts story `id` in two: the members marked `leaving` open a new story.
    fn split(&mut self, id: StoryId, leaving: &[bool]) {
        let keep = self.config.centroid_terms;
        let new_id = self.next_story;
        self.next_story += 1;
        self.splits.made += 1;
        let story = self.stories.get_mut(&id).expect("splitting an active story");
        let (mut stay, mut leave) = (Vec::new(), Vec::new());
        for (m, &out) in std::mem::take(&mut story.members.list).into_iter().zip(leaving) {
            if out { leave.push(m) } else { stay.push(m) }
        }
        // Articles that left the window stay with the story's number; its profile is its
        // window's from now on.
        let size = story.size - leave.len() as u32;
        *story = Story { size, touched: story.touched, ..Story::of_members(&stay, keep) };
        story.members = Members::from_list(stay);

        let mut opened = Story::of_members(&leave, keep);
        for m in &leave {
            self.splits.moved.insert(m.article, new_id);
        }
        opened.members = Members::from_list(leave);
        self.tick += 1;
        opened.touched = self.tick;
        self.recency.insert((self.tick, new_id));
        let q = self.config.query_terms;
        let keys: Vec<u64> =
            opened.unit().each().into_iter().flat_map(|c| vector::heaviest_keys(c, q)).collect();
        self.stories.insert(new_id, opened);
        self.post(new_id, &keys);
        // Each half may belong with another story: the merge pass looks.
        self.dirty.insert(id);
        self.dirty.insert(new_id);
    }
}
