//! Numbered slots whose numbers are reused once freed, so that tables indexed by slot stay
//! as large as what is alive, not as what was ever inserted.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Slots<T> {
    items: Vec<Option<T>>,
    /// Free slots, the last freed reused first (any order would do; this one is deterministic).
    free: Vec<u32>,
}

impl<T> Default for Slots<T> {
    fn default() -> Self {
        Slots { items: Vec::new(), free: Vec::new() }
    }
}

impl<T> Slots<T> {
    /// Stores `item` and returns its slot.
    pub fn insert(&mut self, item: T) -> u32 {
        match self.free.pop() {
            Some(slot) => {
                self.items[slot as usize] = Some(item);
                slot
            }
            None => {
                self.items.push(Some(item));
                (self.items.len() - 1) as u32
            }
        }
    }

    pub fn remove(&mut self, slot: u32) -> T {
        let item = self.items[slot as usize].take().expect("a slot is freed once");
        self.free.push(slot);
        item
    }

    /// Slots in use.
    pub fn len(&self) -> usize {
        self.items.len() - self.free.len()
    }

    /// One more than the highest slot ever used: the size of a table indexed by slot.
    pub fn capacity(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.items.iter().flatten()
    }
}

impl<T> std::ops::Index<u32> for Slots<T> {
    type Output = T;

    fn index(&self, slot: u32) -> &T {
        self.items[slot as usize].as_ref().expect("a live slot")
    }
}

impl<T> std::ops::IndexMut<u32> for Slots<T> {
    fn index_mut(&mut self, slot: u32) -> &mut T {
        self.items[slot as usize].as_mut().expect("a live slot")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freed_slots_are_reused() {
        let mut slots = Slots::default();
        let (a, b) = (slots.insert("a"), slots.insert("b"));
        assert_eq!(slots.remove(a), "a");
        assert_eq!(slots.len(), 1);
        let c = slots.insert("c");
        assert_eq!((c, slots[c], slots[b]), (a, "c", "b"));
        assert_eq!(slots.capacity(), 2);
    }
}
