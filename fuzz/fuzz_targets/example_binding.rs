//! Binding a request example's URL to a path template. Input: the template
//! on the first line, the example URL on the second.
#![no_main]
use libfuzzer_sys::fuzz_target;
use msgraph_docgen::model::{binding, template, Endpoint, PathTemplate};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (template, url) = text.split_once('\n').unwrap_or((text, ""));
    let (template, _) = msgraph_docgen::parse::normalise_path(template);
    let path = template::path_template(&template, false, 1);
    let params = path.params.clone();
    let ep = Endpoint {
        version: "v1.0".into(),
        page: "v1.0/api/fuzz.md".into(),
        name: "fuzz".into(),
        module: "fuzz".into(),
        title: "fuzz".into(),
        description: None,
        method: "GET".into(),
        paths: vec![PathTemplate { fn_name: "fuzz".into(), ..path }],
        line: 1,
        ..Endpoint::default()
    };
    let path = binding::url_path(url);
    assert!(path.starts_with('/'));
    let _ = binding::normalise_example_path(&path);
    if let Some(b) = binding::bind(&ep, url) {
        assert_eq!(b.order, params);
        assert!(params.iter().all(|p| b.args.contains_key(p)), "unbound parameter in {b:?}");
    }
});
