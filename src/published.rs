//! Where a docs page is published: the one rule the emitted doc comments and
//! the change report link pages by.

/// The address on learn.microsoft.com of a v1.0 or beta `api/` or
/// `resources/` page, from its path relative to `api-reference`.
pub fn page_url(page: &str) -> Option<String> {
    let (version, rest) = page.split_once('/')?;
    let view = match version {
        "v1.0" => "graph-rest-1.0",
        "beta" => "graph-rest-beta",
        _ => return None,
    };
    let stem = rest.strip_suffix(".md")?;
    if !(stem.starts_with("api/") || stem.starts_with("resources/")) {
        return None;
    }
    let stem = stem.strip_prefix("api/").unwrap_or(stem);
    Some(format!("https://learn.microsoft.com/graph/api/{}?view={view}", stem.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::page_url;

    #[test]
    fn api_and_resource_pages_have_an_address() {
        assert_eq!(page_url("v1.0/api/Call-Delete.md").as_deref(), Some("https://learn.microsoft.com/graph/api/call-delete?view=graph-rest-1.0"));
        assert_eq!(page_url("beta/resources/call.md").as_deref(), Some("https://learn.microsoft.com/graph/api/resources/call?view=graph-rest-beta"));
        for other in ["v1.0/includes/x.md", "v2/api/x.md", "v1.0/api/x.txt", "x.md"] {
            assert_eq!(page_url(other), None, "{other}");
        }
    }
}
