//! How hirebook scales: builds synthetic handbooks of 100, 1,000 and 10,000 questions and
//! reports build time (clean, and a rebuild of the unchanged handbook), peak memory, output
//! size, the largest page, search index size, what a reader's first search costs (bytes
//! loaded and time: the site's own search.js run in Node and, when Debian's chromium and
//! chromium-driver are installed, in Chromium on the built page), and the edit-to-reload
//! latency of `hirebook serve`.
//!
//!     cargo bench --bench scale                      # all sizes
//!     HIREBOOK_BENCH_SIZES=100,1000 cargo bench --bench scale
//!     TMPDIR=/dev/shm cargo bench --bench scale      # output in memory: the CPU's share only
//!
//! Figures are whole-process measurements on whatever machine runs this (time and peak memory
//! from `wait4`); compare ratios between sizes rather than absolute numbers across machines.
//! Creating ten thousand files costs very different amounts on different disks, so the
//! handbook and its output go to `TMPDIR`.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/process.rs"]
mod process;
use process::tree_bytes;

// The browser the tests use (chromium through chromedriver).
#[allow(dead_code)]
#[path = "../tests/support/browser.rs"]
mod browser;

const QUERIES: &str = r#"[
  {"query": "rollback"}, {"query": "migration plan"}, {"query": "cache"},
  {"query": "retry failure"}, {"query": "migratoin"}, {"query": "deplo"},
  {"query": "query cache latency"}, {"query": "velproion"}
]"#;

struct Run {
    seconds: f64,
    peak_kib: i64,
}

/// Runs a build quietly and measures its wall time and peak memory; it must succeed.
fn measure(cmd: &mut Command) -> Run {
    let run = process::measure(
        cmd.stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null()),
    );
    assert!(run.succeeded, "build failed");
    Run {
        seconds: run.seconds,
        peak_kib: run.peak_kib,
    }
}

