//! Every wrong use of the command line: one line on stderr naming the cause,
//! exit code 2, never a panic. Runs the built binary.

#[path = "support/skip.rs"]
mod skip;

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_msgraph-docgen");

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run the binary in the repository root; return (exit code, stderr).
fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(BIN).args(args).current_dir(repo()).env("NO_COLOR", "1").output().expect("binary runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The contract for a usage or I/O error: exit 2 and exactly one line that
/// starts with `error:` and mentions every `needles` item.
fn assert_usage_error(args: &[&str], needles: &[&str]) {
    let (code, err) = run(args);
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(code, 2, "{args:?}: exit code {code}, stderr:\n{err}");
    assert_eq!(lines.len(), 1, "{args:?}: expected one line, got:\n{err}");
    assert!(lines[0].starts_with("error: "), "{args:?}: {err}");
    assert!(!err.contains("panicked") && !err.contains("backtrace"), "{args:?}: {err}");
    for n in needles {
        assert!(lines[0].contains(n), "{args:?}: `{n}` missing from: {err}");
    }
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

fn is_root() -> bool {
    // Root ignores permission bits, so the chmod-based cases cannot fail as root.
    std::env::var("USER").is_ok_and(|u| u == "root") || Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[test]
fn no_command() {
    assert_usage_error(&[], &["no command given", "generate", "parse"]);
}

#[test]
fn unknown_flag() {
    assert_usage_error(&["--frobnicate"], &["--frobnicate"]);
    assert_usage_error(&["generate", "--frobnicate"], &["--frobnicate"]);
}

#[test]
fn misspelt_flag_gets_a_suggestion() {
    assert_usage_error(&["generate", "--docz", "x"], &["--docz", "--docs"]);
}

#[test]
fn unknown_command() {
    assert_usage_error(&["frobnicate"], &["frobnicate"]);
}

#[test]
fn bad_option_value() {
    assert_usage_error(&["generate", "--color", "sometimes"], &["sometimes"]);
    assert_usage_error(&["generate", "--jobs", "many"], &["many"]);
    assert_usage_error(&["generate", "--jobs", "0"], &["--jobs"]);
}

#[test]
fn missing_docs_folder() {
    let t = tmp();
    let missing = t.path().join("nope");
    assert_usage_error(&["generate", "--docs", s(&missing), "--out", s(&t.path().join("o"))], &[s(&missing), "no such file"]);
    assert_usage_error(&["parse", "--docs", s(&missing)], &[s(&missing), "no such file"]);
}

#[test]
fn docs_is_a_file() {
    let t = tmp();
    let f = t.path().join("file.md");
    std::fs::write(&f, "x").unwrap();
    assert_usage_error(&["generate", "--docs", s(&f), "--out", s(&t.path().join("o"))], &[s(&f), "is a file"]);
}

#[test]
fn docs_below_a_file() {
    let t = tmp();
    std::fs::write(t.path().join("file"), "x").unwrap();
    let p = t.path().join("file").join("sub");
    assert_usage_error(&["parse", "--docs", s(&p)], &[s(&p), "cannot read docs folder"]);
}

#[cfg(unix)]
#[test]
fn docs_unreadable() {
    use std::os::unix::fs::PermissionsExt;
    if is_root() {
        skip::skip("running as root, which can read a folder with mode 000");
        return;
    }
    let t = tmp();
    let d = t.path().join("locked");
    std::fs::create_dir_all(d.join("v1.0/api")).unwrap();
    std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o000)).unwrap();
    let (code, err) = run(&["parse", "--docs", s(&d)]);
    std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 2, "{err}");
    assert!(err.trim().lines().count() == 1 && err.contains("permission denied") && err.contains(s(&d)), "{err}");
}

