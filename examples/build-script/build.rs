//! Generates the v1.0 "call" operations of the docs in `docs-input/` into
//! `OUT_DIR/msgraph.rs`; `src/lib.rs` includes that file.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    msgraph_docgen::Builder::new()
        .docs(manifest_dir.join("../../docs-input"))
        .include("v1.0/api/call-*.md")
        .out_dir(std::env::var("OUT_DIR")?)
        .single_file("msgraph")
        .generate()?;
    Ok(())
}
