/* hirebook: the debrief page (debrief.html). Score files chosen or dropped here are read in
   this browser and never sent anywhere: a dimensions × interviewers grid with the spread of
   each dimension, disagreements and gaps flagged, scores hidden until the lead reveals them. */
(function () {
  "use strict";
  var root = document.querySelector("[data-debrief]");
  if (!root) { return; }
  var hb = window.__hirebook || { t: function (k) { return k; } };
  var t = hb.t;
  var FORMAT = "hirebook-score";
  var VERSION = 1;
  var MAX_BYTES = 1024 * 1024;
  var MAX_FILES = 50;
  var files = [];
  var messages = root.querySelector("[data-messages]");
  var grid = root.querySelector("[data-grid]");
  var result = root.querySelector("[data-result]");
  var hide = root.querySelector("[data-hide-scores]");

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function message(kind, text) {
    messages.appendChild(el("li", { "class": "debrief-" + kind }, text));
  }

  function str(v, limit) { return typeof v === "string" ? v.slice(0, limit || 10000) : ""; }

  /* A file's content, checked: the parts the grid uses, or why it cannot be used. */
  function read(name, text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { return { error: t("debrief.not_json", { file: name }) }; }
    if (!data || typeof data !== "object" || data.format !== FORMAT) { return { error: t("debrief.not_score", { file: name }) }; }
    if (data.version !== VERSION) { return { error: t("debrief.other_version", { file: name, version: JSON.stringify(data.version) }) }; }
    // A file that says whose interview it is: a candidate, a role, a round.
    var whole = Array.isArray(data.dimensions) && str(data.candidate).trim() && data.role && str(data.role.id) &&
      data.round && Number.isInteger(data.round.number);
    if (!whole) { return { error: t("debrief.not_score", { file: name }) }; }
    var min = data.scorecard && Number.isInteger(data.scorecard.min) ? data.scorecard.min : 0;
    var max = data.scorecard && Number.isInteger(data.scorecard.max) ? data.scorecard.max : 100;
    return {
      name: name,
      candidate: str(data.candidate, 200).trim(),
      scale: min + "–" + max,
      interviewer: str(data.interviewer, 200) || name,
      round: data.round && typeof data.round.number === "number" ? data.round : { number: 0, name: "" },
      role: data.role && typeof data.role === "object" ? { id: str(data.role.id, 200), title: str(data.role.title, 300) } : { id: "", title: "" },
      // The role's own plan, or a custom one by its questions (as score.js tells them apart).
      plan: data.plan === "custom" ? planOf(str(data.plan_address, 20000)) : "role",
      handbook: data.handbook && typeof data.handbook === "object" ? { title: str(data.handbook.title, 300), version: str(data.handbook.version, 200) } : { title: "", version: "" },
      date: str(data.date, 40),
      dimensions: data.dimensions.slice(0, 200).filter(function (d) { return d && typeof d.id === "string"; }).map(function (d) {
        var score = Number.isInteger(d.score) && d.score >= min && d.score <= max ? d.score : null;
        return { id: d.id.slice(0, 200), name: str(d.name, 300) || d.id, score: score, evidence: str(d.evidence) };
      }),
      recommendation: data.recommendation && typeof data.recommendation === "object" ? { value: str(data.recommendation.value, 200), reason: str(data.recommendation.reason) } : { value: "", reason: "" },
      text: text
    };
  }

  function add(list) {
    messages.textContent = "";
    var pending = Array.prototype.slice.call(list);
    var left = pending.length;
    if (!left) { return; }
    var room = MAX_FILES - files.length;
    // Read in any order, taken in the order chosen (the grid's columns follow it).
    var results = new Array(pending.length);
    var finish = function () {
      results.forEach(function (f) {
        if (f.error) { message("error", f.error); return; }
        var again = files.some(function (o) {
          return o.text === f.text || (same(o.candidate, f.candidate) && same(o.interviewer, f.interviewer) && o.round.number === f.round.number);
        });
        if (again) { message("error", t("debrief.duplicate", { file: f.name })); }
        else { files.push(f); }
      });
      render();
    };
    pending.forEach(function (file, i) {
      var done = function (result) { results[i] = result; left -= 1; if (left === 0) { finish(); } };
      if (i >= room) { done({ error: t("debrief.too_many", { file: file.name, n: MAX_FILES }) }); return; }
      if (file.size > MAX_BYTES) { done({ error: t("debrief.too_large", { file: file.name }) }); return; }
      var reader = new FileReader();
      reader.onload = function () { done(read(file.name, String(reader.result))); };
      reader.onerror = function () { done({ error: t("debrief.not_json", { file: file.name }) }); };
      reader.readAsText(file);
    });
  }

  /* A custom plan by the questions it asks: the `q=` of its address without those left
     unticked (`-id`), as score.js tells plans apart. */
  function planOf(address) {
    var q = /(?:^#|&)q=([^&]*)/.exec(address);
    return "custom:" + (q ? q[1] : "").split("|").map(function (round) {
      return round.split(",").filter(function (id) { return id && id.charAt(0) !== "-"; }).join(",");
    }).join("|");
  }

  /* Two names, however they were typed (case, spaces, composition). */
  function fold(name) { return name.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase(); }
  function same(a, b) { return fold(a) === fold(b); }

  /* What most files say: the debrief is about that, and files that differ get a note. */
  function most(values) {
    var counts = {};
    var best = values[0];
    values.forEach(function (v) {
      counts["#" + v] = (counts["#" + v] || 0) + 1;
      if (counts["#" + v] > counts["#" + best]) { best = v; }
    });
    return best;
  }

  var majority = { candidate: "", role: "", plan: "", scale: "" };

  function notes() {
    var here = { title: root.getAttribute("data-handbook"), version: root.getAttribute("data-version") || "" };
    majority.candidate = most(files.map(function (f) { return fold(f.candidate); }));
    majority.role = most(files.map(function (f) { return f.role.id; }));
    majority.plan = most(files.filter(function (f) { return f.role.id === majority.role; }).map(function (f) { return f.plan; }));
    majority.scale = most(files.map(function (f) { return f.scale; }));
    files.forEach(function (f) {
      if (f.handbook.title !== here.title || (here.version && f.handbook.version && f.handbook.version !== here.version)) {
        message("note", t("debrief.other_handbook", { file: f.name, version: f.handbook.version || f.handbook.title || "?" }));
      }
      if (f.role.id !== majority.role) { message("note", t("debrief.other_role", { file: f.name, role: f.role.title || f.role.id })); }
      else if (f.plan !== majority.plan) { message("note", t("debrief.other_plan", { file: f.name })); }
      if (fold(f.candidate) !== majority.candidate) { message("note", t("debrief.other_candidate", { file: f.name, candidate: f.candidate })); }
      if (f.scale !== majority.scale) { message("note", t("debrief.other_scale", { file: f.name, scale: f.scale })); }
    });
  }

  function render() {
    grid.textContent = "";
    result.hidden = files.length === 0;
    if (!files.length) { return; }
    notes();
    // Dimensions in the order files give them, each once.
    var dims = [];
    files.forEach(function (f) {
      f.dimensions.forEach(function (d) {
        if (!dims.some(function (x) { return x.id === d.id; })) { dims.push({ id: d.id, name: d.name }); }
      });
    });
    var named = files.filter(function (f) { return fold(f.candidate) === majority.candidate; })[0] || files[0];
    var caption = el("caption", {}, t("debrief.caption", { candidate: named.candidate }));
    grid.appendChild(caption);
    var thead = el("thead");
    var hr = el("tr");
    hr.appendChild(el("th", { scope: "col" }, t("debrief.dimension")));
    files.forEach(function (f) {
      var th = el("th", { scope: "col" }, f.interviewer);
      th.appendChild(el("span", { "class": "muted debrief-round" }, t("common.round_n", { n: f.round.number })));
      hr.appendChild(th);
    });
    hr.appendChild(el("th", { scope: "col" }, t("debrief.spread")));
    hr.appendChild(el("th", { scope: "col" }, t("debrief.summary")));
    thead.appendChild(hr);
    grid.appendChild(thead);
    var tbody = el("tbody");
    dims.forEach(function (d) {
      var tr = el("tr", { "data-dimension": d.id });
      tr.appendChild(el("th", { scope: "row" }, d.name));
      var scores = [];
      var evidenced = false;
      files.forEach(function (f) {
        var mine = f.dimensions.filter(function (x) { return x.id === d.id; })[0];
        var td = el("td", { "class": "debrief-cell" });
        if (!mine) { td.appendChild(el("span", { "class": "muted" }, "–")); td.setAttribute("data-score", ""); }
        else {
          if (mine.score !== null) { scores.push(mine.score); }
          if (mine.evidence.trim()) { evidenced = true; }
          td.setAttribute("data-score", mine.score === null ? "" : String(mine.score));
          td.appendChild(el("span", { "class": "debrief-score" }, mine.score === null ? "–" : mine.score));
          if (mine.evidence.trim()) {
            var details = el("details");
            details.appendChild(el("summary", {}, t("debrief.evidence")));
            details.appendChild(el("p", { dir: "auto" }, mine.evidence));
            td.appendChild(details);
            // On paper, the evidence itself (a closed <details> prints closed).
            td.appendChild(el("p", { "class": "debrief-printed", dir: "auto" }, mine.evidence));
          } else if (mine.score !== null) {
            td.appendChild(el("span", { "class": "debrief-flag" }, t("debrief.no_evidence")));
          }
        }
        tr.appendChild(td);
      });
      var spread = el("td", { "class": "debrief-spread" });
      var low = scores.length ? Math.min.apply(null, scores) : null;
      var high = scores.length ? Math.max.apply(null, scores) : null;
      if (scores.length) {
        spread.appendChild(el("span", { "class": "debrief-score" }, low === high ? low : low + "–" + high));
        if (high - low >= 2) {
          tr.classList.add("disagree");
          spread.appendChild(el("strong", { "class": "debrief-flag" }, t("debrief.disagree")));
        }
      }
      tr.appendChild(spread);
      var summary = el("td", { "class": "debrief-summary" });
      if (!evidenced) {
        tr.classList.add("no-evidence");
        summary.appendChild(el("strong", { "class": "debrief-flag" }, t("debrief.nobody")));
      } else {
        var sorted = scores.slice().sort(function (a, b) { return a - b; });
        var median = sorted.length ? (sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2) : null;
        summary.appendChild(el("span", { "class": "debrief-score" }, t("debrief.median", { median: median === null ? "–" : String(median), n: scores.length })));
      }
      tr.appendChild(summary);
      tbody.appendChild(tr);
    });
    var rec = el("tr", { "class": "debrief-recommendation" });
    rec.appendChild(el("th", { scope: "row" }, t("common.overall_recommendation")));
    files.forEach(function (f) {
      var td = el("td", { "class": "debrief-cell", "data-score": f.recommendation.value });
      td.appendChild(el("span", { "class": "debrief-score" }, f.recommendation.value || "–"));
      if (f.recommendation.reason.trim()) {
        var details = el("details");
        details.appendChild(el("summary", {}, t("debrief.reason")));
        details.appendChild(el("p", { dir: "auto" }, f.recommendation.reason));
        td.appendChild(details);
        td.appendChild(el("p", { "class": "debrief-printed", dir: "auto" }, f.recommendation.reason));
      }
      rec.appendChild(td);
    });
    rec.appendChild(el("td"));
    rec.appendChild(el("td"));
    tbody.appendChild(rec);
    grid.appendChild(tbody);
    applyHidden();
  }

  /* Scores hidden: the discussion starts from the evidence, not from whoever scored first. */
  function applyHidden() {
    root.classList.toggle("scores-hidden", !!(hide && hide.checked));
  }

  function csvCell(v) {
    var s = v === null || v === undefined ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; }
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function exportCsv() {
    var rows = [["dimension"].concat(files.map(function (f) { return f.interviewer + " (" + t("common.round_n", { n: f.round.number }) + ")"; }))];
    var dims = [];
    files.forEach(function (f) { f.dimensions.forEach(function (d) { if (dims.indexOf(d.id) < 0) { dims.push(d.id); } }); });
    dims.forEach(function (id) {
      rows.push([id].concat(files.map(function (f) {
        var d = f.dimensions.filter(function (x) { return x.id === id; })[0];
        return d && d.score !== null ? d.score : "";
      })));
    });
    rows.push(["recommendation"].concat(files.map(function (f) { return f.recommendation.value; })));
    var text = rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: "text/csv" }));
    a.download = "debrief.csv";
    window.__hirebookLastExport = { name: a.download, text: text };
    a.click();
  }

  var input = root.querySelector("[data-files]");
  input.addEventListener("change", function () { add(input.files); input.value = ""; });
  var drop = root.querySelector("[data-drop]");
  drop.addEventListener("dragover", function (e) { e.preventDefault(); drop.classList.add("dragging"); });
  drop.addEventListener("dragleave", function () { drop.classList.remove("dragging"); });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    drop.classList.remove("dragging");
    if (e.dataTransfer && e.dataTransfer.files) { add(e.dataTransfer.files); }
  });
  if (hide) { hide.addEventListener("change", applyHidden); }

  root.querySelector("[data-export-csv]").addEventListener("click", exportCsv);
  root.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
  root.querySelector("[data-clear]").addEventListener("click", function () { files = []; messages.textContent = ""; render(); });
})();