/// Edit-to-reload latency of `hirebook serve`: from writing a question file to the reload
/// event reaching a connected page, median of `rounds` edits, in milliseconds.
fn reload_latency(exe: &str, dir: &Path, rounds: usize) -> f64 {
    let mut child = Command::new(exe)
        .args(["serve", "--port", "0"])
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .unwrap()
        .trim()
        .trim_end_matches('/')
        .to_owned();
    let mut stream = TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "GET /__hirebook/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut events = BufReader::new(stream);
    let file = walkdir::WalkDir::new(dir.join("content/questions"))
        .into_iter()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "md"))
        .unwrap()
        .into_path();
    let mut times = Vec::new();
    for round in 0..rounds {
        // Let the previous rebuild settle, so each round measures one edit.
        std::thread::sleep(Duration::from_millis(300));
        let text = std::fs::read_to_string(&file).unwrap();
        let start = Instant::now();
        std::fs::write(
            &file,
            text.replacen("strong:", &format!("# edit {round}\nstrong:"), 1),
        )
        .unwrap();
        let mut line = String::new();
        loop {
            line.clear();
            if events.read_line(&mut line).unwrap() == 0 {
                panic!("the server closed the event stream");
            }
            if line.trim() == "event: reload" {
                break;
            }
        }
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let _ = child.kill();
    let _ = child.wait();
    median(times)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// A reader's first search in Chromium, per query on a freshly opened home page (search.js
/// not yet run, the index not yet loaded): `ready()` first, as focusing the search box does,
/// then a quarter of a second to type the query, then the search; and the same search again.
/// Medians over the bench queries, in ms. `None` without a browser.
fn browser_search(site: &Path) -> Option<(f64, f64)> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let browser = browser::start().await?;
        let queries: Vec<serde_json::Value> = serde_json::from_str(QUERIES).unwrap();
        let (mut first, mut warm) = (Vec::new(), Vec::new());
        for q in &queries {
            browser.goto(&browser::file_url(&site.join("index.html"))).await;
            let query = serde_json::to_string(&q["query"]).unwrap();
            browser
                .js(&format!(
                    "var d = document.documentElement, api = window.__hirebookSearchEngine;
                     var e = new api.Engine(d.getAttribute('data-search-index'), window.__hirebook.loadScript);
                     window.__bench = null;
                     e.ready().then(function () {{
                       return new Promise(function (typed) {{ setTimeout(typed, 250); }});
                     }}).then(function () {{
                       var t0 = performance.now();
                       return e.search({query}, {{}}, 10).then(function () {{
                         var first = performance.now() - t0, t1 = performance.now();
                         return e.search({query}, {{}}, 10).then(function () {{
                           window.__bench = [first, performance.now() - t1];
                         }});
                       }});
                     }});
                     return true;"
                ))
                .await;
            browser.wait_until("return window.__bench !== null").await;
            let times = browser.js("return window.__bench").await;
            first.push(times[0].as_f64().unwrap());
            warm.push(times[1].as_f64().unwrap());
        }
        browser.close().await;
        Some((median(first), median(warm)))
    })
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` runs this with no --bench: skip then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let sizes: Vec<usize> = std::env::var("HIREBOOK_BENCH_SIZES")
        .unwrap_or_else(|_| "100,1000,10000".into())
        .split(',')
        .map(|s| s.trim().parse().unwrap())
        .collect();
    let exe = env!("CARGO_BIN_EXE_hirebook");
    let cpus = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    println!(
        "hirebook scale bench: {cpus} CPUs, release build, output in {}, median of 3 builds\n",
        std::env::temp_dir().display()
    );
    println!(
        "| questions | clean build | rebuild | peak memory | output | per question page | largest page | search index | index/content | first query loads | first query | warm query | first query, Chromium | warm query, Chromium | edit to reload |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut rows: Vec<(usize, f64, f64)> = Vec::new();
    for n in sizes {
        let dir = tempfile::tempdir().unwrap();
        hirebook::corpus::write(n, dir.path()).unwrap();
        // A clean build writes into a folder of its own; a rebuild replaces the previous
        // build of the same (unchanged) handbook, as `hirebook build` run twice does.
        let clean: Vec<Run> = (0..3)
            .map(|i| {
                let dest = dir.path().join(format!("clean-{i}"));
                measure(
                    Command::new(exe)
                        .arg("build")
                        .arg(dir.path())
                        .arg("--dest-dir")
                        .arg(&dest),
                )
            })
            .collect();
        measure(Command::new(exe).arg("build").arg(dir.path()));
        let rebuild: Vec<Run> = (0..3)
            .map(|_| measure(Command::new(exe).arg("build").arg(dir.path())))
            .collect();
        let seconds = median(clean.iter().map(|r| r.seconds).collect());
        let again = median(rebuild.iter().map(|r| r.seconds).collect());
        let peak_kib = clean.iter().chain(&rebuild).map(|r| r.peak_kib).max();
        let peak_mib = peak_kib.unwrap_or(0) as f64 / 1024.0;
        rows.push((n, seconds, peak_mib));
        let site = dir.path().join("book");
        let (content, _) = tree_bytes(&dir.path().join("content"), |_| true);
        let (output, _) = tree_bytes(&site, |_| true);
        let (pages, page_count) = tree_bytes(&site.join("questions"), |p| {
            p.extension().is_some_and(|e| e == "html")
        });
        let largest = walkdir::WalkDir::new(&site)
            .into_iter()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .map(|e| e.metadata().unwrap().len())
            .max()
            .unwrap_or(0);
        let (index, _) = tree_bytes(&site.join("static"), |p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("search-")
        });
        let queries = dir.path().join("queries.json");
        std::fs::write(&queries, QUERIES).unwrap();
        let out = Command::new("node")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search/run.js"))
            .arg("queries")
            .arg(&site)
            .arg(&queries)
            .output();
        let (loads, first, warm) = match out {
            Ok(out) if out.status.success() => {
                let results: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                let results = results.as_array().unwrap();
                // Everything a first search needs: what focusing the box loads, then the query.
                let max_load = results
                    .iter()
                    .map(|r| {
                        r["ready_bytes"].as_f64().unwrap() + r["loaded_bytes"].as_f64().unwrap()
                    })
                    .fold(0.0, f64::max);
                let first = median(
                    results
                        .iter()
                        .map(|r| r["first_ms"].as_f64().unwrap())
                        .collect(),
                );
                let warm = median(
                    results
                        .iter()
                        .map(|r| r["warm_ms"].as_f64().unwrap())
                        .collect(),
                );
                (
                    format!("{:.0} KB max", max_load / 1024.0),
                    format!("{first:.1} ms"),
                    format!("{warm:.2} ms"),
                )
            }
            _ => ("(no node)".into(), "-".into(), "-".into()),
        };
        let (chromium_first, chromium_warm) = match browser_search(&site) {
            Some((first, warm)) => (format!("{first:.1} ms"), format!("{warm:.2} ms")),
            None => ("(no chromium)".into(), "-".into()),
        };
        let reload = reload_latency(exe, dir.path(), 7);
        println!(
            "| {n} | {seconds:.2} s | {again:.2} s | {peak_mib:.0} MiB | {:.1} MB | {:.1} KB | {:.0} KB | {:.2} MB ({:.0} B/question) | {:.2} | {loads} | {first} | {warm} | {chromium_first} | {chromium_warm} | {reload:.0} ms |",
            output as f64 / 1e6,
            pages as f64 / page_count.max(1) as f64 / 1024.0,
            largest as f64 / 1024.0,
            index as f64 / 1e6,
            index as f64 / n as f64,
            index as f64 / content as f64,
        );
    }
    // Linear growth: ten times the questions should cost about ten times as much.
    for pair in rows.windows(2) {
        let ((a, ta, ma), (b, tb, mb)) = (pair[0], pair[1]);
        println!(
            "\n{a} -> {b} questions (x{:.0}): clean build time x{:.1}, peak memory x{:.1}",
            b as f64 / a as f64,
            tb / ta,
            mb / ma
        );
    }
}
