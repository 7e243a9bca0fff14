//! `hirebook schema`: writes the JSON Schemas of the content files, for editors.

use std::path::Path;

use super::{CmdError, Outcome, Ui, write_new};
use crate::cli::SchemaArgs;
use crate::config::Config;
use crate::error::IoContext;
use crate::model::schema;
use crate::source::slash_path;

pub fn execute(args: &SchemaArgs, ui: &Ui) -> Result<Outcome, CmdError> {
    let root = &args.dir;
    let content_dir = Config::load(root)
        .map(|c| c.build.content_dir)
        .unwrap_or_else(|_| "content".into());
    let out = root.join(&args.out);
    std::fs::create_dir_all(&out).io_context("create", &out)?;
    let mut associations = serde_json::Map::new();
    for s in schema::all() {
        let path = out.join(s.file_name);
        let text = serde_json::to_string_pretty(&s.schema).unwrap_or_default() + "\n";
        std::fs::write(&path, text).io_context("write", &path)?;
        // Front matter lives inside Markdown, which YAML editors do not read (see the docs).
        if !s.applies_to.ends_with(".md") {
            associations.insert(
                format!("./{}", relative(root, &path)),
                serde_json::Value::String(format!("{}/{}", slash_path(&content_dir), s.applies_to)),
            );
        }
    }
    // The score files the scoring page exports (docs/scoring.md).
    let path = out.join("hirebook-score.schema.json");
    let text = serde_json::to_string_pretty(&crate::render::score::schema()).unwrap_or_default();
    std::fs::write(&path, text + "\n").io_context("write", &path)?;
    let settings = serde_json::json!({ "yaml.schemas": associations });
    let settings_text = serde_json::to_string_pretty(&settings).unwrap_or_default() + "\n";
    ui.status(&format!(
        "Wrote the content schemas to {}",
        relative(root, &out)
    ));
    if args.vscode {
        let path = root.join(".vscode/settings.json");
        match write_new(&path, &settings_text) {
            Ok(()) => ui.status("Wrote .vscode/settings.json: VS Code's YAML extension now checks the YAML files as you type."),
            Err(e) if e.source.kind() == std::io::ErrorKind::AlreadyExists => {
                ui.status("\n.vscode/settings.json exists; add this to it:");
                println!("{settings_text}");
            }
            Err(e) => return Err(e.into()),
        }
    } else {
        ui.status("\nFor VS Code (with the YAML extension), add this to .vscode/settings.json, or run with --vscode:");
        println!("{settings_text}");
    }
    Ok(Outcome::Success)
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .map(slash_path)
        .unwrap_or_else(|_| path.display().to_string())
}
