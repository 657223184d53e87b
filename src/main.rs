//! The `msgraph-docgen` command line: a thin door onto the library.

// mimalloc: allocation is a large share of a run, and mimalloc is
// markedly faster at it than the system allocator (figures in
// docs/DESIGN.md, "Design notes: generator speed"). Configured in `main`.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Args, Parser, Subcommand, ValueEnum};
use msgraph_docgen::{diag::Diagnostic, report, Builder, Error};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "msgraph-docgen", version, about = "Generate a typed Rust crate from the Microsoft Graph REST API reference")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse the docs and write the generated crate.
    Generate {
        #[command(flatten)]
        common: Common,
        /// Output folder of the generated crate.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        /// Package name of the generated crate.
        #[arg(long, default_value = "msgraph-generated")]
        crate_name: String,
        /// Compare with --out instead of writing; exit 1 when stale.
        #[arg(long)]
        check: bool,
    },
    /// Print the model as JSON.
    Parse {
        #[command(flatten)]
        common: Common,
        /// Write the model here instead of stdout.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check every JSON example against its type's resource page; print the docs inconsistencies.
    Lint {
        #[command(flatten)]
        common: Common,
    },
    /// Report what changed in the generated API between two docs trees.
    Diff {
        /// The older docs folder.
        old: PathBuf,
        /// The newer docs folder.
        new: PathBuf,
        /// Markdown for people or JSON for tools.
        #[arg(long, default_value = "md")]
        format: DiffFormat,
        /// Write the report here instead of stdout.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Only pages matching this glob (in both trees); repeatable.
        #[arg(long)]
        include: Vec<String>,
        /// Leave out pages matching this glob; repeatable.
        #[arg(long)]
        exclude: Vec<String>,
        /// Worker threads (default: all cores).
        #[arg(long)]
        jobs: Option<usize>,
        /// Print nothing but errors.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Serve the docs' request examples and their documented responses as a mock Graph.
    #[cfg(feature = "mock")]
    Mock {
        /// Docs folder: an api-reference folder, or one that holds one.
        #[arg(long, default_value = "docs-input")]
        docs: PathBuf,
        /// Only pages matching this glob (relative to the api-reference folder); repeatable.
        #[arg(long)]
        include: Vec<String>,
        /// Leave out pages matching this glob; repeatable.
        #[arg(long)]
        exclude: Vec<String>,
        /// Address to listen on; port 0 picks a free one.
        #[arg(long, default_value = "127.0.0.1:4000")]
        addr: std::net::SocketAddr,
        /// Allow an address other than loopback (the mock then answers other machines).
        #[arg(long)]
        allow_remote: bool,
        /// Worker threads for reading the docs (default: all cores).
        #[arg(long)]
        jobs: Option<usize>,
        /// Print nothing but the address and errors.
        #[arg(short, long)]
        quiet: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Md,
    Json,
}

#[derive(Args)]
struct Common {
    /// Docs folder: an api-reference folder, or one that holds one.
    #[arg(long, default_value = "docs-input")]
    docs: PathBuf,
    /// Only pages matching this glob (relative to the api-reference folder); repeatable.
    #[arg(long)]
    include: Vec<String>,
    /// Leave out pages matching this glob; repeatable.
    #[arg(long)]
    exclude: Vec<String>,
    /// Write the run report (JSON) here.
    #[arg(long)]
    report: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    jobs: Option<usize>,
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
    /// Print every diagnostic (default: a summary per code).
    #[arg(short, long)]
    verbose: bool,
    /// Exit 1 when any warning was raised.
    #[arg(long, value_name = "warnings")]
    deny: Option<Deny>,
    /// When to use colour.
    #[arg(long, default_value = "auto")]
    color: Color,
}

#[derive(Clone, Copy, ValueEnum)]
enum Deny {
    Warnings,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Color {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    // A bug must still end in one line, never a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into());
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("error: internal error (a bug in msgraph-docgen, please report it): {}{at}", one_line(&what));
    }));
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => return usage_error(e),
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", one_line(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

/// Collapse a message onto one line (paths with newlines, nested errors).
fn one_line(s: &str) -> String {
    let s: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every wrong use of the command line ends here: help and version print as
/// asked (exit 0); anything else is one line on stderr and exit code 2.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let msg = match e.kind() {
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            use clap::CommandFactory;
            let cmd = Cli::command();
            let names: Vec<String> = cmd.get_subcommands().map(|c| c.get_name().to_string()).filter(|n| n != "help").collect();
            format!("no command given; use one of: {}", names.join(", "))
        }
        _ => {
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("invalid arguments").trim_start_matches("error: ").to_string();
            // clap's suggestion ("a similar argument exists: '--docs'") is on a later line.
            let tip = e.get(ContextKind::SuggestedArg).and_then(|v| match v {
                ContextValue::String(s) => Some(s.clone()),
                ContextValue::Strings(s) => s.first().cloned(),
                _ => None,
            });
            match tip {
                Some(t) => format!("{first}; did you mean `{t}`?"),
                None => first,
            }
        }
    };
    eprintln!("error: {} (see `msgraph-docgen --help`)", one_line(&msg));
    ExitCode::from(2)
}

