//! "Did you mean" hints whose candidates grow with the handbook (question ids, page paths,
//! topics, a page's headings), worked out only for the problems that are shown.
//!
//! Comparing a wrong name with every candidate costs the number of candidates; a file with
//! fifty thousand different broken links in a handbook of two thousand pages would cost a
//! hundred million comparisons, though only the first few of its problems are printed
//! ([`super::summarise_floods`], [`super::cap`]). So a diagnostic keeps its wrong name and a
//! shared list of candidates, and [`resolve`] finds the nearest once the report is cut.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::{Diagnostic, did_you_mean};

/// Candidates shared by every diagnostic that may suggest one of them; made once per kind.
#[derive(Clone, Default)]
pub struct Candidates(Arc<[String]>);

impl fmt::Debug for Candidates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Candidates({})", self.0.len())
    }
}

impl Candidates {
    pub fn new(names: impl IntoIterator<Item = impl Into<String>>) -> Self {
        let mut names: Vec<String> = names.into_iter().map(Into::into).collect();
        // Sorted: among equally near candidates, the first in order wins, whatever order
        // the handbook was read in.
        names.sort_unstable();
        Candidates(names.into())
    }
}

/// A suggestion to look for later: the wrong name and where to look.
#[derive(Clone)]
pub struct Pending {
    wrong: String,
    candidates: Candidates,
}

impl Pending {
    pub fn new(wrong: &str, candidates: &Candidates) -> Self {
        Pending {
            wrong: wrong.to_owned(),
            candidates: candidates.clone(),
        }
    }
}

// Two pending suggestions are the same when they look for the same name in the same list:
// comparing the lists' addresses keeps a diagnostic's equality and hash cheap.
impl PartialEq for Pending {
    fn eq(&self, other: &Self) -> bool {
        self.wrong == other.wrong && Arc::ptr_eq(&self.candidates.0, &other.candidates.0)
    }
}

impl Eq for Pending {}

impl Hash for Pending {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.wrong.hash(state);
        (Arc::as_ptr(&self.candidates.0) as *const u8 as usize).hash(state);
    }
}

impl fmt::Debug for Pending {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pending({:?} among {:?})", self.wrong, self.candidates)
    }
}

/// Turns each pending suggestion into a "did you mean" hint (when a candidate is near; the
/// hint given meanwhile stays otherwise). Call it on the diagnostics that will be shown.
pub fn resolve(diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        if let Some(pending) = d.pending.take()
            && let Some(near) = did_you_mean(
                &pending.wrong,
                pending.candidates.0.iter().map(String::as_str),
            )
        {
            d.hint = Some(super::cut(format!("did you mean `{near}`?")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    #[test]
    fn a_pending_suggestion_becomes_a_hint_when_resolved() {
        let ids = Candidates::new(["system-design", "fundamentals"]);
        let mut found = vec![
            Diagnostic::new(Code::UnknownDimension, "unknown dimension `sytem-design`")
                .suggest_from("sytem-design", &ids)
                .or_hint("use a dimension of the scorecard"),
            Diagnostic::new(Code::UnknownDimension, "unknown dimension `zzz`")
                .suggest_from("zzz", &ids)
                .or_hint("use a dimension of the scorecard"),
        ];
        assert_eq!(
            found[0].hint.as_deref(),
            Some("use a dimension of the scorecard")
        );
        resolve(&mut found);
        assert_eq!(
            found[0].hint.as_deref(),
            Some("did you mean `system-design`?")
        );
        assert_eq!(
            found[1].hint.as_deref(),
            Some("use a dimension of the scorecard")
        );
        assert!(found.iter().all(|d| d.pending.is_none()));
    }
}
