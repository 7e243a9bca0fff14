//! A synthetic handbook of any size, for benchmarks and scale tests: 10 topics, a 7-dimension
//! scorecard, and questions of about 500 words with a code block each.
//!
//! The text is deterministic (a fixed-seed generator) and word frequencies follow a skewed,
//! Zipf-like curve over a few thousand words, so index sizes behave like real prose rather than
//! like repeated lorem ipsum.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::error::{IoContext, IoError};

const TOPICS: [&str; 10] = [
    "architecture",
    "database",
    "security",
    "api",
    "testing",
    "async",
    "performance",
    "migrations",
    "incidents",
    "collaboration",
];

const DIMENSIONS: [(&str, &str); 7] = [
    ("fundamentals", "Django fundamentals"),
    ("system-design", "System design thinking"),
    ("security", "Security awareness"),
    ("api", "API maturity"),
    ("testing", "Testing discipline"),
    ("performance-cost", "Performance and cost awareness"),
    ("communication", "Communication and ownership"),
];

const COMMON: &[&str] = &[
    "the",
    "a",
    "to",
    "of",
    "and",
    "in",
    "that",
    "is",
    "for",
    "it",
    "with",
    "as",
    "on",
    "be",
    "this",
    "they",
    "how",
    "what",
    "when",
    "their",
    "team",
    "code",
    "candidate",
    "answer",
    "production",
    "database",
    "query",
    "model",
    "view",
    "request",
    "test",
    "deploy",
    "cache",
    "migration",
    "schema",
    "index",
    "queue",
    "task",
    "retry",
    "failure",
    "service",
    "client",
    "api",
    "version",
    "permission",
    "user",
    "session",
    "token",
    "review",
    "release",
    "incident",
    "metric",
    "latency",
    "cost",
    "server",
    "trade-off",
    "example",
    "decision",
    "design",
    "data",
    "table",
    "lock",
    "rollback",
    "settings",
    "environment",
    "app",
    "boundary",
    "module",
    "refactor",
    "debug",
    "profile",
    "monitor",
    "alert",
    "log",
    "trace",
    "scale",
    "load",
    "traffic",
    "backend",
    "frontend",
    "product",
    "ticket",
    "sprint",
    "owner",
    "risk",
    "plan",
];

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "tor", "vel", "qua", "dis", "pro", "ex", "sta", "ble", "ment", "ion",
    "ful", "ness", "ize", "ate", "ric", "gen", "tra", "col", "per", "mon", "sil", "dex",
];

/// A small, fixed-seed generator (xorshift64*): deterministic across platforms and runs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A word: usually common, sometimes from a long tail of made-up terms.
    fn word(&mut self) -> String {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        if u < 0.7 {
            let i = ((u / 0.7).powi(2) * COMMON.len() as f64) as usize;
            COMMON[i.min(COMMON.len() - 1)].to_owned()
        } else {
            // The tail: about 6,000 distinct words, rarer the further out.
            let rank = (((u - 0.7) / 0.3).powi(3) * 6000.0) as u64;
            let mut w = String::new();
            let mut x = rank * 7919 + 13;
            for _ in 0..(2 + rank % 3) {
                w.push_str(SYLLABLES[(x % SYLLABLES.len() as u64) as usize]);
                x /= SYLLABLES.len() as u64;
                x += rank;
            }
            w
        }
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            let w = self.word();
            if i == 0 {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    s.extend(f.to_uppercase());
                    s.push_str(c.as_str());
                }
            } else {
                s.push(' ');
                s.push_str(&w);
            }
        }
        s
    }
}

