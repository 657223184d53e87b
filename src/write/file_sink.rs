//! The streaming half of the write stage's first phase: one file compared
//! with the file already at its target and staged as its text comes.

use super::{Staged, Stager, State};
use crate::error::{io_cause, Error};
use std::io::{Read, Seek, Write};
use std::path::PathBuf;

/// Bytes gathered before the kernel is handed them: thousands of small
/// writes (or one `writev` of thousands of parts) made its copy into the
/// page cache dearer than this copy.
pub(super) const WRITE_BUFFER: usize = 1 << 18;

/// How much of the file already at a target is read at a time to be
/// compared.
const COMPARE_BUFFER: usize = 1 << 16;

/// The file already at a target, read as far as the new text equals it.
struct Old {
    file: std::fs::File,
    len: u64,
    /// What was read and not compared yet: `buf[at..]`.
    buf: Vec<u8>,
    at: usize,
}

impl Old {
    /// How many of `bytes` equal the old file's next bytes before the first
    /// that does not (or the old file ends): `bytes.len()` when all do.
    /// Counted in pieces, so the count can fall short of the first
    /// difference; what matters is that every byte counted is equal.
    fn equal_prefix(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let mut done = 0;
        while let Some(rest) = bytes.get(done..).filter(|r| !r.is_empty()) {
            if self.at == self.buf.len() {
                self.buf.resize(COMPARE_BUFFER, 0);
                let n = self.file.read(&mut self.buf)?;
                self.buf.truncate(n);
                self.at = 0;
                if n == 0 {
                    break;
                }
            }
            let old = self.buf.get(self.at..).unwrap_or_default();
            let n = old.len().min(rest.len());
            if old.get(..n) != rest.get(..n) {
                break;
            }
            self.at += n;
            done += n;
        }
        Ok(done)
    }
}

/// One file staged as its text comes, part after part, from any thread.
///
/// While the text equals the file already at the target nothing is
/// written; at the first part that differs a temporary file is opened
/// beside the target, the old file's equal prefix copied into it and the
/// rest of the text streamed after it. An unchanged file makes no
/// temporary file at all, and in check mode none is ever made.
/// [`FileSink::finish`] ends the file; an I/O error is kept and returned
/// there (the parts after it are dropped).
pub struct FileSink<'s, 'a> {
    stager: &'s Stager<'a>,
    rel: String,
    target: PathBuf,
    /// [`State::Unchanged`] while every byte so far equals the old file's.
    state: State,
    /// The old file, while it is being compared.
    old: Option<Old>,
    /// How many bytes equal the old file's.
    matched: u64,
    temp: Option<(PathBuf, std::io::BufWriter<std::fs::File>)>,
    error: Option<Error>,
}

impl<'s, 'a> FileSink<'s, 'a> {
    /// Compare with what the output folder holds at `rel` (a safe path).
    pub(super) fn new(stager: &'s Stager<'a>, rel: &str) -> Self {
        let target = stager.out.join(rel);
        // An unreadable file is replaced as if it were not there; a folder
        // in the way differs from any text (and is refused when written).
        let (state, old) = match std::fs::File::open(&target).and_then(|f| f.metadata().map(|m| (f, m))) {
            Ok((file, meta)) if meta.is_file() => (State::Unchanged, Some(Old { file, len: meta.len(), buf: Vec::new(), at: 0 })),
            Ok(_) => (State::Changed, None),
            Err(_) => (State::Created, None),
        };
        FileSink { stager, rel: rel.to_string(), target, state, old, matched: 0, temp: None, error: None }
    }

    /// The next bytes of the file.
    pub fn write(&mut self, bytes: &[u8]) {
        if self.error.is_none() {
            if let Err(e) = self.write_or_fail(bytes) {
                self.error = Some(e);
            }
        }
    }

    fn write_or_fail(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let rest = match &mut self.old {
            Some(old) => {
                let equal = old.equal_prefix(bytes).map_err(|e| self.cannot("read", &e))?;
                self.matched += equal as u64;
                match bytes.get(equal..) {
                    Some(rest) if !rest.is_empty() => rest,
                    _ => return Ok(()),
                }
            }
            None => bytes,
        };
        self.differs()?;
        match &mut self.temp {
            Some((_, w)) => w.write_all(rest).map_err(|e| self.cannot("write", &e)),
            None => Ok(()),
        }
    }

