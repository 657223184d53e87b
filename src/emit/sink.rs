//! Where a file's text goes as it is written: part after part, in order.
//!
//! The large files (a version's example tests, types, and its largest area
//! module: megabytes each) are written item by item, the items of a window
//! rendered in parallel into buffers kept for the next window, then handed
//! to the sink in order. A full run's sink compares the text with the file
//! already there and writes it out as it comes
//! ([`crate::write::FileSink`]), so no file's whole text is ever held.

use super::code::Code;
use rayon::prelude::*;

/// The receiver of a file's text.
pub trait Sink {
    /// The next part of the file.
    fn push(&mut self, text: &str);
}

/// The text held in memory, whole (small files, tests, bundled output).
impl Sink for String {
    fn push(&mut self, text: &str) {
        self.push_str(text);
    }
}

/// How many items are rendered before their text is handed on: enough for
/// every thread to take a share, few enough that a window of the largest
/// items (an endpoint with its docs, a few kilobytes) stays under a
/// megabyte.
pub const WINDOW: usize = 128;

/// Each item written by `write` into a buffer of its own, in parallel a
/// window at a time, and the buffers handed to `sink` in item order. The
/// buffers are kept from one window to the next (cleared, not freed), so a
/// file of thousands of items touches the memory of one window.
pub fn in_order<T: Sync>(sink: &mut dyn Sink, items: &[T], write: impl Fn(&mut Code, &T) + Sync) {
    let mut slots: Vec<Code> = Vec::new();
    for window in items.chunks(WINDOW) {
        slots.resize_with(window.len().max(slots.len()), Code::new);
        let used = slots.get_mut(..window.len()).unwrap_or_default();
        used.par_iter_mut().zip(window).for_each(|(c, item)| {
            c.clear();
            write(c, item);
        });
        for c in used.iter() {
            sink.push(c.text());
        }
    }
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn items_come_out_in_order_across_windows() {
        for n in [0, 1, WINDOW - 1, WINDOW, WINDOW + 1, 3 * WINDOW + 7] {
            let items: Vec<usize> = (0..n).collect();
            let mut out = String::new();
            // Items of very different sizes, some empty, so a slot reused by
            // a smaller item must not keep the larger one's tail.
            in_order(&mut out, &items, |c, &i| {
                if i % 5 != 0 {
                    c.line(&i.to_string().repeat(1 + (i * 7) % 13));
                }
            });
            let want: String = items.iter().filter(|&&i| i % 5 != 0).map(|i| i.to_string().repeat(1 + (i * 7) % 13) + "\n").collect();
            assert_eq!(out, want, "{n} items");
        }
    }
}
