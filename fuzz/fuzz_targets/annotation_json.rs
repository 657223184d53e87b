//! The annotation / example JSON reader: strict, then tolerant repair.
#![no_main]
use libfuzzer_sys::fuzz_target;
use msgraph_docgen::parse::json;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (repaired, _) = json::repair(text);
    // Repair never grows the text by more than the escapes it adds (\n → \\n
    // doubles at most) plus the commas it inserts (one per token at most).
    assert!(repaired.len() <= text.len() * 3 + 16, "repair blew up: {} → {}", text.len(), repaired.len());
    match json::read(text) {
        json::JsonRead::Strict(v) => assert_eq!(Some(&v), serde_json::from_str::<serde_json::Value>(text).ok().as_ref()),
        json::JsonRead::Recovered(v, what) => {
            assert!(!what.is_empty() || serde_json::from_str::<serde_json::Value>(&repaired).is_ok());
            let _ = serde_json::to_string(&v).expect("serialises");
        }
        json::JsonRead::Failed(msg) => assert!(!msg.is_empty()),
    }
});