    /// From here on the text differs from the old file (or there is none):
    /// outside check mode, open the temporary file and copy the old file's
    /// equal prefix into it.
    fn differs(&mut self) -> Result<(), Error> {
        let Some(mut old) = self.old.take() else {
            if self.temp.is_none() && !self.stager.check {
                self.temp = Some(self.stager.temp_for(&self.target)?);
            }
            return Ok(());
        };
        self.state = State::Changed;
        if self.stager.check {
            return Ok(());
        }
        let (tmp, mut w) = self.stager.temp_for(&self.target)?;
        let copied = old.file.rewind().and_then(|()| std::io::copy(&mut (&mut old.file).take(self.matched), &mut w));
        self.temp = Some((tmp, w));
        match copied {
            Ok(n) if n == self.matched => Ok(()),
            Ok(_) => Err(Error::Output(format!("cannot read {}: it changed while being read", self.target.display()))),
            Err(e) => Err(self.cannot("read", &e)),
        }
    }

    fn cannot(&self, what: &str, e: &std::io::Error) -> Error {
        Error::Output(format!("cannot {what} {}: {}", self.target.display(), io_cause(e)))
    }

    /// The file is whole: compared, and unless unchanged or in check mode,
    /// written under its temporary name.
    pub fn finish(mut self) -> Result<Staged, Error> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        if self.old.as_ref().is_some_and(|old| old.len == self.matched) {
            return Ok(Staged { path: self.rel, state: State::Unchanged, temp: None });
        }
        // The old file is longer than the text, or there is none.
        self.differs()?;
        let temp = match self.temp.take() {
            Some((tmp, w)) => {
                w.into_inner().map_err(|e| self.cannot("write", e.error()))?;
                Some((tmp, self.target.clone()))
            }
            None => None,
        };
        Ok(Staged { path: self.rel, state: self.state, temp })
    }
}

impl crate::emit::Sink for FileSink<'_, '_> {
    fn push(&mut self, text: &str) {
        self.write(text.as_bytes());
    }
}

#[cfg(test)]
mod unit {
    use super::*;
    use proptest::prelude::*;

