//! Parallel work handed back in order: what a command writes or prints follows the
//! documents' order while the documents are processed on every core.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};

/// How many finished results may wait in the channel for the consumer.
const IN_FLIGHT: usize = 64;

/// One item of [`for_each_in_order`]: a result known already (from a cache), or work
/// for a worker.
pub(crate) enum Slot<I, R> {
    /// The result, handed on without a worker (a message between threads per item
    /// would cost more than the item).
    Ready(R),
    /// What a worker turns into the result.
    Work(I),
}

/// Runs `f` on every item of `items` on rayon's threads and hands each result to `sink`
/// in the items' order, as soon as it and every earlier one are ready.
/// [`for_each_in_order`] with nothing ready.
pub(crate) fn for_each_ordered<I: Sync, R: Send, E>(
    items: &[I],
    f: impl Fn(&I) -> R + Sync,
    sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    for_each_in_order(items.iter().map(Slot::Work), f, sink)
}

/// Hands the result of every slot to `sink`, in the slots' order: a ready one as it is,
/// a work item once `f` has run on it on rayon's threads, as soon as it and every
/// earlier one are ready. Workers take the items in order, so results arrive nearly in
/// order and few wait: nothing is held for the whole run. The first error from `sink`
/// ends the run (no item is started after it) and is returned.
pub(crate) fn for_each_in_order<I: Send, R: Send, E>(
    slots: impl IntoIterator<Item = Slot<I, R>>,
    f: impl Fn(I) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    use rayon::prelude::*;

    // The ready results and the work, each with its place. Nothing the size of a result
    // is kept per work item: a vector of a result's size per document would grow with
    // the corpus (a third of a build's memory at 10,000 articles).
    let mut ready = Vec::new();
    let mut work = Vec::new();
    let mut count = 0;
    for (i, slot) in slots.into_iter().enumerate() {
        count = i + 1;
        match slot {
            Slot::Ready(result) => ready.push((i, result)),
            Slot::Work(item) => work.push((i, item)),
        }
    }
    let mut ready = ready.into_iter().peekable();
    let stop = AtomicBool::new(false);
    let (sender, receiver) = std::sync::mpsc::sync_channel::<(usize, R)>(IN_FLIGHT);
    std::thread::scope(|scope| {
        let (f, stop) = (&f, &stop);
        scope.spawn(move || {
            work.into_iter()
                .par_bridge()
                .for_each_with(sender, |sender, (i, item)| {
                    if !stop.load(Ordering::Relaxed) {
                        // The consumer is gone only after an error: nothing to hand.
                        let _ = sender.send((i, f(item)));
                    }
                });
        });
        let mut waiting = BTreeMap::new();
        let mut received = receiver.into_iter();
        for i in 0..count {
            let result = match ready.next_if(|(j, _)| *j == i) {
                Some((_, result)) => result,
                None => loop {
                    if let Some(result) = waiting.remove(&i) {
                        break result;
                    }
                    // The workers ended without it: they panicked, which the end of
                    // the scope reports.
                    let Some((j, result)) = received.next() else {
                        return Ok(());
                    };
                    waiting.insert(j, result);
                },
            };
            if let Err(error) = sink(result) {
                stop.store(true, Ordering::Relaxed);
                // Returning drops the receiver, so a worker blocked on a send ends.
                return Err(error);
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_order_of_the_items_however_long_each_takes() {
        let items: Vec<u64> = (0..500).collect();
        let mut seen = Vec::new();
        let done: Result<(), ()> = for_each_ordered(
            &items,
            |&i| {
                // Early items take longest, so later ones finish first.
                if i % 7 == 0 {
                    std::thread::sleep(std::time::Duration::from_micros(500 - i));
                }
                i * 2
            },
            |r| {
                seen.push(r);
                Ok(())
            },
        );
        assert_eq!(done, Ok(()));
        assert_eq!(seen, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn an_error_from_the_sink_stops_the_run_and_is_returned() {
        let items: Vec<u32> = (0..10_000).collect();
        let started = std::sync::atomic::AtomicUsize::new(0);
        let mut seen = 0;
        let done = for_each_ordered(
            &items,
            |&i| {
                started.fetch_add(1, Ordering::Relaxed);
                std::thread::sleep(std::time::Duration::from_micros(20));
                i
            },
            |i| {
                seen += 1;
                if i == 3 {
                    Err(format!("stopped at {i}"))
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(done, Err("stopped at 3".to_string()));
        assert_eq!(seen, 4);
        // Work already taken may finish, but the rest is never started.
        assert!(started.load(Ordering::Relaxed) < items.len());
    }

    #[test]
    fn ready_results_pass_between_the_workers_in_order() {
        let slots: Vec<Slot<u32, u32>> = (0..300)
            .map(|i| {
                if i % 3 == 0 {
                    Slot::Work(i)
                } else {
                    Slot::Ready(i * 10)
                }
            })
            .collect();
        let mut seen = Vec::new();
        let done: Result<(), ()> = for_each_in_order(
            slots,
            |i| i * 10,
            |r| {
                seen.push(r);
                Ok(())
            },
        );
        assert_eq!(done, Ok(()));
        assert_eq!(seen, (0..300).map(|i| i * 10).collect::<Vec<_>>());
    }

    #[test]
    fn no_items_no_calls() {
        let done: Result<(), ()> =
            for_each_ordered(&[] as &[u8], |_| unreachable!(), |_: ()| unreachable!());
        assert_eq!(done, Ok(()));
    }
}
