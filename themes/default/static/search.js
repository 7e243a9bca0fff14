/* hirebook search engine. No DOM: the page's UI (hirebook.js) drives it in the browser, and the
   tests drive the very same file in Node, so the ranking tested is the ranking readers get.

   Index files are classic scripts that call window.__hirebookSearch.<kind>(...) (browsers
   refuse fetch on pages opened from disk). See src/search/index.rs for their layout. The text
   rules (fold, words, stem) mirror src/search/text.rs; tests/search/text-cases.json checks
   both. */
(function (global) {
  "use strict";

  // ---- text rules: keep in step with src/search/text.rs ------------------------------------
  var WORD = /[\p{Alphabetic}\p{N}]/u;
  var STOP = {};
  ("a an and are as at be but by can do does for from has have how i if in into is it its me my of on or " +
   "our so than that the their them then there these they this to up was we what when where which who why " +
   "will with would you your").split(" ").forEach(function (w) { STOP[w] = true; });

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function isJoiner(c) { return c === "_" || c === "+" || c === "-" || c === "." || c === "'"; }

  function words(folded) {
    var chars = Array.from(folded), out = [], i = 0;
    while (i < chars.length) {
      if (!WORD.test(chars[i])) { i++; continue; }
      var start = i, parts = [[start, start]];
      for (;;) {
        while (i < chars.length && WORD.test(chars[i])) { i++; }
        parts[parts.length - 1][1] = i;
        if (i + 1 < chars.length && isJoiner(chars[i]) && WORD.test(chars[i + 1])) { i++; parts.push([i, i]); }
        else { break; }
      }
      out.push(chars.slice(start, i).join(""));
      if (parts.length > 1) {
        parts.forEach(function (p) { out.push(chars.slice(p[0], p[1]).join("")); });
      }
    }
    return out;
  }

  function endsWith(s, suffix) { return s.slice(-suffix.length) === suffix; }

  function undouble(s) {
    var n = s.length;
    if (n >= 3 && s[n - 1] === s[n - 2] && "lszaeiou".indexOf(s[n - 1]) < 0) { return s.slice(0, -1); }
    return s;
  }

  function stem(word) {
    var s = word;
    if (!/^[\x00-\x7f]*$/.test(s) || s.length <= 3) { return s; }
    var len = s.length;
    if ((endsWith(s, "ies") || endsWith(s, "ied")) && len > 4) { s = s.slice(0, -3) + "y"; }
    else if (endsWith(s, "sses") || endsWith(s, "xes") || endsWith(s, "ches") || endsWith(s, "shes") || endsWith(s, "zes")) { s = s.slice(0, -2); }
    else if (endsWith(s, "ing") && len > 5) { s = undouble(s.slice(0, -3)); }
    else if (endsWith(s, "ed") && len > 4) { s = undouble(s.slice(0, -2)); }
    else if (endsWith(s, "s") && !endsWith(s, "ss") && !endsWith(s, "us") && !(endsWith(s, "is") && len > 4)) { s = s.slice(0, -1); }
    if (endsWith(s, "e") && s.length > 3) { s = s.slice(0, -1); }
    return s;
  }

  function terms(text) {
    return words(fold(text)).filter(function (w) {
      return Array.from(w).length >= 2 && !STOP[w];
    }).map(stem);
  }

  /* At most one insertion, deletion, substitution or transposition apart. */
  function withinOne(a, b) {
    if (a === b) { return true; }
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) { return false; }
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) { i++; }
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) { return true; }
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // ---- what the index files deliver ---------------------------------------------------------
  var store = global.__hirebookSearch = global.__hirebookSearch || {};
  var received = { chunks: {}, vocab: {}, docs: {}, manifest: null, facets: null };
  store.manifest = function (m) { received.manifest = m; };
  store.chunk = function (first, terms) { received.chunks[first] = terms; };
  store.vocab = function (min, byLength) {
    Object.keys(byLength).forEach(function (n) { received.vocab[n] = byLength[n].split(" "); });
  };
  store.docs = function (i, records) { received.docs[i] = records; };
  store.facets = function (text) { received.facets = text; };

  var FACETS = ["kind", "topic", "level", "role"];
  var MATCH = { exact: 1, prefix: 0.7, partial: 0.55, typo: 0.5 };
  var MAX_PREFIX_CHUNKS = 8;
  var MAX_TYPO_CANDIDATES = 6;

  /* Compares by code point, as Rust sorts strings (JS's < compares UTF-16 units). */
  function cmp(a, b) {
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) { return x < y ? -1 : 1; }
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    return (a.length - i) - (b.length - j) > 0 ? 1 : (i < a.length ? 1 : (j < b.length ? -1 : 0));
  }

  /* load(path) must return a promise resolved once the script at `path` (relative to the site
     root) has run. */
  function Engine(manifestPath, load) {
    this.manifestPath = manifestPath;
    this.load = load;
    this.loading = {};
    this.decoded = {};
    this.records = null;
  }

  Engine.prototype.fetch = function (path) {
    if (!this.loading[path]) { this.loading[path] = this.load(path); }
    return this.loading[path];
  };

  Engine.prototype.ready = function () {
    var self = this;
    if (this.readyPromise) { return this.readyPromise; }
    this.readyPromise = this.fetch(this.manifestPath).then(function () {
      self.manifest = received.manifest;
      return self.fetch(self.manifest.facets_file);
    }).then(function () {
      self.records = received.facets.split(";").map(function (r) {
        var f = r.split(".");
        return {
          kind: parseInt(f[0], 36),
          topic: f[1] === "" ? -1 : parseInt(f[1], 36),
          levels: parseInt(f[2], 36),
          roles: f[3] === "" ? [] : f[3].split("-").map(function (x) { return parseInt(x, 36); }),
          titleTerms: parseInt(f[4], 36)
        };
      });
    });
    return this.readyPromise;
  };

  /* The chunk a term would be in: the last chunk whose first term is not after it. */
  Engine.prototype.chunkOf = function (term) {
    var chunks = this.manifest.chunks, lo = 0, hi = chunks.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (cmp(chunks[mid][0], term) <= 0) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  };

  Engine.prototype.loadChunks = function (indexes) {
    var self = this;
    return Promise.all(indexes.map(function (i) { return self.fetch(self.manifest.chunks[i][1]); }));
  };

  Engine.prototype.postings = function (chunk, term) {
    var id = chunk + "\u0000" + term;
    if (this.decoded[id]) { return this.decoded[id]; }
    var text = received.chunks[this.manifest.chunks[chunk][0]][term], list = [], doc = 0;
    text.split(",").forEach(function (v) {
      var n = parseInt(v, 36);
      doc += Math.floor(n / 32);
      list.push([doc, (n & 16) !== 0, n & 15]);
    });
    this.decoded[id] = list;
    return list;
  };

  /* Index terms matching query term `qt`: [{chunk, term, how}]. */
  Engine.prototype.candidates = function (qt) {
    var self = this, chunks = this.manifest.chunks;
    // Terms that qt is a prefix of follow qt in sorted order; terms that are a prefix of qt
    // (qt typed a little too far) come shortly before it.
    var from = this.chunkOf(qt.length > 3 ? qt.slice(0, 3) : qt), to = this.chunkOf(qt);
    while (to + 1 < chunks.length && to - from < MAX_PREFIX_CHUNKS && chunks[to + 1][0].slice(0, qt.length) === qt) { to++; }
    var range = [];
    for (var i = from; i <= to; i++) { range.push(i); }
    return this.loadChunks(range).then(function () {
      var found = [], exact = false;
      range.forEach(function (c) {
        Object.keys(received.chunks[chunks[c][0]] || {}).forEach(function (term) {
          var how = null;
          if (term === qt) { how = "exact"; exact = true; }
          else if (qt.length >= 2 && term.slice(0, qt.length) === qt) { how = "prefix"; }
          else if (term.length >= 3 && qt.length - term.length <= 2 && qt.slice(0, term.length) === term) { how = "partial"; }
          if (how) { found.push({ chunk: c, term: term, how: how }); }
        });
      });
      var len = Array.from(qt).length;
      if (exact || len < 5) { return found; }
      // Typo tolerance: words one edit away, found in the vocabulary by length.
      var files = self.manifest.vocab.filter(function (v) { return v[1] >= len - 1 && v[0] <= len + 1; });
      return Promise.all(files.map(function (v) { return self.fetch(v[2]); })).then(function () {
        var typos = [];
        [len - 1, len, len + 1].forEach(function (n) {
          (received.vocab[n] || []).forEach(function (w) {
            if (w !== qt && withinOne(w, qt)) { typos.push(w); }
          });
        });
        typos = typos.slice(0, MAX_TYPO_CANDIDATES);
        var where = typos.map(function (w) { return self.chunkOf(w); });
        return self.loadChunks(where).then(function () {
          typos.forEach(function (w, k) {
            var terms = received.chunks[chunks[where[k]][0]];
            if (terms && terms[w] !== undefined) { found.push({ chunk: where[k], term: w, how: "typo" }); }
          });
          return found;
        });
      });
    });
  };

  function passes(record, filters, skip) {
    for (var i = 0; i < FACETS.length; i++) {
      var f = FACETS[i], values = filters[f];
      if (f === skip || !values || !values.length) { continue; }
      var ok = values.some(function (v) {
        if (f === "kind") { return record.kind === v; }
        if (f === "topic") { return record.topic === v; }
        if (f === "level") { return (record.levels & (1 << v)) !== 0; }
        return record.roles.indexOf(v) >= 0;
      });
      if (!ok) { return false; }
    }
    return true;
  }

  function facetValues(record, f) {
    if (f === "kind") { return [record.kind]; }
    if (f === "topic") { return record.topic >= 0 ? [record.topic] : []; }
    if (f === "level") {
      var out = [];
      for (var b = 0; b < 4; b++) { if (record.levels & (1 << b)) { out.push(b); } }
      return out;
    }
    return record.roles;
  }

  /* Searches. `filters` maps facet name → selected value indexes. Resolves to
     {terms, matched, total, results: [{doc, score, title, url, context, excerpt, kind, ...}],
      facets: {kind: {index: count}, ...}}. */
  Engine.prototype.search = function (query, filters, limit) {
    var self = this;
    filters = filters || {};
    limit = limit || 10;
    var qterms = [];
    terms(query).forEach(function (t) { if (qterms.indexOf(t) < 0) { qterms.push(t); } });
    return this.ready().then(function () {
      if (!qterms.length) { return { terms: [], matched: [], total: 0, results: [], facets: {} }; }
      return Promise.all(qterms.map(function (qt) { return self.candidates(qt); }));
    }).then(function (perTerm) {
      if (!qterms.length) { return perTerm; }
      var N = self.records.length;
      var scores = {}, hits = {}, titleExact = {}, matched = {};
      perTerm.forEach(function (cands, qi) {
        var best = {}, exactTitle = {};
        cands.forEach(function (c) {
          var list = self.postings(c.chunk, c.term);
          var idf = Math.log(1 + N / list.length);
          matched[c.term] = true;
          list.forEach(function (p) {
            var s = MATCH[c.how] * idf * p[2];
            if (!best[p[0]] || s > best[p[0]]) { best[p[0]] = s; }
            if (c.how === "exact" && p[1]) { exactTitle[p[0]] = true; }
          });
        });
        Object.keys(best).forEach(function (d) {
          scores[d] = (scores[d] || 0) + best[d];
          hits[d] = (hits[d] || 0) + 1;
          if (exactTitle[d]) { titleExact[d] = (titleExact[d] || 0) + 1; }
        });
      });
      var docs = Object.keys(scores).map(Number);
      var most = docs.reduce(function (m, d) { return Math.max(m, hits[d]); }, 0);
      // Every word must match; if no document has them all, show those with the most.
      docs = docs.filter(function (d) { return hits[d] === most; });
      docs.forEach(function (d) {
        if (titleExact[d] === qterms.length && self.records[d].titleTerms === qterms.length) {
          scores[d] += 1000;
        }
        if (most < qterms.length) { scores[d] *= most / qterms.length; }
      });
      var facets = {};
      FACETS.forEach(function (f) {
        var counts = {};
        docs.forEach(function (d) {
          var r = self.records[d];
          if (!passes(r, filters, f)) { return; }
          facetValues(r, f).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
        });
        facets[f] = counts;
      });
      docs = docs.filter(function (d) { return passes(self.records[d], filters, null); });
      docs.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
      var top = docs.slice(0, limit);
      var size = self.manifest.doc_chunk;
      var files = {};
      top.forEach(function (d) { files[Math.floor(d / size)] = true; });
      return Promise.all(Object.keys(files).map(function (i) { return self.fetch(self.manifest.doc_files[Number(i)]); }))
        .then(function () {
          return {
            terms: qterms,
            matched: Object.keys(matched),
            total: docs.length,
            facets: facets,
            results: top.map(function (d) {
              var rec = received.docs[Math.floor(d / size)][d % size], r = self.records[d];
              return {
                doc: d, score: scores[d], title: rec[0], url: rec[1], context: rec[2], text: rec[3],
                kind: self.manifest.facets.kinds[r.kind],
                topic: r.topic >= 0 ? self.manifest.facets.topics[r.topic] : null,
                levels: self.manifest.facets.levels.filter(function (_, b) { return r.levels & (1 << b); })
              };
            })
          };
        });
    });
  };

  /* Cuts a window of `text` around the first word matching the search, as segments
     [{text, mark}] for the UI to turn into text nodes and <mark> elements. */
  function excerpt(text, matchedTerms, qterms, width) {
    width = width || 180;
    var wanted = {};
    matchedTerms.forEach(function (t) { wanted[t] = true; });
    var re = /[\p{Alphabetic}\p{N}]+(?:[_+\-.'][\p{Alphabetic}\p{N}]+)*/gu, m, spans = [];
    while ((m = re.exec(text))) {
      var hit = terms(m[0]).some(function (t) {
        return wanted[t] || qterms.some(function (q) { return q.length >= 2 && t.slice(0, q.length) === q; });
      });
      spans.push({ start: m.index, end: m.index + m[0].length, hit: hit });
    }
    // The window that shows the most different matching words, starting near its first one.
    var hits = spans.filter(function (s) { return s.hit; }), first = hits[0], bestCount = 0;
    hits.forEach(function (h) {
      var seen = {};
      hits.forEach(function (o) {
        if (o.start >= h.start && o.end <= h.start + width * 0.7) { seen[fold(text.slice(o.start, o.end))] = true; }
      });
      var count = Object.keys(seen).length;
      if (count > bestCount) { bestCount = count; first = h; }
    });
    var start = 0;
    if (first && first.start > width / 3) {
      start = first.start - Math.floor(width / 3);
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < first.start ? space + 1 : start;
    }
    var end = Math.min(text.length, start + width);
    if (end < text.length) {
      var lastSpace = text.lastIndexOf(" ", end);
      if (lastSpace > start) { end = lastSpace; }
    }
    var out = [], at = start;
    if (start > 0) { out.push({ text: "…", mark: false }); }
    spans.forEach(function (s) {
      if (!s.hit || s.start < start || s.end > end) { return; }
      if (s.start > at) { out.push({ text: text.slice(at, s.start), mark: false }); }
      out.push({ text: text.slice(s.start, s.end), mark: true });
      at = s.end;
    });
    if (end > at) { out.push({ text: text.slice(at, end), mark: false }); }
    if (end < text.length && text.slice(end - 1, end) !== "…") { out.push({ text: "…", mark: false }); }
    return out;
  }

  global.__hirebookSearchEngine = {
    Engine: Engine,
    excerpt: excerpt,
    fold: fold,
    words: words,
    stem: stem,
    terms: terms,
    withinOne: withinOne,
    FACETS: FACETS
  };
})(typeof window !== "undefined" ? window : globalThis);