    /// `bytes` cut at `cuts` (offsets taken modulo its length, sorted).
    fn cut<'b>(bytes: &'b [u8], cuts: &[usize]) -> Vec<&'b [u8]> {
        let mut at: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
        at.sort_unstable();
        let mut parts = Vec::new();
        let mut from = 0;
        for c in at {
            parts.push(&bytes[from..c]);
            from = c;
        }
        parts.push(&bytes[from..]);
        parts
    }

    /// Stage `new` over a folder holding `old` (none: no file), in `parts`;
    /// the staged file and whether a temporary file existed before the
    /// rename.
    fn stage_over(old: Option<&[u8]>, new: &[u8], cuts: &[usize], check: bool) -> (Staged, Vec<u8>, bool) {
        let dir = tempfile::tempdir().unwrap();
        if let Some(old) = old {
            std::fs::write(dir.path().join("f.rs"), old).unwrap();
        }
        let stager = Stager::new(dir.path(), check, None);
        let mut sink = stager.sink("f.rs").unwrap();
        for part in cut(new, cuts) {
            sink.write(part);
        }
        let staged = sink.finish().unwrap();
        let temps = std::fs::read_dir(dir.path()).unwrap().flatten().any(|e| e.file_name().to_string_lossy().ends_with("msgraph-docgen-tmp"));
        let kept = Staged { path: staged.path.clone(), state: staged.state, temp: None };
        stager.finish(vec![staged]).unwrap();
        (kept, std::fs::read(dir.path().join("f.rs")).unwrap_or_default(), temps)
    }

    /// Text long enough that the comparison reads the old file in several
    /// pieces.
    fn long_text(n: usize, seed: u8) -> Vec<u8> {
        (0..n).map(|i| b'a' + ((i * 31 + usize::from(seed)) % 26) as u8).collect()
    }

    #[test]
    fn an_unchanged_file_makes_no_temporary_file_and_is_not_written() {
        let text = long_text(3 * COMPARE_BUFFER + 17, 1);
        let (staged, bytes, temps) = stage_over(Some(&text), &text, &[5, COMPARE_BUFFER, 2 * COMPARE_BUFFER + 3], false);
        assert_eq!((staged.state, temps, bytes == text), (State::Unchanged, false, true));
        let (staged, _, temps) = stage_over(Some(b""), b"", &[], false);
        assert_eq!((staged.state, temps), (State::Unchanged, false));
    }

    #[test]
    fn a_changed_file_is_written_exactly_wherever_it_differs() {
        let base = long_text(2 * COMPARE_BUFFER + 100, 2);
        let mut middle = base.clone();
        middle[COMPARE_BUFFER + 7] = b'#';
        let mut end = base.clone();
        *end.last_mut().unwrap() = b'#';
        let mut first = base.clone();
        first[0] = b'#';
        let shorter = &base[..base.len() - 1];
        let longer = [base.as_slice(), b"tail"].concat();
        let cases: [(&[u8], &[u8]); 8] =
            [(&base, &middle), (&base, &end), (&base, &first), (&base, shorter), (&base, &longer), (shorter, &base), (&longer, &base), (&base, b"")];
        for (i, (old, new)) in cases.into_iter().enumerate() {
            for cuts in [vec![], vec![1, 2, 3], vec![COMPARE_BUFFER + 7, COMPARE_BUFFER + 8, 40_000]] {
                let (staged, bytes, temps) = stage_over(Some(old), new, &cuts, false);
                assert_eq!((staged.state, temps), (State::Changed, true), "case {i}");
                assert!(bytes == new, "case {i}, cuts {cuts:?}: {} bytes written, {} wanted", bytes.len(), new.len());
            }
        }
    }

    #[test]
    fn a_new_file_is_written_even_when_empty_and_check_mode_writes_nothing() {
        for new in [&b""[..], b"x", &long_text(COMPARE_BUFFER + 1, 3)] {
            let (staged, bytes, _) = stage_over(None, new, &[7], false);
            assert_eq!((staged.state, bytes.as_slice()), (State::Created, new));
            let (staged, bytes, temps) = stage_over(None, new, &[7], true);
            assert_eq!((staged.state, bytes.is_empty(), temps), (State::Created, true, false));
        }
        let (staged, bytes, temps) = stage_over(Some(b"old text"), b"new text", &[3], true);
        assert_eq!((staged.state, bytes.as_slice(), temps), (State::Changed, &b"old text"[..], false));
    }

    #[test]
    fn a_failure_midway_leaves_the_previous_files_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.rs"), "old a").unwrap();
        std::fs::write(dir.path().join("b.rs"), "old b").unwrap();
        let stager = Stager::new(dir.path(), false, Some(1));
        let a = stager.stage("a.rs", b"new a");
        let mut b = stager.sink("b.rs").unwrap();
        b.write(b"old ");
        b.write(b"and new b");
        let b = b.finish();
        assert!(a.is_ok() && b.is_err(), "the second temporary file fails");
        stager.abort();
        let mut names: Vec<String> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        assert_eq!(names, ["a.rs", "b.rs"]);
        assert_eq!(std::fs::read(dir.path().join("a.rs")).unwrap(), b"old a");
        assert_eq!(std::fs::read(dir.path().join("b.rs")).unwrap(), b"old b");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn streamed_output_is_the_new_text_whatever_the_old(
            old in prop::option::of(prop::collection::vec(b'a'..b'e', 0..300)),
            edits in prop::collection::vec((0usize..400, b'a'..b'f'), 0..4),
            grow in 0usize..3,
            cuts in prop::collection::vec(0usize..400, 0..6),
        ) {
            // The new text is the old one edited, cut or grown, so most cases
            // share a prefix with it.
            let mut new = old.clone().unwrap_or_default();
            for (at, b) in edits {
                if let Some(x) = new.get_mut(at) { *x = b }
            }
            match grow {
                0 => new.truncate(new.len() / 2 + 1),
                1 => new.extend_from_slice(b"more"),
                _ => {}
            }
            let (staged, bytes, temps) = stage_over(old.as_deref(), &new, &cuts, false);
            prop_assert_eq!(&bytes, &new);
            let want = match &old {
                None => State::Created,
                Some(o) if *o == new => State::Unchanged,
                Some(_) => State::Changed,
            };
            prop_assert_eq!(staged.state, want);
            prop_assert_eq!(temps, want != State::Unchanged);
        }
    }
}