fn set_jobs(jobs: Option<usize>) -> Result<(), Error> {
    if let Some(n) = jobs {
        if n == 0 {
            return Err(Error::Usage("--jobs must be at least 1".into()));
        }
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global().map_err(|e| Error::Internal(e.to_string()))?;
    }
    Ok(())
}

fn print_diagnostics(diags: &[Diagnostic], common: &Common) {
    if common.quiet {
        return;
    }
    let color = match common.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut err = std::io::stderr().lock();
    if common.verbose || diags.len() <= 50 {
        for d in diags {
            let text = d.to_string();
            if color {
                // Slicing at the position `find` returned for the ASCII ':' (or 0) cannot panic.
                let _ = writeln!(err, "\x1b[33m{}\x1b[0m{}", text.split(':').next().unwrap_or(""), &text[text.find(':').unwrap_or(0)..]);
            } else {
                let _ = writeln!(err, "{text}");
            }
        }
    } else {
        let mut counts = std::collections::BTreeMap::new();
        for d in diags {
            counts.entry(d.code.as_str()).or_insert((0, d)).0 += 1;
        }
        for (code, (n, first)) in counts {
            let _ = writeln!(err, "warning[{code}]: {n} times, first at {}:{}:{} ({})", first.path, first.line, first.col, first.message);
        }
        let _ = writeln!(err, "(run with --verbose to see every diagnostic)");
    }
}

fn write_json<T: serde::Serialize>(path: &Option<PathBuf>, r: &T) -> Result<(), Error> {
    if let Some(p) = path {
        let text = serde_json::to_string_pretty(r).map_err(|e| Error::Internal(e.to_string()))?;
        std::fs::write(p, text + "\n").map_err(|e| Error::Output(format!("cannot write report {}: {}", p.display(), msgraph_docgen::read::io_cause(&e))))?;
    }
    Ok(())
}

