//! The output cache: a rerun whose inputs (every page, the options and the
//! generator itself) are byte-for-byte those of the last run, and whose
//! output files are untouched, has nothing to do and skips parsing,
//! emitting and formatting altogether.
//!
//! The cache is a machine-local file in the output folder, kept out of the
//! manifest (so `--check` and the checked-in output never depend on it) and
//! listed in the generated `.gitignore`.

use crate::diag::Diagnostic;
use crate::parse::Source;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::Path;
use xxhash_rust::xxh3::Xxh3;

/// File name of the cache in the output folder.
pub const CACHE: &str = ".msgraph-docgen-cache";

/// What the cache remembers of the last complete run.
#[derive(Debug, Serialize, Deserialize)]
pub struct Cache {
    /// Fingerprint of the inputs.
    pub inputs: String,
    /// Every output file with its size and content hash.
    pub files: Vec<(String, u64, String)>,
    /// The diagnostics of that run.
    pub diagnostics: Vec<Diagnostic>,
    /// Its report.
    pub report: serde_json::Value,
}

/// Content hash, hex.
pub fn hash_bytes(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// A file's length and [`hash_bytes`] digest, taken as its text comes.
#[derive(Default)]
pub struct OutputHash {
    hash: Xxh3,
    len: u64,
}

impl OutputHash {
    /// The next bytes of the file.
    pub fn update(&mut self, bytes: &[u8]) {
        self.hash.update(bytes);
        self.len += bytes.len() as u64;
    }

    /// The file's length and content hash, as the cache lists them.
    pub fn finish(&self) -> (u64, String) {
        (self.len, format!("{:032x}", self.hash.digest128()))
    }
}

/// One page's part of the [`fingerprint`] (each page is hashed on its own,
/// as it is read).
pub fn page_digest(s: &Source) -> u128 {
    let mut p = Xxh3::new();
    p.update(s.path.as_bytes());
    p.update(&(s.text.len() as u64).to_le_bytes());
    p.update(s.text.as_bytes());
    p.update(&(s.diagnostics.len() as u64).to_le_bytes());
    // Where spliced lines came from decides the diagnostics' files.
    for f in &s.map.files {
        p.update(&(f.path.len() as u64).to_le_bytes());
        p.update(f.path.as_bytes());
        p.update(f.via.as_bytes());
        p.update(&[0]);
    }
    for r in &s.map.runs {
        p.update(&[r.start, r.file, r.line, r.page_line, u32::from(r.fixed)].map(u32::to_le_bytes).concat());
    }
    for l in &s.map.unresolved {
        p.update(&l.to_le_bytes());
    }
    p.digest128()
}

/// Fingerprint of everything that decides the output: the generator, the
/// options and the pages' digests ([`page_digest`]), in page order.
pub fn fingerprint(pages: &[u128], options: &[&str]) -> String {
    let mut h = Xxh3::new();
    for part in [env!("MSGRAPH_DOCGEN_BUILD_ID")].iter().chain(options) {
        h.update(part.as_bytes());
        h.update(&[0]);
    }
    for d in pages {
        h.update(&d.to_le_bytes());
    }
    format!("{:032x}", h.digest128())
}

/// Whether the output folder holds a cache (of any run).
pub fn present(out: &Path) -> bool {
    out.join(CACHE).is_file()
}

/// The cache, if it matches `inputs` and every output file it lists is
/// still exactly as written.
pub fn load(out: &Path, inputs: &str) -> Option<Cache> {
    let text = std::fs::read(out.join(CACHE)).ok()?;
    let cache: Cache = serde_json::from_slice(&text).ok()?;
    if cache.inputs != inputs {
        return None;
    }
    // Every file is checked, in parallel: size first, then content.
    let intact = cache.files.par_iter().all(|(rel, size, hash)| {
        let path = out.join(rel);
        std::fs::metadata(&path).is_ok_and(|m| m.len() == *size) && hash_file(&path).is_ok_and(|(len, h)| len == *size && h == *hash)
    });
    intact.then_some(cache)
}

/// A file's length and content hash, read a piece at a time (the output's
/// files are megabytes each; read whole, a rerun held several at once).
fn hash_file(path: &Path) -> std::io::Result<(u64, String)> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 1 << 18];
    let mut h = OutputHash::default();
    loop {
        match file.read(&mut buf) {
            Ok(0) => return Ok(h.finish()),
            Ok(n) => h.update(buf.get(..n).unwrap_or_default()),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Remember a complete run. Failing to write the cache only costs the next
/// run its shortcut, so errors are ignored.
pub fn store(out: &Path, cache: &Cache) {
    if let Ok(text) = serde_json::to_vec(cache) {
        let tmp = out.join(format!("{CACHE}.tmp"));
        if std::fs::write(&tmp, text).is_ok() {
            let _ = std::fs::rename(&tmp, out.join(CACHE));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashing_in_parts_is_hashing_the_whole() {
        let whole: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        for cuts in [vec![], vec![0], vec![1, 2, 3], vec![17, 4096, 50_000, 99_999]] {
            let mut parts: Vec<&[u8]> = Vec::new();
            let mut at = 0;
            for c in cuts {
                parts.push(&whole[at..c]);
                at = c;
            }
            parts.push(&whole[at..]);
            let mut h = OutputHash::default();
            for p in &parts {
                h.update(p);
            }
            assert_eq!(h.finish(), (whole.len() as u64, hash_bytes(&whole)));
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let big: Vec<u8> = whole.iter().cycle().take(600_000).copied().collect();
        for len in [0, 1, (1 << 18) - 1, 1 << 18, (1 << 18) + 1, big.len()] {
            std::fs::write(&path, &big[..len]).unwrap();
            assert_eq!(hash_file(&path).unwrap(), (len as u64, hash_bytes(&big[..len])), "{len} bytes");
        }
    }
}
