//! Data for the interview planner (`roles/index.html`) and custom packets (`roles/packet.html`):
//! the question bank as a classic script, and each question's packet block pre-rendered by
//! the theme's own `packet_question` component, in chunks loaded only when selected.
//!
//! Pre-rendering with the same component as the static packets keeps custom packets
//! identical in layout to the per-role ones, and keeps the custom packet page small however
//! large the handbook grows.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::theme::Theme;
use super::views::{self, Html};
use super::{KeyHasher, RenderError, Rendered, Sink, fingerprinted};
use crate::model::Handbook;
use std::sync::Arc;

/// Questions per packet chunk: small enough that a typical packet loads a few kilobytes.
pub const CHUNK_SIZE: usize = 100;

/// Packet fragments are rendered for the custom packet page, `roles/packet.html`.
const PACKET_ROOT: &str = "../";

#[derive(Serialize)]
struct PlannerData {
    roles: Vec<PlannerRole>,
    scorecards: Vec<PlannerScorecard>,
    topics: Vec<PlannerTopic>,
    questions: Vec<PlannerQuestion>,
    /// Script files with packet fragments, relative to the site root.
    packet: PacketFiles,
}

#[derive(Serialize)]
struct PlannerRole {
    id: String,
    title: String,
    href: String,
    packet: String,
    level: Option<&'static str>,
    scorecard: Option<String>,
    checklists: Vec<String>,
    rounds: Vec<PlannerRound>,
}

#[derive(Serialize)]
struct PlannerRound {
    name: String,
    minutes: u32,
    questions: Vec<String>,
}

#[derive(Serialize)]
struct PlannerScorecard {
    id: String,
    title: String,
    dimensions: Vec<PlannerDimension>,
}

#[derive(Serialize)]
struct PlannerDimension {
    id: String,
    name: String,
}

#[derive(Serialize)]
struct PlannerTopic {
    id: String,
    title: String,
}

#[derive(Serialize)]
struct PlannerQuestion {
    id: String,
    title: String,
    href: String,
    /// Index into `topics`.
    topic: usize,
    levels: Vec<&'static str>,
    minutes: u32,
    dimensions: Vec<String>,
    /// Which packet chunk holds its block.
    chunk: usize,
}

#[derive(Serialize)]
struct PacketFiles {
    meta: String,
    chunks: Vec<String>,
}

#[derive(Serialize)]
struct PacketMeta {
    scorecards: std::collections::BTreeMap<String, String>,
    checklists: std::collections::BTreeMap<String, String>,
}

/// Packet chunks rendered by an earlier build, by the hash of what they were made from.
#[derive(Default)]
pub struct PlannerCache {
    chunks: std::collections::HashMap<u64, Arc<str>>,
}