fn denied(common: &Common, diags: &[Diagnostic]) -> bool {
    common.deny.is_some() && !diags.is_empty()
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Generate { common, out, crate_name, check } => {
            set_jobs(common.jobs)?;
            generate(&common, &out, crate_name, check)
        }
        Command::Diff { old, new, format, out, include, exclude, jobs, quiet } => {
            set_jobs(jobs)?;
            let r = msgraph_docgen::diff::diff_dirs(&old, &new, &include, &exclude)?;
            let text = match format {
                DiffFormat::Md => msgraph_docgen::diff::to_markdown(&r),
                DiffFormat::Json => serde_json::to_string_pretty(&r).map_err(|e| Error::Internal(e.to_string()))? + "\n",
            };
            write_text(&out, &text)?;
            if !quiet {
                eprintln!("{} changes, {} breaking", r.changes.len(), r.breaking);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Lint { common } => {
            set_jobs(common.jobs)?;
            let loaded = msgraph_docgen::load(&common.docs, &common.include, &common.exclude)?;
            let (text, findings) = msgraph_docgen::model::types::lint_text(&loaded.api, !common.quiet);
            std::io::stdout().lock().write_all(text.as_bytes()).map_err(|e| Error::Output(format!("cannot write to stdout: {e}")))?;
            write_json(&common.report, &report::build(&loaded.api, None, loaded.timings))?;
            Ok(if common.deny.is_some() && findings > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        #[cfg(feature = "mock")]
        Command::Mock { docs, include, exclude, addr, allow_remote, jobs, quiet } => {
            set_jobs(jobs)?;
            run_mock(&docs, &include, &exclude, addr, allow_remote, quiet)
        }
        Command::Parse { common, out } => {
            set_jobs(common.jobs)?;
            let loaded = msgraph_docgen::load(&common.docs, &common.include, &common.exclude)?;
            print_diagnostics(&loaded.api.diagnostics, &common);
            let text = serde_json::to_string_pretty(&loaded.api).map_err(|e| Error::Internal(e.to_string()))? + "\n";
            write_text(&out, &text)?;
            let r = report::build(&loaded.api, None, loaded.timings);
            write_json(&common.report, &r)?;
            Ok(if denied(&common, &loaded.api.diagnostics) { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
    }
}

/// Write a command's output to `out`, or to stdout when none is given.
fn write_text(out: &Option<PathBuf>, text: &str) -> Result<(), Error> {
    match out {
        Some(p) => std::fs::write(p, text).map_err(|e| Error::Output(format!("cannot write {}: {}", p.display(), msgraph_docgen::read::io_cause(&e)))),
        None => {
            let mut so = std::io::stdout().lock();
            so.write_all(text.as_bytes()).map_err(|e| Error::Output(format!("cannot write to stdout: {e}")))
        }
    }
}

/// `msgraph-docgen generate`: generate (or with `check`, compare) and say
/// what was done.
fn generate(common: &Common, out: &std::path::Path, crate_name: String, check: bool) -> Result<ExitCode, Error> {
    let mut b = Builder::new();
    b.docs(&common.docs).out_dir(out).crate_name(crate_name).check(check).cargo_metadata(false);
    for i in &common.include {
        b.include(i);
    }
    for e in &common.exclude {
        b.exclude(e);
    }
    let mut g = b.generate()?;
    let api = g.api.take();
    let counts = api.as_ref().map(|a| (a.endpoints.len(), a.types.len()));
    // The process ends after this command: the OS takes the model's memory
    // back at once, where dropping it would free its millions of blocks one
    // by one (bench/stages.rs: "free the model").
    std::mem::forget(api);
    print_diagnostics(&g.diagnostics, common);
    write_json(&common.report, &g.report)?;
    let s = &g.stats;
    if check {
        return Ok(check_result(common, out, s));
    }
    if !common.quiet {
        let n = |section: &str, key: &str| g.report.get(section).and_then(|s| s.get(key)).and_then(|v| v.as_u64()).unwrap_or(0);
        let what = match counts {
            Some((endpoints, types)) => {
                format!("generated {} endpoints, {} types, {} example tests into {}", endpoints, types, n("examples", "tested"), out.display())
            }
            None => format!("{} is up to date (inputs unchanged since the last run)", out.display()),
        };
        eprintln!(
            "{what}: {} files written, {} unchanged, {} removed ({} ms)",
            s.written.len() + s.created.len(),
            s.unchanged,
            s.removed.len(),
            n("timings_ms", "total")
        );
    }
    let code = if denied(common, &g.diagnostics) { ExitCode::from(1) } else { ExitCode::SUCCESS };
    Ok(code)
}

/// `generate --check`: fresh, or each stale, missing and extra file listed.
fn check_result(common: &Common, out: &std::path::Path, s: &msgraph_docgen::write::WriteStats) -> ExitCode {
    if s.is_fresh() {
        if !common.quiet {
            eprintln!("{} is up to date", out.display());
        }
        return ExitCode::SUCCESS;
    }
    for f in &s.written {
        eprintln!("stale: {}", out.join(f).display());
    }
    for f in &s.created {
        eprintln!("missing: {}", out.join(f).display());
    }
    for f in &s.removed {
        eprintln!("extra: {}", out.join(f).display());
    }
    eprintln!("{} is stale; run `msgraph-docgen generate --docs {} --out {}`", out.display(), common.docs.display(), out.display());
    ExitCode::from(1)
}

/// `msgraph-docgen mock`: load the exchanges, serve them until Ctrl-C or
/// SIGTERM. The address line goes to stdout, for scripts to read.
#[cfg(feature = "mock")]
fn run_mock(
    docs: &std::path::Path,
    include: &[String],
    exclude: &[String],
    addr: std::net::SocketAddr,
    allow_remote: bool,
    quiet: bool,
) -> Result<ExitCode, Error> {
    use msgraph_docgen::mock_engine::{Exchange, MockServer};
    if !addr.ip().is_loopback() && !allow_remote {
        return Err(Error::Usage(format!("--addr {addr} is not a loopback address; add --allow-remote to let other machines reach the mock")));
    }
    let api = msgraph_docgen::load_unchecked(docs, include, exclude)?;
    let loaded = msgraph_docgen::model::exchanges::exchanges(&api);
    if loaded.exchanges.is_empty() {
        return Err(Error::Input(format!("no request example with a documented response found in {}", docs.display())));
    }
    let per_version: Vec<String> = loaded.per_version().iter().map(|(v, n)| format!("{v}: {n}")).collect();
    let summary = format!("serving {} documented exchanges ({})", loaded.exchanges.len(), per_version.join(", "));
    let table: Vec<Exchange> = loaded.exchanges.into_iter().map(Exchange::from).collect();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| Error::Internal(format!("cannot start the runtime: {e}")))?;
    rt.block_on(async {
        let server =
            MockServer::bind(table, addr).await.map_err(|e| Error::Input(format!("cannot listen on {addr}: {}", msgraph_docgen::read::io_cause(&e))))?;
        // The stop signals are caught from before the address is printed: a
        // script that reads it and sends SIGTERM at once gets a clean stop.
        let stop = stop_signal();
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on {}", server.url()).and_then(|_| out.flush()).map_err(|e| Error::Output(format!("cannot write to stdout: {e}")))?;
        drop(out);
        if !quiet {
            eprintln!("{summary}; stop with Ctrl-C");
        }
        stop.await;
        if !quiet {
            let c = server.counts();
            eprintln!("stopped after {} requests ({} unmatched, {} faulted)", c.total, c.unmatched, c.faulted);
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// Ctrl-C (SIGINT) or SIGTERM, caught from the moment this is called (the
/// handlers are installed here, not when the future is first polled).
#[cfg(all(feature = "mock", unix))]
fn stop_signal() -> impl std::future::Future<Output = ()> {
    use tokio::signal::unix::{signal, SignalKind};
    let term = signal(SignalKind::terminate()).ok();
    let int = signal(SignalKind::interrupt()).ok();
    async move {
        match (term, int) {
            (Some(mut term), Some(mut int)) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = int.recv() => {}
                }
            }
            _ => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
}

/// Ctrl-C.
#[cfg(all(feature = "mock", not(unix)))]
fn stop_signal() -> impl std::future::Future<Output = ()> {
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}