#[test]
fn empty_docs_tree() {
    let t = tmp();
    let empty = t.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert_usage_error(&["parse", "--docs", s(&empty)], &[s(&empty), "no api-reference folder"]);
    // A tree with the version folders but no page in them.
    std::fs::create_dir_all(empty.join("v1.0/api")).unwrap();
    std::fs::write(empty.join("v1.0/api/notes.txt"), "not a page").unwrap();
    assert_usage_error(&["parse", "--docs", s(&empty)], &[s(&empty), "no pages"]);
}

#[test]
fn filters_select_nothing() {
    assert_usage_error(&["parse", "--docs", "docs-input", "--include", "nothing/*.md"], &["no pages", "--include"]);
}

#[test]
fn bad_glob() {
    assert_usage_error(&["parse", "--docs", "docs-input", "--include", "a[b"], &["a[b"]);
}

#[test]
fn out_inside_docs() {
    let t = tmp();
    let docs = t.path().join("docs");
    std::fs::create_dir_all(docs.join("api-reference/v1.0/api")).unwrap();
    std::fs::copy(repo().join("docs-input/api-reference/v1.0/api/call-delete.md"), docs.join("api-reference/v1.0/api/call-delete.md")).unwrap();
    // Existing and not-yet-existing outputs, and one reached through `..`.
    for out in [docs.join("api-reference"), docs.join("new/deeper"), docs.join("x/../y")] {
        assert_usage_error(&["generate", "--docs", s(&docs), "--out", s(&out)], &["inside the docs folder", s(&out)]);
        assert!(!docs.join("new").exists() && !docs.join("y").exists(), "nothing may be created");
    }
    // The same folder as the docs.
    assert_usage_error(&["generate", "--docs", s(&docs), "--out", s(&docs)], &["inside the docs folder"]);
}

#[test]
fn out_is_a_file() {
    let t = tmp();
    let f = t.path().join("out.txt");
    std::fs::write(&f, "x").unwrap();
    assert_usage_error(&["generate", "--docs", "docs-input", "--out", s(&f)], &[s(&f), "is a file"]);
    let below = f.join("sub");
    assert_usage_error(&["generate", "--docs", "docs-input", "--out", s(&below)], &[s(&below), "is a file"]);
    assert_eq!(std::fs::read_to_string(&f).unwrap(), "x", "the file is left alone");
}

#[cfg(unix)]
#[test]
fn out_unwritable() {
    let t = tmp();
    if is_root() {
        // Root writes anywhere permission bits allow nothing; /proc takes no new files even for root.
        if cfg!(target_os = "linux") && Path::new("/proc/self").exists() {
            assert_usage_error(
                &["generate", "--docs", "docs-input", "--out", "/proc/msgraph-docgen-test/out"],
                &["not writable", "/proc/msgraph-docgen-test/out"],
            );
        } else {
            skip::skip("running as root without /proc: no unwritable folder to try");
        }
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let ro = t.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = ro.join("gen");
    let (code, err) = run(&["generate", "--docs", "docs-input", "--out", s(&out)]);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 2, "{err}");
    assert!(err.trim().lines().count() == 1 && err.contains("not writable") && err.contains("permission denied"), "{err}");
}

#[test]
fn bad_crate_name() {
    let t = tmp();
    let out = t.path().join("o");
    for name in ["1abc", "has space", "a\"b", "fn", "self", "", "é"] {
        assert_usage_error(&["generate", "--docs", "docs-input", "--out", s(&out), "--crate-name", name], &["crate name"]);
    }
    assert!(!out.exists(), "nothing written for a rejected name");
}

#[test]
fn parse_out_is_a_folder() {
    let t = tmp();
    assert_usage_error(&["parse", "--docs", "docs-input", "--out", s(t.path())], &[s(t.path()), "is a folder"]);
}

#[test]
fn report_into_missing_folder() {
    let t = tmp();
    let r = t.path().join("no/such/report.json");
    assert_usage_error(&["parse", "--docs", "docs-input", "--out", s(&t.path().join("m.json")), "--report", s(&r)], &[s(&r)]);
}