/// Writes the planner data and packet fragments; returns the data script's path. With a
/// `cache`, chunks whose questions did not change since the last call are not rendered again.
pub fn write(
    handbook: &Handbook,
    theme: &Theme,
    sink: &dyn Sink,
    mut cache: Option<&mut PlannerCache>,
) -> Result<(String, Rendered), RenderError> {
    let html = Html { root: PACKET_ROOT };
    let mut written = Rendered::default();

    let previous = cache.as_deref_mut().map(|c| std::mem::take(&mut c.chunks));
    let keeping = previous.is_some();
    // Each chunk is written as soon as it is made; only a session keeps the text.
    type Chunk = (u64, String, usize, Option<Arc<str>>);
    let chunks: Vec<Result<Chunk, RenderError>> = handbook
        .questions
        .par_chunks(CHUNK_SIZE)
        .enumerate()
        .map(|(i, chunk)| {
            let views: Vec<_> = chunk
                .iter()
                .map(|q| views::question(handbook, q, &html))
                .collect();
            let mut key = 0;
            if let Some(previous) = &previous {
                let mut hasher = KeyHasher::default();
                hasher.feed(&theme.key.to_le_bytes());
                let _ = serde_json::to_writer(&mut hasher, &views);
                key = hasher.finish();
                if let Some(text) = previous.get(&key) {
                    let path = fingerprinted(&format!("packet-{i}.js"), text.as_bytes());
                    sink.write(&path, text.as_bytes())?;
                    return Ok((key, path, text.len(), Some(text.clone())));
                }
            }
            let mut parts = std::collections::BTreeMap::new();
            for view in views {
                let mut cx = Context::new();
                cx.insert("q", &view);
                cx.insert("number", &0);
                cx.insert("root", PACKET_ROOT);
                let block = theme
                    .tera
                    .render_component("packet_question", &cx, None, true)
                    .map_err(|e| RenderError::Templates(vec![theme.render_error(&e)]))?;
                parts.insert(view.id, block);
            }
            let text = script("__hirebookPacketChunk", &parts);
            let path = fingerprinted(&format!("packet-{i}.js"), text.as_bytes());
            sink.write(&path, text.as_bytes())?;
            Ok((key, path, text.len(), keeping.then(|| Arc::from(text))))
        })
        .collect();
    let mut chunk_paths = Vec::with_capacity(chunks.len());
    for chunk in chunks {
        let (key, path, len, text) = chunk?;
        if let (Some(cache), Some(text)) = (cache.as_deref_mut(), text) {
            cache.chunks.insert(key, text);
        }
        written.files += 1;
        written.bytes += len as u64;
        chunk_paths.push(path);
    }
    let mut put = |path: &str, text: &str| -> Result<(), RenderError> {
        sink.write(path, text.as_bytes())?;
        written.files += 1;
        written.bytes += text.len() as u64;
        Ok(())
    };

    let mut meta = PacketMeta {
        scorecards: Default::default(),
        checklists: Default::default(),
    };
    for s in &handbook.scorecards {
        let view = views::scorecard(handbook, s, &html);
        meta.scorecards.insert(
            s.id.to_string(),
            component(theme, "scorecard_sheet", "s", &view)?,
        );
    }
    for c in &handbook.checklists {
        let view = views::checklist(handbook, c, &html);
        meta.checklists.insert(
            c.id.to_string(),
            component(theme, "checklist_sheet", "c", &view)?,
        );
    }
    let meta_text = script("__hirebookPacketMeta", &meta);
    let meta_path = fingerprinted("packet-meta.js", meta_text.as_bytes());
    put(&meta_path, &meta_text)?;

    let data = planner_data(
        handbook,
        PacketFiles {
            meta: meta_path,
            chunks: chunk_paths,
        },
    );
    let data_text = format!(
        "window.__hirebookPlanner = {};\n",
        serde_json::to_string(&data).unwrap_or_default()
    );
    let data_path = fingerprinted("planner-data.js", data_text.as_bytes());
    put(&data_path, &data_text)?;
    Ok((data_path, written))
}

/// Renders one of the theme's components with `key` bound to `value`.
fn component<T: Serialize>(
    theme: &Theme,
    name: &str,
    key: &'static str,
    value: &T,
) -> Result<String, RenderError> {
    let mut cx = Context::new();
    cx.insert(key, value);
    cx.insert("root", PACKET_ROOT);
    theme
        .tera
        .render_component(name, &cx, None, true)
        .map_err(|e| RenderError::Templates(vec![theme.render_error(&e)]))
}

/// A classic script calling `callback` with `value` as JSON. Scripts, not JSON files, because
/// browsers refuse `fetch` from pages opened from disk.
fn script(callback: &str, value: &impl Serialize) -> String {
    format!(
        "{callback}({});\n",
        serde_json::to_string(value).unwrap_or_default()
    )
}

fn planner_data(handbook: &Handbook, packet: PacketFiles) -> PlannerData {
    PlannerData {
        roles: handbook
            .roles
            .iter()
            .map(|r| PlannerRole {
                id: r.id.to_string(),
                title: r.title.clone(),
                href: r.output(),
                packet: r.packet_output(),
                level: r.level.map(|l| l.label()),
                scorecard: r.scorecard.map(|s| handbook.scorecard(s).id.to_string()),
                checklists: r
                    .checklists
                    .iter()
                    .map(|c| handbook.checklist(*c).id.to_string())
                    .collect(),
                rounds: r
                    .rounds
                    .iter()
                    .map(|round| PlannerRound {
                        name: round.name.clone(),
                        minutes: round.minutes,
                        questions: round
                            .questions
                            .iter()
                            .map(|q| handbook.question(*q).id.to_string())
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        scorecards: handbook
            .scorecards
            .iter()
            .map(|s| PlannerScorecard {
                id: s.id.to_string(),
                title: s.title.clone(),
                dimensions: s
                    .dimensions
                    .iter()
                    .map(|d| PlannerDimension {
                        id: d.id.to_string(),
                        name: d.name.clone(),
                    })
                    .collect(),
            })
            .collect(),
        topics: handbook
            .topics
            .iter()
            .map(|t| PlannerTopic {
                id: t.id.to_string(),
                title: t.title.clone(),
            })
            .collect(),
        questions: handbook
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| PlannerQuestion {
                id: q.id.to_string(),
                title: q.title.clone(),
                href: q.output(),
                topic: q.topic.get(),
                levels: q.levels.iter().map(|l| l.as_str()).collect(),
                minutes: q.minutes,
                dimensions: q.dimensions.iter().map(|d| d.to_string()).collect(),
                chunk: i / CHUNK_SIZE,
            })
            .collect(),
        packet,
    }
}
