//! Rules the generator and the generated crate's runtime both need, written
//! once on each side (the runtime is emitted verbatim and depends on nothing
//! of the generator): each pair is fed the same inputs here.

#[allow(dead_code, unused_imports, clippy::all)]
#[path = "../src/emit/runtime/support.rs"]
mod support;

use proptest::prelude::*;

/// Every byte class a path parameter can hold: unreserved, sub-delimiters,
/// `/`, `%`, spaces, controls, non-ASCII.
const AWKWARD: &[&str] = &["", "plain-id_1.2~x", "a/b/c", "a b", "100%", "x?y#z", "!$&'()*+,;=:@", "\u{0}\u{1f}\u{7f}", "é/名/🙂", "%2F", "[]{}|\\^`\"<>"];

#[test]
fn path_parameters_are_encoded_alike() {
    for value in AWKWARD {
        for keep_slash in [false, true] {
            let generator = msgraph_docgen::model::naming::encode_param(value, keep_slash);
            assert_eq!(generator, support::encode_param(value, keep_slash), "{value:?} keep_slash={keep_slash}");
            assert!(generator.bytes().all(|b| b.is_ascii_graphic()), "{generator}");
        }
    }
}

proptest! {
    #[test]
    fn any_parameter_is_encoded_alike(value in any::<String>(), keep_slash in any::<bool>()) {
        prop_assert_eq!(msgraph_docgen::model::naming::encode_param(&value, keep_slash), support::encode_param(&value, keep_slash));
    }
}
