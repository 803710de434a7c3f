//! Byte offsets to line/column positions.

use crate::model::Position;

/// Turns byte offsets of a file into line/column positions, walking forward
/// (offsets are asked for mostly in increasing order).
pub struct Lines<'a> {
    text: &'a [u8],
    pos: usize,
    line: u32,
    line_start: usize,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text: text.as_bytes(),
            pos: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// The position of byte `offset` (a char boundary).
    pub fn at(&mut self, offset: usize) -> Position {
        if offset < self.pos {
            self.line -= count_newlines(&self.text[offset..self.pos]);
            self.line_start = memchr::memrchr(b'\n', &self.text[..offset]).map_or(0, |k| k + 1);
            self.pos = offset;
        } else if offset > self.pos {
            let gap = &self.text[self.pos..offset];
            let newlines = if gap.len() < 256 {
                gap.iter().filter(|&&c| c == b'\n').count() as u32
            } else {
                count_newlines(gap)
            };
            if newlines > 0 {
                self.line += newlines;
                self.line_start = self.pos + memchr::memrchr(b'\n', gap).map_or(0, |k| k + 1);
            }
            self.pos = offset;
        }
        let line = &self.text[self.line_start..offset];
        let chars = if line.is_ascii() {
            line.len()
        } else {
            line.iter().filter(|&&c| (c & 0xC0) != 0x80).count()
        };
        Position {
            line: self.line,
            column: chars as u32 + 1,
        }
    }
}

/// The number of `\n` in `b`, eight bytes at a time: a byte of `w ^ NL` is
/// zero exactly where `w` has a newline, and the classic zero-byte test marks
/// it with its high bit, without carries between bytes. Several times faster
/// than a byte loop (which the compiler does not vectorise here) or one
/// `memchr` call per line.
fn count_newlines(b: &[u8]) -> u32 {
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const NL: u64 = 0x0a0a_0a0a_0a0a_0a0a;
    const LO8: u64 = 0x00ff_00ff_00ff_00ff;
    // Per-byte counts of at most 255 words each.
    let lanes = |part: &[u8]| {
        let mut acc = 0u64;
        for w in part.chunks_exact(8) {
            let t = u64::from_le_bytes(w.try_into().unwrap_or_default()) ^ NL;
            acc += (!(((t & LO7) + LO7) | t) & !LO7) >> 7;
        }
        let pairs = (acc & LO8) + ((acc >> 8) & LO8);
        pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48
    };
    let mut n = 0u64;
    let mut blocks = b.chunks_exact(8 * 255);
    for block in blocks.by_ref() {
        n += lanes(block);
    }
    let rest = blocks.remainder();
    let whole = rest.len() / 8 * 8;
    n += lanes(&rest[..whole]);
    n as u32 + rest[whole..].iter().filter(|&&c| c == b'\n').count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_are_counted() {
        let mut seed = 7u32;
        let mut random = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            [b'\n', b'\n', 0x0b, 0x8a, 0x09, 0xff, 0x00, b'x'][(seed >> 16) as usize % 8]
        };
        for n in [0, 1, 7, 8, 9, 2039, 2040, 2045, 100_000] {
            let all = vec![b'\n'; n];
            assert_eq!(count_newlines(&all), n as u32);
            let mixed: Vec<u8> = (0..n).map(|_| random()).collect();
            let want = mixed.iter().filter(|&&c| c == b'\n').count() as u32;
            assert_eq!(count_newlines(&mixed), want, "{n}");
        }
    }

    #[test]
    fn positions_walk_both_ways() {
        let text = "ab\ncdé\r\n\nx";
        let mut lines = Lines::new(text);
        let at = |l: &mut Lines, o: usize| {
            let p = l.at(o);
            (p.line, p.column)
        };
        assert_eq!(at(&mut lines, 10), (4, 1));
        assert_eq!(at(&mut lines, 5), (2, 3));
        assert_eq!(at(&mut lines, 1), (1, 2));
        assert_eq!(at(&mut lines, 7), (2, 4));
        assert_eq!(at(&mut lines, 9), (3, 1));
    }
}