/// Writes a handbook of `questions` questions into `dir` (which must not have one yet).
pub fn write(questions: usize, dir: &Path) -> Result<(), IoError> {
    let put = |rel: &str, text: &str| -> Result<(), IoError> {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).io_context("create", parent)?;
        }
        fs::write(&path, text).io_context("write", &path)
    };
    put(
        "book.toml",
        &format!("[book]\ntitle = \"Synthetic handbook ({questions} questions)\"\n"),
    )?;
    put(
        "content/index.md",
        "---\ntitle: Home\n---\n\n# Synthetic handbook\n\nGenerated for benchmarks.\n",
    )?;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for p in 0..5 {
        let mut page = format!("---\ntitle: Guide page {p}\nweight: {p}\n---\n");
        for s in 0..4 {
            let _ = write!(page, "\n## Section {s}\n\n{}.\n", rng.sentence(60));
        }
        put(&format!("content/guide/page-{p}.md"), &page)?;
    }
    let mut topics = String::new();
    for (i, t) in TOPICS.iter().enumerate() {
        let _ = writeln!(topics, "{t}:\n  title: Topic {t}\n  weight: {i}");
    }
    put("content/topics.yaml", &topics)?;

    let mut scorecard = String::from("title: Engineer scorecard\ndimensions:\n");
    for (id, name) in DIMENSIONS {
        let _ = writeln!(
            scorecard,
            "  - id: {id}\n    name: {name}\n    anchors:\n      1: {}\n      3: {}\n      5: {}",
            rng.sentence(8),
            rng.sentence(8),
            rng.sentence(8)
        );
    }
    scorecard.push_str("recommendation: [Strong no, No, Yes, Strong yes]\n");
    put("content/scorecards/engineer.yaml", &scorecard)?;
    put(
        "content/checklists/mistakes.yaml",
        "title: Interviewer mistakes\nitems:\n  - title: Only theory\n    why: It misses practice.\n  - title: No notes\n    instead: Write notes.\n",
    )?;

    for q in 0..questions {
        let topic = TOPICS[q % TOPICS.len()];
        let dims: Vec<&str> = (0..1 + rng.below(3))
            .map(|_| DIMENSIONS[rng.below(DIMENSIONS.len())].0)
            .collect();
        let mut text = format!(
            "---\ntitle: \"Question {q}: {}?\"\ntopic: {topic}\nlevel: [mid, senior]\nminutes: {}\ndimensions: [{}]\nstrong:\n",
            rng.sentence(9),
            5 + rng.below(4) * 5,
            dims.join(", ")
        );
        for _ in 0..5 {
            let _ = writeln!(text, "  - {}", rng.sentence(8));
        }
        let _ = writeln!(
            text,
            "good_sign: {}\nred_flag: {}\nfollow_ups:\n  - {}?\n  - {}?\n  - {}?\ntags: [{}, {}]\n---\n",
            rng.sentence(10),
            rng.sentence(10),
            rng.sentence(9),
            rng.sentence(9),
            rng.sentence(9),
            rng.word(),
            rng.word()
        );
        for section in ["Why ask it", "What to listen for", "Notes"] {
            let _ = write!(
                text,
                "## {section}\n\n{}.\n\n{}.\n\n",
                rng.sentence(55),
                rng.sentence(55)
            );
        }
        let _ = write!(
            text,
            "```python\ndef handle_{q}(request):\n    items = Item.objects.select_related(\"owner\").filter(active=True)\n    return render(request, \"items.html\", {{\"items\": items}})\n```\n"
        );
        put(&format!("content/questions/{topic}/q{q:05}.md"), &text)?;
    }

    // Roles draw their rounds from the bank, three rounds of four questions each.
    for r in 0..5.min(questions.max(1)) {
        let mut role = format!(
            "title: Role {r}\nsummary: {}.\nlevel: senior\nscorecard: engineer\nchecklists: [mistakes]\nrounds:\n",
            rng.sentence(12)
        );
        let mut used = std::collections::BTreeSet::new();
        for round in 0..3 {
            let ids: Vec<String> = (0..4)
                .map(|k| (r * 12 + round * 4 + k) % questions.max(1))
                .filter(|q| used.insert(*q))
                .map(|q| format!("q{q:05}"))
                .collect();
            let _ = writeln!(
                role,
                "  - name: Round {round}\n    minutes: 90\n    questions: [{}]",
                ids.join(", ")
            );
        }
        put(&format!("content/roles/role-{r}.yaml"), &role)?;
    }
    Ok(())
}
