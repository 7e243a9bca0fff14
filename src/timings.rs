//! `hirebook build --timings`: how long each phase of the pipeline took, so that anyone can
//! see where a slow build spends its time without a profiler.

use std::cell::Cell;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static ENABLED: AtomicBool = AtomicBool::new(false);

/// A phase: its name, the phase it ran inside (on the same thread), and its duration once
/// it has ended. Phases on different threads run side by side, not inside each other.
struct Record {
    name: &'static str,
    parent: Option<usize>,
    elapsed: Option<Duration>,
}

static PHASES: Mutex<Vec<Record>> = Mutex::new(Vec::new());

thread_local! {
    /// The phase this thread is in.
    static CURRENT: Cell<Option<usize>> = const { Cell::new(None) };
}

/// Starts recording phases for this process.
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

/// Runs `f` as the phase `name`, recording its duration when timings are on.
pub fn phase<T>(name: &'static str, f: impl FnOnce() -> T) -> T {
    let _phase = start(name);
    f()
}

/// Starts the phase `name`; it ends when the returned guard is dropped.
pub fn start(name: &'static str) -> Phase {
    if !ENABLED.load(Ordering::Relaxed) {
        return Phase(None);
    }
    let parent = CURRENT.get();
    let mut phases = PHASES.lock().unwrap_or_else(|e| e.into_inner());
    phases.push(Record {
        name,
        parent,
        elapsed: None,
    });
    let slot = phases.len() - 1;
    CURRENT.set(Some(slot));
    Phase(Some((slot, parent, Instant::now())))
}

/// A running phase: its slot, its parent's, and when it started (if timings are on).
pub struct Phase(Option<(usize, Option<usize>, Instant)>);

impl Drop for Phase {
    fn drop(&mut self) {
        if let Some((slot, parent, started)) = self.0 {
            let elapsed = started.elapsed();
            CURRENT.set(parent);
            PHASES.lock().unwrap_or_else(|e| e.into_inner())[slot].elapsed = Some(elapsed);
        }
    }
}

/// The recorded phases as a table, one line each, every phase followed by the phases that
/// ran inside it, indented.
pub fn report() -> String {
    let phases = PHASES.lock().unwrap_or_else(|e| e.into_inner());
    table(&phases)
}

/// `report`, then forgets the phases: for sessions that build again and again.
pub fn take_report() -> String {
    let mut phases = PHASES.lock().unwrap_or_else(|e| e.into_inner());
    let out = table(&phases);
    phases.clear();
    out
}

fn table(phases: &[Record]) -> String {
    let mut lines = Vec::new();
    let mut stack: Vec<(usize, usize)> = phases
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, p)| p.parent.is_none())
        .map(|(i, _)| (i, 0))
        .collect();
    while let Some((i, depth)) = stack.pop() {
        if let Some(elapsed) = phases[i].elapsed {
            lines.push((format!("{}{}", "  ".repeat(depth), phases[i].name), elapsed));
        }
        let children = phases.iter().enumerate().rev();
        stack.extend(
            children
                .filter(|(_, p)| p.parent == Some(i))
                .map(|(c, _)| (c, depth + 1)),
        );
    }
    let width = lines.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
    lines
        .iter()
        .map(|(label, d)| format!("  {label:<width$}  {:>8.1} ms\n", d.as_secs_f64() * 1000.0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_are_shown_in_order_with_inner_phases_under_theirs() {
        assert_eq!(phase("before", || 1), 1);
        enable();
        phase("first", || {
            std::thread::scope(|s| {
                s.spawn(|| phase("elsewhere", || ()));
            });
            phase("inner", || ())
        });
        phase("second", || ());
        let report = report();
        // Each line: the label, indented by depth, then the duration.
        let labels: Vec<String> = report
            .lines()
            .map(|l| l.rsplit_once("  ").unwrap().0.trim_end().to_owned())
            .collect();
        assert_eq!(
            labels,
            ["  first", "    inner", "  elsewhere", "  second"],
            "{report}"
        );
        assert!(report.lines().all(|l| l.ends_with(" ms")), "{report}");
    }
}
