//! The rules the generator and the generated crate's runtime both need are
//! written once, in the runtime (`src/emit/runtime/support.rs`, copied into
//! every generated crate and compiled into the generator as
//! `msgraph_docgen::runtime`); the generator's names for them are the
//! runtime's. Here, the percent-encoding of a path parameter, held to what
//! both sides rely on.

use msgraph_docgen::model::naming::{encode_param, percent_decode};
use proptest::prelude::*;

/// Every byte class a path parameter can hold: unreserved, sub-delimiters,
/// `/`, `%`, spaces, controls, non-ASCII.
const AWKWARD: &[&str] = &["", "plain-id_1.2~x", "a/b/c", "a b", "100%", "x?y#z", "!$&'()*+,;=:@", "\u{0}\u{1f}\u{7f}", "é/名/🙂", "%2F", "[]{}|\\^`\"<>"];

#[test]
fn an_encoded_parameter_is_one_segment_of_printable_ascii() {
    for value in AWKWARD {
        let encoded = encode_param(value, false);
        assert!(encoded.bytes().all(|b| b.is_ascii_graphic() && !b"/?#".contains(&b)), "{value:?} -> {encoded}");
        assert!(encode_param(value, true).bytes().all(|b| b.is_ascii_graphic() && !b"?#".contains(&b)), "{value:?}");
    }
    assert_eq!(encode_param("a b/c{d}", false), "a%20b%2Fc%7Bd%7D");
    assert_eq!(encode_param("a/b", true), "a/b");
    assert_eq!(encode_param("!$&'()*+,;=:@-._~", false), "!$&'()*+,;=:@-._~");
}

proptest! {
    #[test]
    fn any_parameter_decodes_back(value in any::<String>(), keep_slash in any::<bool>()) {
        let encoded = encode_param(&value, keep_slash);
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_graphic() && b != b'?' && b != b'#'));
        prop_assert_eq!(percent_decode(&encoded), value);
    }
}
