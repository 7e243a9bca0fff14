/* hirebook: the scoring page (roles/<id>/score.html). Everything typed is kept in this
   browser's localStorage, per candidate and round, and leaves it only as a file the
   interviewer exports. No request is made: the page works from disk as from a web host.
   The score file format is documented in docs/scoring.md (format "hirebook-score", version 1). */
(function () {
  "use strict";
  var sheet = document.querySelector("[data-score-sheet]");
  if (!sheet) { return; }
  var hb = window.__hirebook || { t: function (k) { return k; } };
  var t = hb.t;
  var FORMAT = "hirebook-score";
  var VERSION = 1;
  var PREFIX = "hirebook-score/v1/" + location.pathname + "/";
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

  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function key(candidate, round) {
    return PREFIX + candidate.trim().toLowerCase() + "/" + round;
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
    prompts();
  }

  function clearAnswers() {
    fillForm({ candidate: head.candidate.value, interviewer: head.interviewer.value, round: head.round.value, date: head.date.value, fields: {} });
  }

  function say(text) { status.textContent = text; }

  function save() {
    var state = readForm();
    var s = store();
    if (!state.candidate) { say(t("score.enter_candidate")); return; }
    if (!s) { say(t("score.no_storage")); return; }
    state.saved = new Date().toISOString();
    current = key(state.candidate, state.round);
    try {
      s.setItem(current, JSON.stringify(state));
      say(t("score.saved_at", { time: state.saved.slice(11, 16) }));
    } catch (e) {
      say(t("score.no_storage"));
    }
    listSaved();
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
      if (k && k.indexOf(PREFIX) === 0) {
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
    var scorecard = sheet.getAttribute("data-scorecard");
    return {
      format: FORMAT,
      version: VERSION,
      handbook: { title: sheet.getAttribute("data-handbook"), version: sheet.getAttribute("data-version") || null },
      role: { id: sheet.getAttribute("data-role"), title: sheet.getAttribute("data-role-title") },
      plan: "role",
      round: { number: Number(state.round), name: roundName(state.round) },
      candidate: state.candidate,
      interviewer: state.interviewer,
      date: state.date || null,
      scorecard: scorecard ? { id: scorecard, min: Number(sheet.getAttribute("data-min")), max: Number(sheet.getAttribute("data-max")) } : null,
      questions: questions,
      dimensions: dimensions,
      recommendation: { value: f.recommendation || null, reason: f["recommendation.reason"] || "" },
      exported: new Date().toISOString()
    };
  }

  /* `Ana María`, round 2, `Ben`, 2026-12-03 → `ana-maria-round-2-ben-2026-12-03`. */
  function fileStem(file) {
    var parts = [file.candidate || "candidate", "round-" + file.round.number, file.interviewer, file.date];
    return parts.filter(Boolean).join("-").normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 120) || "score";
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

  /* A score file back into the form (to continue, or on another device). */
  function importFile(input) {
    var file = input.files && input.files[0];
    if (!file) { return; }
    if (file.size > 1024 * 1024) { say(t("score.import_bad", { file: file.name })); input.value = ""; return; }
    var reader = new FileReader();
    reader.onload = function () {
      var data;
      try { data = JSON.parse(String(reader.result)); } catch (e) { data = null; }
      input.value = "";
      if (!data || data.format !== FORMAT || data.version !== VERSION || typeof data.candidate !== "string") {
        say(t("score.import_bad", { file: file.name }));
        return;
      }
      if (!data.role || data.role.id !== sheet.getAttribute("data-role")) {
        say(t("score.import_other_role", { file: file.name }));
        return;
      }
      var fields = {};
      (data.questions || []).forEach(function (q) {
        var id = String(q.id);
        if (q.asked === true) { fields["q." + id + ".asked"] = true; }
        (q.strong || []).forEach(function (s, i) { if (s && s.ticked === true) { fields["q." + id + ".s." + i] = true; } });
        (q.follow_ups || []).forEach(function (s, i) { if (s && s.ticked === true) { fields["q." + id + ".p." + i] = true; } });
        if (q.good_sign === true) { fields["q." + id + ".good_sign"] = true; }
        if (q.red_flag === true) { fields["q." + id + ".red_flag"] = true; }
        if (typeof q.notes === "string" && q.notes) { fields["q." + id + ".notes"] = q.notes; }
      });
      (data.dimensions || []).forEach(function (d) {
        var id = String(d.id);
        if (typeof d.score === "number") { fields["d." + id + ".score"] = String(d.score); }
        if (typeof d.evidence === "string" && d.evidence) { fields["d." + id + ".evidence"] = d.evidence; }
      });
      if (data.recommendation && typeof data.recommendation.value === "string") { fields.recommendation = data.recommendation.value; }
      if (data.recommendation && typeof data.recommendation.reason === "string" && data.recommendation.reason) { fields["recommendation.reason"] = data.recommendation.reason; }
      fillForm({
        candidate: data.candidate,
        interviewer: typeof data.interviewer === "string" ? data.interviewer : "",
        round: data.round ? String(data.round.number) : head.round.value,
        date: typeof data.date === "string" ? data.date : "",
        fields: fields
      });
      save();
      say(t("score.imported", { file: file.name }));
    };
    reader.readAsText(file);
  }

  function forget() {
    var candidate = head.candidate.value.trim();
    var s = store();
    if (!candidate || !s) { clearAnswers(); return; }
    if (!window.confirm(t("score.forget_confirm", { candidate: candidate }))) { return; }
    var prefix = PREFIX + candidate.toLowerCase() + "/";
    var gone = [];
    for (var i = 0; i < s.length; i++) {
      var k = s.key(i);
      if (k && k.indexOf(prefix) === 0) { gone.push(k); }
    }
    gone.forEach(function (k) { s.removeItem(k); });
    current = null;
    head.candidate.value = "";
    clearAnswers();
    listSaved();
    say(t("score.forgotten", { candidate: candidate }));
  }

  // Wiring.
  if (!head.date.value) {
    var now = new Date();
    head.date.value = new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }
  var wanted = /(?:^|[#&])round=(\d+)/.exec(location.hash);
  if (wanted && roundSection(wanted[1])) { head.round.value = wanted[1]; }
  showRound();
  sheet.addEventListener("input", function (e) {
    if (e.target === head.candidate) { return; } // saved on change: a name is typed a letter at a time
    prompts();
    save();
  });
  sheet.addEventListener("change", function (e) {
    var el = e.target;
    if (el === head.candidate || el === head.round) {
      var k = head.candidate.value.trim() ? key(head.candidate.value, head.round.value) : null;
      var saved = k ? load(k) : null;
      if (saved) { fillForm(saved); current = k; say(t("score.reopened")); listSaved(); return; }
      if (el === head.round) { showRound(); clearAnswers(); }
      save();
      return;
    }
    if (el.hasAttribute("data-open-saved")) {
      var state = el.value ? load(el.value) : null;
      if (state) { fillForm(state); current = el.value; say(t("score.reopened")); }
      return;
    }
    if (el.hasAttribute("data-import")) { importFile(el); return; }
    prompts();
    save();
  });
  sheet.addEventListener("click", function (e) {
    var b = e.target.closest("button");
    if (!b) { return; }
    if (b.hasAttribute("data-export")) { exportAs(b.getAttribute("data-export")); }
    else if (b.hasAttribute("data-print")) { window.print(); }
    else if (b.hasAttribute("data-forget")) { forget(); }
  });
  listSaved();
  // Test hook and console helper: the file an export would write now.
  window.__hirebookScoreFile = scoreFile;
})();
