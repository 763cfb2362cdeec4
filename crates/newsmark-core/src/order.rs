//! Stable sorting with one copy of the sorting code in the app's wasm.
//!
//! The standard library's sort is compiled anew for every element type and comparison:
//! about 3.7 KB of wasm each, 27 copies in the app (measured with twiggy, BENCHMARKS.md
//! "What the first load carries"). The core's sorts go through [`sort_by`], which sorts
//! indices with one comparison behind a `dyn`, and then moves the items into that order.
//! It is stable, as `slice::sort_by` is.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, keeping equal items in their order (`slice::sort_by`).
pub fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_indices(items.len(), &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `items` by `key`, keeping items with equal keys in their order (`slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// `0..n` in the order `cmp` gives: the one place the standard sort is instantiated.
fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_sorted_by_length_keep_their_order_among_equals() {
        let mut names = vec!["Ana", "Bo", "Cyd", "Di", "Eve"];
        sort_by_key(&mut names, |n| n.len());
        assert_eq!(names, ["Bo", "Di", "Ana", "Cyd", "Eve"]);
    }

    proptest! {
        #[test]
        fn sorts_as_the_standard_library_does(items in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut ours = items.clone();
            let mut std = items;
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std);
        }
    }
}