/// The error cases above are not vacuous: the same commands with good
/// arguments succeed.
#[test]
fn good_use_succeeds() {
    let t = tmp();
    let out = t.path().join("gen");
    let (code, err) = run(&["generate", "--docs", "docs-input", "--out", s(&out), "--crate-name", "my-crate", "-q"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.join("Cargo.toml").is_file());
    let (code, err) = run(&["parse", "--docs", "docs-input", "--out", s(&t.path().join("m.json"))]);
    assert_eq!(code, 0, "{err}");
    let (code, _) = run(&["--help"]);
    assert_eq!(code, 0);
}

/// `mock` refuses what it cannot serve: a docs folder with no example,
/// a port in use, an address other than loopback unless allowed.
#[cfg(feature = "mock")]
#[test]
fn mock_bad_input() {
    let t = tmp();
    let api = t.path().join("api-reference/v1.0/api");
    std::fs::create_dir_all(&api).expect("mkdir");
    std::fs::write(api.join("thing-get.md"), "---\ntitle: Get a thing\nms.prod: things\n---\n\n## HTTP request\n\n```http\nGET /things/{id}\n```\n")
        .expect("page");
    assert_usage_error(&["mock", "--docs", s(t.path()), "--addr", "127.0.0.1:0"], &["no request example", s(t.path())]);
    let held = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let addr = held.local_addr().expect("address").to_string();
    assert_usage_error(&["mock", "--docs", "tests/fixtures/mock", "--addr", &addr], &["cannot listen on", &addr]);
    assert_usage_error(&["mock", "--docs", "tests/fixtures/mock", "--addr", "0.0.0.0:0"], &["0.0.0.0:0", "--allow-remote"]);
    assert_usage_error(&["mock", "--docs", "tests/fixtures/mock", "--addr", "localhost"], &["--addr"]);
    assert_usage_error(&["mock", "--docs", "no/such/docs", "--addr", "127.0.0.1:0"], &["no/such/docs"]);
}

/// `msgraph-docgen mock` on the fixtures, on a free port: the child and the
/// address its first line names.
#[cfg(all(feature = "mock", unix))]
fn start_mock() -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = Command::new(BIN)
        .args(["mock", "--docs", "tests/fixtures/mock", "--addr", "127.0.0.1:0"])
        .current_dir(repo())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("a line");
    let addr = line.trim().strip_prefix("listening on http://").unwrap_or_else(|| panic!("unexpected first line {line:?}")).to_string();
    (child, addr)
}

/// SIGTERM to the mock; its stderr once it has stopped cleanly (exit code 0).
#[cfg(all(feature = "mock", unix))]
fn terminate(child: std::process::Child) -> String {
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill runs");
    assert!(killed.success());
    let out = child.wait_with_output().expect("exits");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{err}");
    err
}

/// SIGTERM sent the moment the address is read still stops the mock cleanly:
/// a script may stop it at once, so the handler must already be in place.
#[cfg(all(feature = "mock", unix))]
#[test]
fn mock_stops_cleanly_on_sigterm_sent_as_soon_as_it_listens() {
    for _ in 0..5 {
        let (child, _) = start_mock();
        let err = terminate(child);
        assert!(err.contains("stopped after 0 requests"), "{err}");
    }
}

/// The good case: the address on stdout, a documented answer, and a clean
/// stop on SIGTERM.
#[cfg(all(feature = "mock", unix))]
#[test]
fn mock_serves_until_terminated() {
    use std::io::{Read, Write};
    let (child, addr) = start_mock();
    let mut conn = std::net::TcpStream::connect(&addr).expect("connects");
    conn.write_all(b"GET /v1.0/workshops/ws1/gadgets/beta HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").expect("sends");
    let mut answer = String::new();
    conn.read_to_string(&mut answer).expect("reads");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"label\":\"second\""), "{answer}");
    let err = terminate(child);
    assert!(err.contains("serving 5 documented exchanges (beta: 1, v1.0: 4)"), "{err}");
    assert!(err.contains("stopped after 1 requests"), "{err}");
}
