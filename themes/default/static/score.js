/* hirebook: the scoring pages (roles/<id>/score.html for a role's own plan, roles/score.html
   for a plan built in the planner, which planner.js puts together first). Everything typed is kept in this
   browser's localStorage, per candidate and round, and leaves it only as a file the
   interviewer exports. No request is made: the page works from disk as from a web host.
   The score file format is documented in docs/scoring.md (format "hirebook-score", version 1). */
(function start() {
  "use strict";
  var sheet = document.querySelector("[data-score-sheet]");
  if (!sheet) { return; }
  // A custom plan's sheet is built by planner.js once its questions are loaded.
  if (sheet.hasAttribute("data-custom-score") && !sheet.hasAttribute("data-ready")) {
    document.addEventListener("hirebook:score-sheet", start, { once: true });
    return;
  }
  var hb = window.__hirebook || { t: function (k) { return k; } };
  var t = hb.t;
  var FORMAT = "hirebook-score";
  var VERSION = 1;
  var ROLE = sheet.getAttribute("data-role");
  var PLAN = sheet.getAttribute("data-plan") === "custom" ? "custom" : "role";
  var ADDRESS = sheet.getAttribute("data-plan-address") || "";
  var OTHER_ROLE = {}; // what fromFile answers for a file of another role
  var OTHER_PLAN = {}; // ... and for one of another plan of this role
  // Keys: hirebook-score/v1/<site's path>/<role>/<candidate, encoded>/<round>, with
  // `<role>~<plan>` for the sheets of a custom plan (`<plan>` a hash of its questions, so that
  // no plan's sheet is saved over with another plan's questions). The site's path (not the
  // page's) so that forgetting a candidate reaches their sheets of every role and plan.
  var site = new URL(document.documentElement.getAttribute("data-root") || "./", location.href).pathname;
  var SITE = "hirebook-score/v1/" + site + "/";
  var PREFIX = SITE + ROLE + (PLAN === "custom" ? "~" + fnv(planKey(PLAN, ADDRESS)) : "") + "/";
  var head = {};
  Array.prototype.forEach.call(sheet.querySelectorAll("[data-head]"), function (el) {
    head[el.getAttribute("data-head")] = el;
  });
  var status = sheet.querySelector("[data-status]");
  var current = null; // the storage key of the sheet shown

  /* A field's name in the saved state: `d.<dimension>.score`, `recommendation`..., and for a
     question's fields `q.<question>.<t>` (`asked`, `s.2` for a strong point, `p.0` for a
     probe, `good_sign`, `red_flag`, `notes`). */
  function fieldName(el) {
    var own = el.getAttribute("data-field");
    if (own) { return own; }
    var q = el.closest("[data-question]");
    return "q." + (q ? q.getAttribute("data-question") : "") + "." + el.getAttribute("data-t");
  }

  var FIELDS = "[data-field], [data-t]";

  // Each strong point and probe gets its tick box, named by its list and its place in it
  // (`s.0`, `p.3`); the page carries only their text.
  Array.prototype.forEach.call(sheet.querySelectorAll("[data-ticks]"), function (list) {
    var kind = list.getAttribute("data-ticks");
    Array.prototype.forEach.call(list.children, function (item, i) {
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.setAttribute("data-t", kind + "." + i);
      label.appendChild(box);
      label.appendChild(document.createTextNode(" "));
      while (item.firstChild) { label.appendChild(item.firstChild); }
      item.appendChild(label);
    });
  });

  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  /* One name however it was typed: spaces, case and Unicode composition aside (`José` typed
     two ways is one candidate). Encoded, so that no name holds the key's `/`. */
  function normalName(name) {
    return encodeURIComponent(name.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase());
  }

  function key(candidate, round) {
    return PREFIX + normalName(candidate) + "/" + round;
  }

  /* Whether the form holds anything typed or ticked besides the header. */
  function hasAnswers(state) {
    return Object.keys(state.fields).length > 0;
  }

  function roundSection(n) {
    return sheet.querySelector('.score-round[data-round="' + n + '"]');
  }

  /* The fields of the round shown, and the dimensions it assesses (all when it names none). */
  function activeFields() {
    var round = head.round.value;
    var section = roundSection(round);
    var fields = [];
    if (section) { fields = fields.concat(Array.prototype.slice.call(section.querySelectorAll(FIELDS))); }
    Array.prototype.forEach.call(sheet.querySelectorAll(".score-dimensions [data-field]"), function (el) {
      if (!el.closest("fieldset").hidden) { fields.push(el); }
    });
    return fields;
  }

  function showRound() {
    var round = head.round.value;
    Array.prototype.forEach.call(sheet.querySelectorAll(".score-round"), function (s) {
      s.hidden = s.getAttribute("data-round") !== round;
    });
    var section = roundSection(round);
    var wanted = section ? section.getAttribute("data-dimensions").split(" ").filter(Boolean) : [];
    Array.prototype.forEach.call(sheet.querySelectorAll(".score-dimension[data-dimension]"), function (f) {
      f.hidden = wanted.length > 0 && wanted.indexOf(f.getAttribute("data-dimension")) < 0;
    });
  }

  function readForm() {
    var fields = {};
    activeFields().forEach(function (el) {
      var name = fieldName(el);
      if (el.type === "checkbox") { if (el.checked) { fields[name] = true; } }
      else if (el.type === "radio") { if (el.checked && el.value !== "") { fields[name] = el.value; } }
      else if (el.value.trim() !== "") { fields[name] = el.value; }
    });
    return {
      candidate: head.candidate.value.trim(),
      interviewer: head.interviewer.value.trim(),
      round: head.round.value,
      date: head.date.value,
      fields: fields
    };
  }

  function fillForm(state) {
    head.candidate.value = state.candidate || "";
    head.interviewer.value = state.interviewer || head.interviewer.value;
    if (state.round && roundSection(state.round)) { head.round.value = state.round; }
    head.date.value = state.date || head.date.value;
    showRound();
    var fields = state.fields || {};
    Array.prototype.forEach.call(sheet.querySelectorAll(FIELDS), function (el) {
      var name = fieldName(el);
      var value = fields[name];
      if (el.type === "checkbox") { el.checked = value === true; }
      else if (el.type === "radio") { el.checked = value === undefined ? el.value === "" : el.value === String(value); }
      else { el.value = typeof value === "string" ? value : ""; }
    });
    // A value no button has (a score off the scale): "not scored", not no choice at all.
    Array.prototype.forEach.call(sheet.querySelectorAll('input[type="radio"][value=""]'), function (none) {
      if (!sheet.querySelector('input[type="radio"][name="' + none.name + '"]:checked')) { none.checked = true; }
    });
    prompts();
    fitNotes();
  }

  /* Notes grow with what is written in them (and so print whole). */
  function fitNotes() {
    Array.prototype.forEach.call(sheet.querySelectorAll("textarea"), function (ta) {
      ta.style.height = "";
      if (ta.scrollHeight > ta.clientHeight) { ta.style.height = ta.scrollHeight + 4 + "px"; }
    });
  }

  function clearAnswers() {
    fillForm({ candidate: head.candidate.value, interviewer: head.interviewer.value, round: head.round.value, date: head.date.value, fields: {} });
  }

  function say(text) { status.textContent = text; }

  /* Saves the form as the sheet of its candidate and round; whether it is stored (a round
     only looked at is not a sheet, and is not stored). */
  function save() {
    var state = readForm();
    var s = store();
    if (!state.candidate) { say(t("score.enter_candidate")); return false; }
    if (!s) { say(t("score.no_storage")); return false; }
    var k = key(state.candidate, state.round);
    var existing = load(k);
    if (!hasAnswers(state) && !existing) { current = k; return false; }
    state.saved = new Date().toISOString();
    current = k;
    remember(k);
    try {
      s.setItem(current, JSON.stringify(state));
      say(t("score.saved_at", { time: state.saved.slice(11, 16) }));
    } catch (e) {
      say(t("score.no_storage"));
      return false;
    }
    if (!existing) { begin(k); }
    listSaved();
    return true;
  }

  /* What this tab keeps for a reload, in its sessionStorage (per tab: another tab may show
     another sheet); in memory too, so that a browser without session storage behaves the same
     but for a reload. */
  var memory = {};
  function session(name, value) {
    if (value === undefined) {
      try {
        var kept = window.sessionStorage.getItem(PREFIX + name);
        if (kept !== null) { return kept; }
      } catch (e) { /* no session storage */ }
      return Object.prototype.hasOwnProperty.call(memory, name) ? memory[name] : null;
    }
    memory[name] = value;
    try { window.sessionStorage.setItem(PREFIX + name, value); } catch (e) { /* in memory only */ }
    return null;
  }

  /* The sheet this tab shows. */
  function remember(k) { session("#open", k); }
  function remembered() { return session("#open"); }

  /* The sheets begun on this screen since it was last blank (first saved here, in any round).
     A name change moves such a sheet, so that a corrected typo leaves no copy behind; a sheet
     opened from storage is its candidate's, and neither moves nor lends its answers to another
     name. */
  function begunKeys() {
    try { return JSON.parse(session("#begun") || "[]") || []; } catch (e) { return []; }
  }
  function begun(k) { return !!k && begunKeys().indexOf(k) >= 0; }
  function begin(k) { session("#begun", JSON.stringify(begunKeys().filter(function (b) { return b !== k; }).concat([k]).slice(-50))); }
  function unbegin(k) { session("#begun", JSON.stringify(begunKeys().filter(function (b) { return b !== k; }))); }

  /* Two sheets' answers in one, nothing dropped where it can be kept: ticks either ticked,
     texts one after the other, a choice (a score, the recommendation) the saved sheet's when
     both made one. `lossless`: whether every answer of both is in the result. */
  function mergeFields(saved, typed) {
    var fields = {};
    var lossless = true;
    Object.keys(saved).forEach(function (f) { fields[f] = saved[f]; });
    Object.keys(typed).forEach(function (f) {
      var mine = typed[f];
      var theirs = fields[f];
      if (theirs === undefined || theirs === mine) { fields[f] = mine; }
      else if (typeof mine === "string" && isText(f)) { fields[f] = theirs + "\n\n" + mine; }
      else { lossless = false; }
    });
    return { fields: fields, lossless: lossless };
  }

  /* Whether a field is free text (notes, evidence, a reason), not a choice. */
  function isText(name) { return /(?:\.notes|\.evidence|\.reason)$/.test(name); }

  /* What is typed before the candidate's name, per round, kept for a reload (the interviewer
     and date with it, under `head`). */
  function unnamedAll() {
    try { return JSON.parse(session("#unnamed") || "{}") || {}; } catch (e) { return {}; }
  }
  function unnamed(round, fields) {
    var all = unnamedAll();
    if (fields === undefined) { return all[round] || {}; }
    if (fields === null) { delete all[round]; } else {
      all[round] = fields;
      all.head = { interviewer: head.interviewer.value, date: head.date.value };
    }
    session("#unnamed", JSON.stringify(all));
    return fields;
  }
  /* Whether anything typed before a name is kept, in any round. */
  function hasUnnamed() {
    var all = unnamedAll();
    return Object.keys(all).some(function (r) { return r !== "head" && hasAnswers({ fields: all[r] }); });
  }

  function load(k) {
    var s = store();
    if (!s) { return null; }
    try { return JSON.parse(s.getItem(k) || "null"); } catch (e) { return null; }
  }

  /* Every sheet saved on this page, newest first, in the list of saved sheets. */
  function listSaved() {
    var s = store();
    var list = sheet.querySelector("[data-saved-list]");
    var select = sheet.querySelector("[data-open-saved]");
    if (!s || !list) { return; }
    var found = [];
    for (var i = 0; i < s.length; i++) {
      var k = s.key(i);
      if (k && k.indexOf(PREFIX) === 0 && k.indexOf("#") < 0) {
        var state = load(k);
        if (state && state.candidate) { found.push({ key: k, state: state }); }
      }
    }
    found.sort(function (a, b) { return (b.state.saved || "").localeCompare(a.state.saved || ""); });
    select.textContent = "";
    var blank = document.createElement("option");
    blank.value = "";
    blank.textContent = t("score.open_saved", { n: found.length });
    select.appendChild(blank);
    found.forEach(function (f) {
      var o = document.createElement("option");
      o.value = f.key;
      o.textContent = f.state.candidate + " · " + t("common.round_n", { n: Number(f.state.round) }) + (f.state.date ? " · " + f.state.date : "");
      if (f.key === current) { o.selected = true; }
      select.appendChild(o);
    });
    list.hidden = found.length === 0;
  }

  /* A score given without evidence: a gentle prompt under the dimension. */
  function prompts() {
    Array.prototype.forEach.call(sheet.querySelectorAll(".score-dimension[data-dimension]"), function (f) {
      var picked = f.querySelector('input[type="radio"]:checked');
      var evidence = f.querySelector("textarea");
      var prompt = f.querySelector("[data-prompt]");
      if (prompt) { prompt.hidden = !(picked && picked.value !== "" && evidence.value.trim() === ""); }
    });
  }

  function roundName(n) {
    var section = roundSection(n);
    return section ? section.getAttribute("data-round-name") : "";
  }

  /* The score file: what was scored, and against what (docs/scoring.md). */
  function scoreFile() {
    var state = readForm();
    var f = state.fields;
    var section = roundSection(state.round);
    var questions = [];
    if (section) {
      Array.prototype.forEach.call(section.querySelectorAll("[data-question]"), function (q) {
        var id = q.getAttribute("data-question");
        var ticks = function (kind) {
          return Array.prototype.map.call(q.querySelectorAll('[data-t^="' + kind + '."]'), function (el) {
            return { text: el.parentNode.textContent.trim(), ticked: f[fieldName(el)] === true };
          });
        };
        var has = function (name) { return q.querySelector('[data-t="' + name + '"]') !== null; };
        questions.push({
          id: id,
          title: q.getAttribute("data-title"),
          asked: f["q." + id + ".asked"] === true,
          strong: ticks("s"),
          follow_ups: ticks("p"),
          good_sign: has("good_sign") ? f["q." + id + ".good_sign"] === true : null,
          red_flag: has("red_flag") ? f["q." + id + ".red_flag"] === true : null,
          notes: f["q." + id + ".notes"] || ""
        });
      });
    }
    var dimensions = [];
    Array.prototype.forEach.call(sheet.querySelectorAll(".score-dimension[data-dimension]"), function (d) {
      if (d.hidden) { return; }
      var id = d.getAttribute("data-dimension");
      var score = f["d." + id + ".score"];
      dimensions.push({
        id: id,
        name: d.getAttribute("data-name"),
        score: score === undefined ? null : Number(score),
        evidence: f["d." + id + ".evidence"] || ""
      });
    });
    var card = sheet.querySelector(".score-dimensions[data-scorecard]");
    var file = {
      format: FORMAT,
      version: VERSION,
      handbook: { title: sheet.getAttribute("data-handbook"), version: sheet.getAttribute("data-version") || null },
      role: { id: sheet.getAttribute("data-role"), title: sheet.getAttribute("data-role-title") },
      plan: PLAN,
      round: { number: Number(state.round), name: roundName(state.round) },
      candidate: state.candidate,
      interviewer: state.interviewer,
      date: state.date || null,
      scorecard: card ? { id: card.getAttribute("data-scorecard"), min: Number(card.getAttribute("data-min")), max: Number(card.getAttribute("data-max")) } : null,
      questions: questions,
      dimensions: dimensions,
      recommendation: { value: f.recommendation || null, reason: f["recommendation.reason"] || "" },
      exported: new Date().toISOString()
    };
    if (PLAN === "custom") { file.plan_address = ADDRESS; }
    return file;
  }

  /* FNV-1a (32 bits) of a text, in base 36: a short name for a long one. */
  function fnv(text) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(36);
  }

  /* Which plan a score file was scored with: the role's own, or a custom plan by its questions
     (the `q=` of its address: the interviewers' names or the order of rounds in it aside). */
  function planKey(plan, address) {
    if (plan !== "custom") { return "role"; }
    var q = /(?:^#|&)q=([^&]*)/.exec(typeof address === "string" ? address : "");
    // The questions asked: one left unticked (`-id`) is not on the sheet.
    var asked = (q ? q[1] : "").split("|").map(function (round) {
      return round.split(",").filter(function (id) { return id && id.charAt(0) !== "-"; }).join(",");
    });
    return "custom:" + asked.join("|");
  }

  /* `Ana María`, round 2, `Ben`, 2026-12-03 → `ana-maria-round-2-ben-2026-12-03`. */
  function fileStem(file) {
    var slug = function (text) {
      return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 60);
    };
    // A name of emoji or symbols alone still names the file (as "candidate").
    var parts = [slug(file.candidate) || "candidate", "round-" + file.round.number, slug(file.interviewer), slug(file.date)];
    return parts.filter(Boolean).join("-");
  }

  function download(name, type, text) {
    var blob = new Blob([text], { type: type });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.setAttribute("data-downloaded", "");
    a.hidden = true;
    // Kept (hidden) until the next export, so that the last file stays inspectable.
    var old = sheet.querySelector("a[data-downloaded]");
    if (old) { URL.revokeObjectURL(old.href); old.remove(); }
    sheet.appendChild(a);
    window.__hirebookLastExport = { name: name, text: text };
    a.click();
  }

  function csvCell(v) {
    var s = v === null || v === undefined ? "" : String(v);
    // A cell a spreadsheet would run as a formula is written as text.
    if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; }
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function toCsv(file) {
    var rows = [["section", "id", "name", "value", "note"]];
    rows.push(["interview", "candidate", "", file.candidate, ""]);
    rows.push(["interview", "interviewer", "", file.interviewer, ""]);
    rows.push(["interview", "round", file.round.name, file.round.number, ""]);
    rows.push(["interview", "date", "", file.date || "", ""]);
    file.questions.forEach(function (q) {
      rows.push(["question", q.id, q.title, q.asked ? "asked" : "", q.notes]);
      q.strong.forEach(function (s) { rows.push(["strong", q.id, s.text, s.ticked ? "yes" : "", ""]); });
      q.follow_ups.forEach(function (s) { rows.push(["follow-up", q.id, s.text, s.ticked ? "yes" : "", ""]); });
      if (q.good_sign !== null) { rows.push(["good-sign", q.id, "", q.good_sign ? "yes" : "", ""]); }
      if (q.red_flag !== null) { rows.push(["red-flag", q.id, "", q.red_flag ? "yes" : "", ""]); }
    });
    file.dimensions.forEach(function (d) { rows.push(["dimension", d.id, d.name, d.score === null ? "" : d.score, d.evidence]); });
    rows.push(["recommendation", "", "", file.recommendation.value || "", file.recommendation.reason]);
    return rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  function exportAs(kind) {
    var file = scoreFile();
    if (!file.candidate) { say(t("score.enter_candidate")); head.candidate.focus(); return; }
    if (kind === "json") {
      download(fileStem(file) + ".hirebook-score.json", "application/json", JSON.stringify(file, null, 2) + "\n");
    } else {
      download(fileStem(file) + ".hirebook-score.csv", "text/csv", toCsv(file));
    }
    say(t("score.exported"));
  }

  /* A score file back into the form (to continue, or on another device). Anything the file
     holds is checked: a file that does not fit changes nothing. */
  function importFile(input) {
    var file = input.files && input.files[0];
    input.value = "";
    if (!file) { return; }
    if (file.size > 1024 * 1024) { say(t("score.import_bad", { file: file.name })); return; }
    var reader = new FileReader();
    reader.onload = function () {
      var state = null;
      try { state = fromFile(JSON.parse(String(reader.result))); } catch (e) { state = null; }
      if (state === OTHER_ROLE) { say(t("score.import_other_role", { file: file.name })); return; }
      if (state === OTHER_PLAN) { say(t("score.import_other_plan", { file: file.name })); return; }
      if (!state) { say(t("score.import_bad", { file: file.name })); return; }
      var k = key(state.candidate, state.round);
      var saved = load(k);
      if (saved && hasAnswers(saved) && !window.confirm(t("score.import_replace", { candidate: state.candidate, n: Number(state.round), file: file.name }))) {
        return;
      }
      fillForm(state);
      save();
      roundToHash(head.round.value);
      say(t("score.imported", { file: file.name }));
    };
    reader.readAsText(file);
  }

  /* The form's state from a score file, `OTHER_ROLE`, or null when it does not fit. */
  function fromFile(data) {
    var list = function (v) { return Array.isArray(v) ? v.filter(function (x) { return x && typeof x === "object"; }) : []; };
    var text = function (v) { return typeof v === "string" ? v : ""; };
    if (!data || typeof data !== "object" || data.format !== FORMAT || data.version !== VERSION) { return null; }
    if (!data.role || data.role.id !== ROLE) { return OTHER_ROLE; }
    if (planKey(data.plan, data.plan_address) !== planKey(PLAN, ADDRESS)) { return OTHER_PLAN; }
    var candidate = text(data.candidate).trim();
    var round = data.round && typeof data.round.number === "number" ? String(data.round.number) : "";
    if (!candidate || !/^[0-9]+$/.test(round) || !roundSection(round)) { return null; }
    // Lists are lists of objects, or the file is not one this page wrote.
    var lists = [data.questions, data.dimensions].concat(Array.isArray(data.questions) ? data.questions.map(function (q) { return q && q.strong; }) : []);
    var wellFormed = lists.every(function (l) {
      return l === undefined || (Array.isArray(l) && l.every(function (x) { return x && typeof x === "object" && !Array.isArray(x); }));
    });
    if (!wellFormed) { return null; }
    var fields = {};
    list(data.questions).forEach(function (q) {
      var id = text(q.id);
      if (!id) { return; }
      var base = "q." + id + ".";
      if (q.asked === true) { fields[base + "asked"] = true; }
      list(q.strong).forEach(function (tick, i) { if (tick.ticked === true) { fields[base + "s." + i] = true; } });
      list(q.follow_ups).forEach(function (tick, i) { if (tick.ticked === true) { fields[base + "p." + i] = true; } });
      if (q.good_sign === true) { fields[base + "good_sign"] = true; }
      if (q.red_flag === true) { fields[base + "red_flag"] = true; }
      if (text(q.notes)) { fields[base + "notes"] = text(q.notes); }
    });
    list(data.dimensions).forEach(function (d) {
      var id = text(d.id);
      if (!id) { return; }
      if (typeof d.score === "number" && Number.isInteger(d.score)) { fields["d." + id + ".score"] = String(d.score); }
      if (text(d.evidence)) { fields["d." + id + ".evidence"] = text(d.evidence); }
    });
    var rec = data.recommendation && typeof data.recommendation === "object" ? data.recommendation : {};
    if (text(rec.value)) { fields.recommendation = text(rec.value); }
    if (text(rec.reason)) { fields["recommendation.reason"] = text(rec.reason); }
    return { candidate: candidate, interviewer: text(data.interviewer), round: round, date: text(data.date), fields: fields };
  }

  function forget() {
    var candidate = head.candidate.value.trim();
    var s = store();
    if (!candidate) {
      if (!hasAnswers(readForm()) || window.confirm(t("score.clear_confirm"))) { clearAnswers(); }
      return;
    }
    if (!window.confirm(t("score.forget_confirm", { candidate: candidate }))) { return; }
    // Every role's sheets of this candidate, however the name was typed.
    var name = "/" + normalName(candidate) + "/";
    var gone = [];
    for (var i = 0; s && i < s.length; i++) {
      var k = s.key(i);
      if (k && k.indexOf(SITE) === 0 && k.slice(SITE.length).indexOf(name) > 0) { gone.push(k); }
    }
    gone.forEach(function (k) { s.removeItem(k); });
    current = null;
    head.candidate.value = "";
    clearAnswers();
    listSaved();
    say(t("score.forgotten", { candidate: candidate }));
  }

  /* The candidate or the round changed. A round change opens that round's sheet (saved, or
     blank). A name change opens the sheet saved for that name, with what is typed here added
     when it is this tab's own (typed before the name, or on a sheet this tab began: a name typed
     last must not throw the answers away), after asking when both hold answers; with none
     saved, this tab's own sheet moves to the new name. The new sheet button starts afresh.
     `leaving`: the page is closing, when nothing can be asked. */
  function switchSheet(roundChanged, leaving) {
    var typed = readForm();
    var previous = current;
    if (roundChanged) { showRound(); }
    if (!typed.candidate) {
      if (roundChanged) {
        fillForm({ candidate: "", interviewer: typed.interviewer, round: typed.round, date: typed.date, fields: unnamed(typed.round) });
      }
      return;
    }
    var k = key(typed.candidate, typed.round);
    if (k === previous && !roundChanged) { save(); return; }
    var saved = load(k);
    // On a round change the fields on show are the previous round's: none carry over. Nor do
    // those of a sheet opened from storage: they are its candidate's.
    var own = !previous || begun(previous) || !load(previous);
    var carried = roundChanged || !own ? {} : typed.fields;
    if (saved && hasAnswers(saved) && Object.keys(carried).length > 0 &&
        (leaving || !window.confirm(t("score.merge_confirm", { candidate: saved.candidate, n: Number(typed.round) })))) {
      // Kept apart: the name goes back to the sheet on show.
      var shown = previous ? load(previous) : null;
      head.candidate.value = shown ? shown.candidate : "";
      return;
    }
    var merged = mergeFields((saved && saved.fields) || {}, carried);
    fillForm({
      candidate: typed.candidate,
      interviewer: typed.interviewer || (saved && saved.interviewer) || "",
      round: typed.round,
      date: typed.date || (saved && saved.date) || "",
      fields: merged.fields
    });
    current = k;
    // A sheet begun here, renamed: moved, once its answers are all stored under the new name.
    var moving = !roundChanged && own && !!previous && previous !== k && begun(previous) && merged.lossless;
    var stored = save();
    if (!previous && !roundChanged) {
      // The drafts go with the name: this round's once stored, the others' in nameDrafts.
      if (stored) { unnamed(typed.round, null); }
      nameDrafts(typed);
    }
    if (saved) { say(t("score.reopened")); }
    var s = store();
    if (moving && stored && s) {
      var old = load(previous);
      if (old && old.round === typed.round) { s.removeItem(previous); unbegin(previous); listSaved(); }
    }
  }

  /* The drafts of other rounds typed before the name, saved under it too (where that round
     has a saved sheet, added to it when nothing is lost; otherwise kept as a draft). */
  function nameDrafts(typed) {
    var s = store();
    var all = unnamedAll();
    Object.keys(all).forEach(function (round) {
      if (round === "head" || round === typed.round || !roundSection(round) || !hasAnswers({ fields: all[round] })) { return; }
      var k = key(typed.candidate, round);
      var saved = load(k);
      var merged = mergeFields((saved && saved.fields) || {}, all[round]);
      if (!merged.lossless || !s) { return; }
      var state = { candidate: typed.candidate, interviewer: typed.interviewer, round: round, date: typed.date, fields: merged.fields, saved: new Date().toISOString() };
      try { s.setItem(k, JSON.stringify(state)); } catch (e) { return; }
      if (!saved) { begin(k); }
      unnamed(round, null);
    });
    listSaved();
  }

  /* The round shown, in the address too, so that a reload shows it (and the sheet on it). */
  function roundToHash(round) {
    var rest = location.hash.replace(/^#/, "").split("&").filter(function (p) { return p && !/^round=/.test(p); });
    var wanted = "#" + rest.concat(["round=" + round]).join("&");
    if (location.hash !== wanted) { history.replaceState(null, "", wanted); }
  }

  function newSheet() {
    // What is typed before a name is saved nowhere else: asked first.
    if (!head.candidate.value.trim() && (hasAnswers(readForm()) || hasUnnamed()) && !window.confirm(t("score.clear_confirm"))) { return; }
    current = null;
    remember("");
    head.candidate.value = "";
    session("#unnamed", "{}");
    session("#begun", "[]");
    clearAnswers();
    say(t("score.enter_candidate"));
    head.candidate.focus();
  }

  // Wiring.
  if (!head.date.value) {
    var now = new Date();
    head.date.value = new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }
  /* The round an address asks for (the last `round=`, as the planner reads it). */
  function roundInHash() {
    var found = null;
    var re = /(?:^|[#&])round=(\d+)/g;
    for (var m = re.exec(location.hash); m; m = re.exec(location.hash)) { found = m[1]; }
    return found && roundSection(found) ? found : null;
  }
  var wanted = roundInHash();
  if (wanted) { head.round.value = wanted; }
  showRound();
  // A reload reopens the sheet this tab showed, or what was typed before a name.
  var reopened = remembered();
  var state = reopened ? load(reopened) : null;
  if (state && !(wanted && wanted !== state.round)) { fillForm(state); current = reopened; say(t("score.reopened")); }
  else if (hasUnnamed() || unnamedAll().head) {
    var draftHead = unnamedAll().head || {};
    fillForm({ candidate: "", interviewer: draftHead.interviewer || "", round: head.round.value, date: draftHead.date || "", fields: unnamed(head.round.value) });
  }
  var nameTimer = null;
  var nameTyped = function () { return nameTimer !== null || document.activeElement === head.candidate; };
  sheet.addEventListener("input", function (e) {
    // The round is taken on its change (its input event comes first, with the form still
    // showing the round before).
    if (e.target === head.round) { return; }
    if (e.target === head.candidate) {
      // Taken once typing pauses (or on leaving the field): a name is typed a letter at a time.
      clearTimeout(nameTimer);
      nameTimer = setTimeout(function () { nameTimer = null; switchSheet(false); }, 800);
      return;
    }
    prompts();
    fitNotes();
    if (!head.candidate.value.trim()) { unnamed(head.round.value, readForm().fields); }
    save();
  });
  sheet.addEventListener("change", function (e) {
    var el = e.target;
    if (el === head.candidate || el === head.round) {
      clearTimeout(nameTimer);
      nameTimer = null;
      switchSheet(el === head.round);
      if (el === head.round) { roundToHash(head.round.value); }
      return;
    }
    if (el.hasAttribute("data-open-saved")) {
      var picked = el.value ? load(el.value) : null;
      if (picked) { fillForm(picked); current = el.value; remember(el.value); roundToHash(head.round.value); say(t("score.reopened")); }
      return;
    }
    if (el.hasAttribute("data-import")) { importFile(el); return; }
    prompts();
    if (!head.candidate.value.trim()) { unnamed(head.round.value, readForm().fields); }
    save();
  });
  // What another tab or window saved for this sheet is shown here, so that neither throws the
  // other's work away.
  window.addEventListener("storage", function (e) {
    if (e.key && e.key.indexOf(PREFIX) === 0) { listSaved(); }
    if (!current || e.key !== current) { return; }
    if (!e.newValue) {
      // Forgotten (or moved) in another tab: this one must not save it back.
      var gone = head.candidate.value.trim();
      current = null;
      remember("");
      head.candidate.value = "";
      clearAnswers();
      listSaved();
      say(t("score.forgotten", { candidate: gone }));
      return;
    }
    // A name being typed here stays as typed.
    var typing = nameTyped() ? head.candidate.value : null;
    try { fillForm(JSON.parse(e.newValue)); say(t("score.updated_elsewhere")); } catch (err) { /* not ours */ }
    if (typing !== null) { head.candidate.value = typing; }
  });
  // Leaving (a reload, a closed tab) saves what is typed, the name included.
  window.addEventListener("pagehide", function () {
    if (head.candidate.value.trim() && key(head.candidate.value, head.round.value) !== current) { switchSheet(false, true); }
  });
  window.addEventListener("hashchange", function () {
    var round = roundInHash();
    if (round && round !== head.round.value) {
      head.round.value = round;
      head.round.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
  window.addEventListener("beforeprint", fitNotes);
  sheet.addEventListener("click", function (e) {
    var b = e.target.closest("button");
    if (!b) { return; }
    if (b.hasAttribute("data-export")) { exportAs(b.getAttribute("data-export")); }
    else if (b.hasAttribute("data-print")) { window.print(); }
    else if (b.hasAttribute("data-forget")) { forget(); }
    else if (b.hasAttribute("data-new")) { newSheet(); }
  });
  listSaved();
  // Test hook and console helper: the file an export would write now.
  window.__hirebookScoreFile = scoreFile;
})();
