//! Gives the generator a build id (a hash of its own sources), so the
//! output cache is invalidated whenever the generator itself changes.

use std::hash::{Hash, Hasher};

fn main() {
    println!("cargo:rerun-if-changed=src");
    let mut files: Vec<_> = walk("src");
    files.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in &files {
        f.hash(&mut h);
        std::fs::read(f).unwrap_or_default().hash(&mut h);
    }
    env!("CARGO_PKG_VERSION").hash(&mut h);
    println!("cargo:rustc-env=MSGRAPH_DOCGEN_BUILD_ID={:016x}", h.finish());
}

fn walk(dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            let s = p.to_string_lossy().into_owned();
            if p.is_dir() {
                out.extend(walk(&s));
            } else {
                out.push(s);
            }
        }
    }
    out
}
