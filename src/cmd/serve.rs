//! `hirebook serve`: a live preview. Builds in memory, serves over HTTP, rebuilds on every
//! save and reloads open pages; a build with errors keeps the last good one on screen with
//! the problems shown over it.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use super::{CmdError, Outcome, Repeats, Ui, count_phrase, plural};
use crate::cli::ServeArgs;
use crate::diag::print;
use crate::output::Site;
use crate::pipeline::{Run, Target};
use crate::server::{self, Shared};
use crate::watcher;

/// The port `serve` takes unless told otherwise, and how many after it it tries.
const DEFAULT_PORT: u16 = 3000;
const PORTS_TRIED: u16 = 20;

/// Listens where `--port` says (failing if it is taken), or on the default port or the next
/// free one after it, saying so.
fn listen(args: &ServeArgs, ui: &Ui) -> Result<std::net::TcpListener, CmdError> {
    let bind = |port: u16| {
        let addr = SocketAddr::new(args.bind, port);
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        Ok::<_, std::io::Error>(listener)
    };
    let cannot = |port: u16, e: std::io::Error| {
        CmdError::Usage(format!(
            "cannot listen on {}: {e}",
            SocketAddr::new(args.bind, port)
        ))
    };
    if let Some(port) = args.port {
        return bind(port).map_err(|e| cannot(port, e));
    }
    let mut first = None;
    for port in DEFAULT_PORT..DEFAULT_PORT + PORTS_TRIED {
        match bind(port) {
            Ok(listener) => {
                if port != DEFAULT_PORT {
                    ui.status(&format!(
                        "Port {DEFAULT_PORT} is in use; serving on port {port} instead"
                    ));
                }
                return Ok(listener);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                first.get_or_insert(e);
            }
            Err(e) => return Err(cannot(port, e)),
        }
    }
    let e = first.unwrap_or_else(|| std::io::Error::other("in use"));
    Err(CmdError::Usage(format!(
        "cannot listen on ports {DEFAULT_PORT} to {}: {e} (choose one with --port)",
        DEFAULT_PORT + PORTS_TRIED - 1
    )))
}

pub fn execute(args: &ServeArgs, ui: &Ui) -> Result<Outcome, CmdError> {
    let root = args.handbook.dir.clone();
    let timings = args.timings;
    if timings {
        crate::timings::enable();
    }
    // Take the port first: a port in use should fail at once, not after a build.
    let listener = listen(args, ui)?;
    let target = Target::Memory {
        inject: server::INJECT.to_owned(),
    };
    let mut pipeline = super::pipeline(&root, target, &args.edition).incremental();
    let mut watching = watcher::watch(&root, args.poll)?;
    let mut repeats = Repeats::default();
    let mut built = pipeline.run(None)?;
    report(ui, &mut repeats, &built, None, timings);
    let mut pending = watching.follow(built.config.as_ref())?;
    let shared = match built.output.as_mut().and_then(|o| o.site.take()) {
        Some(site) => Shared::new(site),
        None => {
            let shared = Shared::new(placeholder());
            shared.fail(problems_json(&built));
            shared
        }
    };
    // The pipeline updates the run's sources in place next time, once no one else holds them.
    drop(built);

    let rebuild_shared = shared.clone();
    let ui_copy = *ui;
    std::thread::spawn(move || {
        loop {
            // After the watcher followed book.toml to a new content folder, build at once:
            // that folder may have changed before it was watched.
            let changed = if std::mem::take(&mut pending) {
                None
            } else {
                match watching.next_change() {
                    Some(changed) => Some(changed),
                    None => break,
                }
            };
            let mut built = match pipeline.run(changed.as_deref()) {
                Ok(built) => built,
                Err(e) => {
                    eprintln!("error: {e}");
                    continue;
                }
            };
            report(
                &ui_copy,
                &mut repeats,
                &built,
                changed.as_ref().map(Vec::len),
                timings,
            );
            pending = watching.follow(built.config.as_ref()).unwrap_or_else(|e| {
                eprintln!("error: {e}");
                false
            });
            match built.output.as_mut().and_then(|o| o.site.take()) {
                Some(site) => rebuild_shared.publish(site),
                None => rebuild_shared.fail(problems_json(&built)),
            }
        }
    });

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| {
            CmdError::Io(crate::error::IoError::new(
                "start",
                Path::new("the server"),
                e,
            ))
        })?;
    let cannot_listen = |e: std::io::Error| CmdError::Usage(format!("cannot listen: {e}"));
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(cannot_listen)?;
        let local = listener.local_addr().map_err(cannot_listen)?;
        let url = format!("http://{local}/");
        // The URL goes to stdout, on its own line, for people and for scripts.
        // The URL last on the line: scripts take it from there.
        let edition = match args.edition.audience {
            Some(crate::cli::AudienceArg::Candidates) => "the candidates' edition of ",
            _ => "the interviewers' edition of ",
        };
        println!("Serving {edition}{} at {url}", root.display());
        ui.status("Watching for changes. Press Ctrl-C to stop.");
        if args.open {
            super::open_browser(&url);
        }
        axum::serve(listener, server::router(shared))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| CmdError::Usage(format!("the server stopped: {e}")))
    })?;
    Ok(Outcome::Success)
}

/// Prints a build's problems (but warnings shown before) and a status line.
fn report(ui: &Ui, repeats: &mut Repeats, built: &Run, changed: Option<usize>, timings: bool) {
    repeats.report(ui, &built.diagnostics, &*built.sources);
    let took = built.elapsed.as_millis();
    match (&built.output, changed) {
        (Some(_), None) => ui.status(&format!("Built in {took} ms")),
        (Some(_), Some(n)) => ui.status(&format!(
            "Rebuilt in {took} ms ({} changed, {} parsed again)",
            plural(n, "file"),
            built.parsed
        )),
        (None, _) => ui.status(&format!(
            "error: the build failed with {}; still serving the last good build",
            count_phrase(&built.diagnostics)
        )),
    }
    if timings {
        eprint!("{}", crate::timings::take_report());
    }
}

/// The overlay's data: a summary, the problems as the terminal shows them, and each one as
/// `check --format json` gives it.
pub fn problems_json(built: &Run) -> String {
    let mut text = Vec::new();
    let errors: Vec<_> = built
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    let _ = print::print(
        &mut text,
        print::Format::Human,
        &errors,
        &*built.sources,
        false,
    );
    serde_json::json!({
        "summary": format!("the build failed with {}", count_phrase(&errors)),
        "text": String::from_utf8_lossy(&text),
        "diagnostics": errors.iter().map(print::json_value).collect::<Vec<_>>(),
    })
    .to_string()
}

/// What is served when the very first build fails: a page that shows the problems.
fn placeholder() -> Site {
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>hirebook</title></head>\
         <body><p>The handbook has errors; see the terminal.</p>{}</body></html>",
        server::INJECT
    );
    let bytes: Arc<[u8]> = Arc::from(page.into_bytes());
    Site::from([
        ("index.html".to_owned(), bytes.clone()),
        ("404.html".to_owned(), bytes),
    ])
}
