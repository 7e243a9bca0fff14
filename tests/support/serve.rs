//! Running `hirebook serve` in tests: a raw HTTP client and a server-sent events reader.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::Book;

pub const DEADLINE: Duration = Duration::from_secs(15);

/// The lines `child` writes to stderr (which must be piped), read on a thread of their own.
pub fn stderr_lines(child: &mut Child) -> std::sync::mpsc::Receiver<String> {
    let (tx, lines) = std::sync::mpsc::channel();
    let err = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    lines
}

/// `hirebook ARGS` run in the handbook folder without colour, and the lines of its stderr.
pub fn spawn_logged(book: &Book, args: &[&str]) -> (Child, std::sync::mpsc::Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hirebook"))
        .args(args)
        .current_dir(book.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = stderr_lines(&mut child);
    (child, lines)
}

pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`
    pub addr: String,
    stderr: std::sync::mpsc::Receiver<String>,
}

impl Server {
    /// `hirebook serve . --port 0 EXTRA...`, once it says where it listens.
    pub fn start(book: &Book, extra: &[&str]) -> Server {
        let mut args = vec!["--port", "0"];
        args.extend(extra);
        Server::start_with(book, &args)
    }

    /// `hirebook serve . ARGS...` (no port chosen unless ARGS choose one).
    pub fn start_with(book: &Book, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hirebook"))
            .args(["serve", "."])
            .args(args)
            .current_dir(book.path())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.trim().strip_suffix('/'))
            .unwrap_or_else(|| panic!("no URL in {line:?}"))
            .to_owned();
        assert!(
            addr.starts_with("127.0.0.1:"),
            "binds to localhost by default: {addr}"
        );
        let stderr = stderr_lines(&mut child);
        Server {
            child,
            addr,
            stderr,
        }
    }

    /// `GET path` → (status, content type, body).
    pub fn get(&self, path: &str) -> (u16, String, String) {
        self.request("GET", path, &self.addr)
    }

    /// `METHOD path` with the given `Host` header → (status, content type, body).
    pub fn request(&self, method: &str, path: &str, host: &str) -> (u16, String, String) {
        self.send(&format!(
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ))
    }

    /// Sends `head` (a request line and headers, ending in an empty line) as it is: status,
    /// content type, body.
    pub fn send(&self, head: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream.write_all(head.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        let kind = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-type: ")
                    .map(str::to_owned)
            })
            .unwrap_or_default();
        (status, kind, body.to_owned())
    }

    pub fn events(&self) -> Events {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        write!(
            stream,
            "GET /__hirebook/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.addr
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        Events {
            reader: BufReader::new(stream),
            pending: String::new(),
        }
    }

    /// Waits until the page at `path` contains `text` (after an edit, say).
    pub fn wait_for_page(&self, path: &str, text: &str) {
        eventually(&format!("{path} to contain {text:?}"), || {
            self.get(path).2.contains(text)
        });
    }

    /// Waits for a stderr line containing `text`.
    pub fn wait_for_log(&self, text: &str) -> String {
        self.log_until(text).pop().unwrap()
    }

    /// The stderr lines up to and including the next one containing `text`.
    pub fn log_until(&self, text: &str) -> Vec<String> {
        let deadline = Instant::now() + DEADLINE;
        let mut lines = Vec::new();
        while Instant::now() < deadline {
            if let Ok(line) = self.stderr.recv_timeout(Duration::from_millis(100)) {
                let found = line.contains(text);
                lines.push(line);
                if found {
                    return lines;
                }
            }
        }
        panic!("no log line with {text:?} in {lines:#?}");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Events {
    reader: BufReader<TcpStream>,
    pending: String,
}

impl Events {
    /// The next server-sent event `(name, data)`, or `None` once `within` has passed.
    pub fn next(&mut self, within: Duration) -> Option<(String, String)> {
        let deadline = Instant::now() + within;
        let (mut name, mut data) = (String::new(), String::new());
        while Instant::now() < deadline {
            let mut line = std::mem::take(&mut self.pending);
            match self.reader.read_line(&mut line) {
                Ok(0) => return None,
                Ok(_) if !line.ends_with('\n') => self.pending = line,
                Ok(_) => {
                    let line = line.trim_end();
                    if let Some(n) = line.strip_prefix("event: ") {
                        name = n.to_owned();
                    } else if let Some(d) = line.strip_prefix("data: ") {
                        data.push_str(d);
                    } else if line.is_empty() && !name.is_empty() {
                        return Some((name, data));
                    }
                }
                Err(_) => self.pending = line,
            }
        }
        None
    }

    /// The name of the next event, whichever it is.
    pub fn expect_any(&mut self) -> String {
        self.next(DEADLINE).expect("an event").0
    }

    pub fn expect(&mut self, name: &str) -> String {
        match self.next(DEADLINE) {
            Some((n, data)) if n == name => data,
            other => panic!("expected a {name} event, got {other:?}"),
        }
    }
}

/// Polls `check` until it holds.
pub fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + DEADLINE;
    while Instant::now() < deadline {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("timed out waiting for {what}");
}
