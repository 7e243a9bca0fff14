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
  var STOP = Object.create(null);
  ("a an and are as at be but by can do does for from has have how i if in into is it its me my of on or " +
   "our so than that the their them then there these they this to up was we what when where which who why " +
   "will with would you your").split(" ").forEach(function (w) { STOP[w] = true; });

  // Arabic and Persian letters with several written forms, made one; joiners dropped.
  var LETTERS = { "\u0671": "\u0627", "\u0649": "\u064A", "\u06CC": "\u064A", "\u0629": "\u0647",
    "\u06D5": "\u0647", "\u06A9": "\u0643", "\u200D": "", "\u0640": "" };
  var LETTER = new RegExp("[" + Object.keys(LETTERS).join("") + "]", "g");

  function fold(text) {
    if (/^[\x00-\x7f]*$/.test(text)) { return text.toLowerCase(); }
    // Kana's voicing marks make other words: kept, and put back.
    return text.normalize("NFKD").replace(/(?![\u3099\u309A])\p{M}/gu, "").normalize("NFC").toLowerCase()
      .replace(LETTER, function (c) { return LETTERS[c]; })
      .replace(/[\u0660-\u0669]/g, function (c) { return String(c.charCodeAt(0) - 0x0660); })
      .replace(/[\u06F0-\u06F9]/g, function (c) { return String(c.charCodeAt(0) - 0x06F0); });
  }

  // Han, kana and Hangul: searched by pairs of characters rather than by words.
  var CJK = /[\u1100-\u11FF\u3005\u3040-\u30FF\u3130-\u318F\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF66-\uFF9F\u{20000}-\u{2FFFF}]/u;

  // The Persian zero-width non-joiner joins a compound's parts, like a hyphen.
  function isJoiner(c) { return c === "_" || c === "+" || c === "-" || c === "." || c === "'" || c === "\u200C"; }

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

  var RUSSIAN_ENDINGS = ("иями ями ами иеи ого его ому ему ыми ими ешь ете ите ишь ать ять ить еть ала ила " +
    "ия ие ии ью ья ье ьи ов ев еи ои ам ям ах ях ом ем ию ая яя ое ее ые ую юю ых их ым им ет ут ют ит ат ят " +
    "ло ли ла ыи ал ял ил ел ыл а я о е ы и у ю ь л").split(" ");
  var ARABIC_PREFIXES = ["\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644", "\u0641\u0627\u0644", "\u0644\u0644", "\u0627\u0644"];
  var ARABIC_SUFFIXES = ["\u0647\u0627", "\u0627\u0646", "\u0627\u062A", "\u0648\u0646", "\u064A\u0646", "\u064A\u0647", "\u0647", "\u064A"];

  function stemRussian(s) {
    if ((endsWith(s, "ся") || endsWith(s, "сь")) && s.length > 5) { s = s.slice(0, -2); }
    for (var i = 0; i < RUSSIAN_ENDINGS.length; i++) {
      var e = RUSSIAN_ENDINGS[i];
      if (endsWith(s, e) && s.length >= e.length + 3) { return s.slice(0, -e.length); }
    }
    return s;
  }

  function stemArabic(s) {
    if (s[0] === "\u0648" && s.length > 3) { s = s.slice(1); }
    for (var i = 0; i < ARABIC_PREFIXES.length; i++) {
      var p = ARABIC_PREFIXES[i];
      if (s.slice(0, p.length) === p && s.length >= p.length + 2) { s = s.slice(p.length); break; }
    }
    ARABIC_SUFFIXES.forEach(function (x) {
      if (endsWith(s, x) && s.length >= x.length + 2) { s = s.slice(0, -x.length); }
    });
    return s;
  }

  function stem(word) {
    var s = word;
    if (!/^[\x00-\x7f]*$/.test(s)) {
      var first = s.charCodeAt(0);
      if (first >= 0x0400 && first <= 0x04FF) { return stemRussian(s); }
      if (first >= 0x0600 && first <= 0x06FF) { return stemArabic(s); }
      return s;
    }
    if (s.length <= 3) { return s; }
    var len = s.length;
    if ((endsWith(s, "ies") || endsWith(s, "ied")) && len > 4) { s = s.slice(0, -3) + "y"; }
    else if (endsWith(s, "ing") && len > 5) { s = undouble(s.slice(0, -3)); }
    else if (endsWith(s, "ed") && len > 4) { s = undouble(s.slice(0, -2)); }
    else if (endsWith(s, "s") && !endsWith(s, "ss") && !endsWith(s, "us") && !(endsWith(s, "is") && len > 4)) { s = s.slice(0, -1); }
    if (endsWith(s, "e") && s.length > 3) { s = s.slice(0, -1); }
    return s;
  }

  function wordTerm(w, out, typed) {
    // A compound joined by non-joiners is also one word without them (often typed so).
    w = w.replace(/\u200C/g, "");
    var n = Array.from(w).length;
    if (n >= 2 && !STOP[w]) { out.push(stem(w)); if (typed) { typed.push(n); } }
  }

  /* `typed`, when given, receives each term's length as typed, before stemming. */
  function terms(text, typed) {
    var out = [];
    words(fold(text)).forEach(function (w) {
      if (!CJK.test(w)) { wordTerm(w, out, typed); return; }
      // Runs of Han, kana or Hangul become their overlapping pairs, and their last character
      // alone (so that every character begins a term); what lies between them is a word.
      var chars = Array.from(w), i = 0;
      while (i < chars.length) {
        var cjk = CJK.test(chars[i]), j = i;
        while (j < chars.length && CJK.test(chars[j]) === cjk) { j++; }
        if (cjk) {
          for (var k = i; k + 1 < j; k++) { out.push(chars[k] + chars[k + 1]); if (typed) { typed.push(2); } }
          out.push(chars[j - 1]); if (typed) { typed.push(1); }
        } else {
          var rest = chars.slice(i, j).join("").replace(/^[_+\-.']+|[_+\-.']+$/g, "");
          if (rest) { wordTerm(rest, out, typed); }
        }
        i = j;
      }
    });
    return out;
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

  /* At most two edits apart (insertions, deletions, substitutions, transpositions of
     neighbours): for the closest words, when nothing matches as typed. */
  function withinTwo(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 2) { return false; }
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= lb; j++) { prev.push(j); }
    for (var i = 1; i <= la; i++) {
      cur = [i];
      var best = i;
      for (var k = 1; k <= lb; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        var d = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + cost);
        if (prev2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) { d = Math.min(d, prev2[k - 2] + 1); }
        cur.push(d);
        if (d < best) { best = d; }
      }
      if (best > 2) { return false; }
      prev2 = prev;
      prev = cur;
    }
    return prev[lb] <= 2;
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

  /* The first index in sorted `list` whose item is not before `item`. */
  function lowerBound(list, item) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (cmp(list[mid], item) < 0) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }

  /* In `runs`, [first item, file] pairs sorted by first item, the run that would hold `item`:
     the last one whose first item is not after it (the first run if none is). */
  function runOf(runs, item, compare) {
    var lo = 0, hi = runs.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (compare(runs[mid][0], item) <= 0) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  function subtract(a, b) { return a - b; }

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
    // The manifest names the other files by the part between "search-" and ".js".
    this.filePrefix = manifestPath.replace(/[^\/]*$/, "") + "search-";
    this.load = load;
    this.refreshed = false;
    this.forget();
  }

  /* Drops everything loaded from the index. */
  Engine.prototype.forget = function () {
    this.loading = Object.create(null);
    this.decoded = Object.create(null);
    this.sorted = null;
    this.records = null;
    this.manifest = null;
    this.readyPromise = null;
  };

  /* The path of an index file the manifest names `name`. */
  Engine.prototype.file = function (name) {
    return this.filePrefix + name + ".js";
  };

  Engine.prototype.fetch = function (path) {
    if (!this.loading[path]) { this.loading[path] = this.load(path); }
    return this.loading[path];
  };

  Engine.prototype.ready = function () {
    var self = this;
    if (this.readyPromise) { return this.readyPromise; }
    this.readyPromise = this.fetch(this.manifestPath).then(function () {
      self.manifest = received.manifest;
      return self.fetch(self.file(self.manifest.facets_file));
    }).then(function () {
      self.records = parseFacets(received.facets, self.manifest.facet_widths, self.manifest.facets);
      // A small index is loaded now, while the reader types (whole, or its terms only; see
      // PRELOAD_BYTES in src/search/index.rs): their first search then waits for less.
      var m = self.manifest, now = [];
      if (m.preload === "all" || m.preload === "terms") {
        m.chunks.forEach(function (c) { now.push(self.file(c[1])); });
        m.vocab.forEach(function (v) { now.push(self.file(v[2])); });
      }
      if (m.preload === "all") {
        m.doc_files.forEach(function (d) { now.push(self.file(d[1])); });
      }
      // A file that fails to load fails the search that needs it, which then loads the
      // manifest again (see search).
      now.forEach(function (path) { self.fetch(path).catch(function () {}); });
    });
    return this.readyPromise;
  };

  /* The facets file: per document, without separators, kind, topic (0 for none, else index
     + 1), levels (bits), title terms and roles (bits, five to a digit, lowest first), each a
     base-32 number of the width `widths` gives (see facet_records in src/search/index.rs).
     Decoded by hand into typed arrays, roles as one list with a start per document: it holds
     a record for every document, and its garbage would slow the reader's first search.
     `values`: how many values each facet has, from the manifest's labels. */
  function parseFacets(text, widths, labels) {
    var size = widths.kind + widths.topic + widths.levels + widths.titles + widths.roles;
    var n = size ? Math.floor(text.length / size) : 0, at = 0;
    var r = {
      length: n,
      kind: new Uint8Array(n), topic: new Int32Array(n), levels: new Uint8Array(n),
      titleTerms: new Uint16Array(n), roleStart: new Int32Array(n + 1), roleList: null,
      values: { kind: labels.kinds.length, topic: labels.topics.length, level: labels.levels.length, role: labels.roles.length },
      // Retired questions are left out unless the reader picks their kind (-1: none here).
      retired: labels.kinds.map(function (k) { return k.id; }).indexOf("retired"),
      hasRetired: false
    };
    function next(width) {
      var v = 0;
      for (var k = 0; k < width; k++) {
        var c = text.charCodeAt(at++);
        v = v * 32 + (c <= 57 ? c - 48 : c - 87);
      }
      return v;
    }
    var roles = [];
    for (var d = 0; d < n; d++) {
      r.kind[d] = next(widths.kind);
      if (r.kind[d] === r.retired) { r.hasRetired = true; }
      r.topic[d] = next(widths.topic) - 1;
      r.levels[d] = next(widths.levels);
      r.titleTerms[d] = next(widths.titles);
      r.roleStart[d] = roles.length;
      for (var digit = 0; digit < widths.roles; digit++) {
        var bits = next(1);
        for (var b = 0; b < 5; b++) { if (bits & (1 << b)) { roles.push(digit * 5 + b); } }
      }
    }
    r.roleStart[n] = roles.length;
    r.roleList = Int32Array.from(roles);
    return r;
  }

  /* The chunk a term would be in: the last chunk whose first term is not after it. */
  Engine.prototype.chunkOf = function (term) {
    return runOf(this.manifest.chunks, term, cmp);
  };

  /* A loaded chunk's terms, sorted by code point. */
  Engine.prototype.terms = function (c) {
    if (!this.sorted) { this.sorted = Object.create(null); }
    if (!this.sorted[c]) { this.sorted[c] = Object.keys(received.chunks[this.manifest.chunks[c][0]] || {}).sort(cmp); }
    return this.sorted[c];
  };

  /* The document file holding document d: the last one whose first document is not after d. */
  Engine.prototype.docFile = function (d) {
    return runOf(this.manifest.doc_files, d, subtract);
  };

  Engine.prototype.loadChunks = function (indexes) {
    var self = this;
    return Promise.all(indexes.map(function (i) { return self.fetch(self.file(self.manifest.chunks[i][1])); }));
  };

  /* A term's postings, decoded once: {docs: Int32Array, meta: Uint8Array (title bit 16 |
     weight)}. Decoded by hand, without splitting strings: long lists are the hot path. */
  Engine.prototype.postings = function (chunk, term) {
    var id = chunk + "\u0000" + term;
    if (this.decoded[id]) { return this.decoded[id]; }
    var text = received.chunks[this.manifest.chunks[chunk][0]][term], length = text.length;
    // Each entry takes at least two characters with its comma: room enough, in one pass.
    var room = (length >> 1) + 1, docs = new Int32Array(room), meta = new Uint8Array(room);
    var v = 0, k = 0, doc = 0;
    for (var i = 0; i <= length; i++) {
      var c = i < length ? text.charCodeAt(i) : 44;
      if (c === 44) {
        doc += v >> 5;
        docs[k] = doc;
        meta[k] = v & 31;
        k++;
        v = 0;
      } else {
        v = v * 36 + (c <= 57 ? c - 48 : c - 87);
      }
    }
    return (this.decoded[id] = { docs: docs.subarray(0, k), meta: meta.subarray(0, k) });
  };

  /* Index terms matching query term `qt`: [{chunk, term, how}]. `typed`: how long the word
     was before stemming, which decides whether it is long enough to look for typos of. */
  Engine.prototype.candidates = function (qt, loose, typed) {
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
        var terms = self.terms(c), have = received.chunks[chunks[c][0]];
        // Terms starting with qt sit together in sorted order.
        for (var i = lowerBound(terms, qt); i < terms.length && terms[i].slice(0, qt.length) === qt; i++) {
          if (terms[i] === qt) { exact = true; found.push({ chunk: c, term: qt, how: "exact" }); }
          else if (qt.length >= 2 || CJK.test(qt)) { found.push({ chunk: c, term: terms[i], how: "prefix" }); }
        }
        // Terms qt starts with (typed a little too far): at most two lookups.
        for (var cut = Math.max(3, qt.length - 2); cut < qt.length; cut++) {
          if (Object.prototype.hasOwnProperty.call(have, qt.slice(0, cut))) {
            found.push({ chunk: c, term: qt.slice(0, cut), how: "partial" });
          }
        }
      });
      var len = Array.from(qt).length;
      // Typos are looked for only when the word matches nothing as it stands: a word that
      // begins known words is most likely being typed, not mistyped.
      var prefixed = found.some(function (f) { return f.how === "prefix"; });
      // A typo of a word of four letters or more: `cahce` is stemmed to `cahc`, four letters,
      // and is still one edit from `cach` (cache).
      if (exact || prefixed || Math.max(len, typed || 0) < 4 || len < 3) { return found; }
      // Typo tolerance: words one edit away (two, for the closest words when nothing matched),
      // found in the vocabulary by length.
      var reach = loose ? 2 : 1, near = loose ? withinTwo : withinOne;
      var files = self.manifest.vocab.filter(function (v) { return v[1] >= len - reach && v[0] <= len + reach; });
      return Promise.all(files.map(function (v) { return self.fetch(self.file(v[2])); })).then(function () {
        var typos = [];
        for (var n = len - reach; n <= len + reach; n++) {
          (received.vocab[n] || []).forEach(function (w) {
            if (w !== qt && near(w, qt)) { typos.push(w); }
          });
        }
        var known = Object.create(null);
        found.forEach(function (f) { known[f.term] = true; });
        typos = typos.filter(function (w) { return !known[w]; }).slice(0, MAX_TYPO_CANDIDATES);
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

  /* Selected facet values as lookups: null where nothing is selected. */
  function compileFilters(filters) {
    var out = {};
    FACETS.forEach(function (f) {
      var values = filters[f] || [];
      if (!values.length) { out[f] = null; return; }
      if (f === "level") {
        out[f] = values.reduce(function (m, v) { return m | (1 << v); }, 0);
      } else {
        out[f] = {};
        values.forEach(function (v) { out[f][v] = true; });
      }
    });
    return out;
  }

  function hasRole(r, d, wanted) {
    for (var k = r.roleStart[d]; k < r.roleStart[d + 1]; k++) { if (wanted[r.roleList[k]]) { return true; } }
    return false;
  }

  /* Which facets document `d` fails: a bit per facet, in FACETS order. */
  function failures(r, d, F) {
    var bits = 0;
    if (F.kind ? !F.kind[r.kind[d]] : r.kind[d] === r.retired) { bits |= 1; }
    if (F.topic && !(r.topic[d] >= 0 && F.topic[r.topic[d]])) { bits |= 2; }
    if (F.level && !(r.levels[d] & F.level)) { bits |= 4; }
    if (F.role && !hasRole(r, d, F.role)) { bits |= 8; }
    return bits;
  }

  /* Facet counts in typed arrays while counting (thousands of documents), as {value: count}
     objects for the caller. */
  function Tally(r) {
    this.kind = new Int32Array(r.values.kind);
    this.topic = new Int32Array(r.values.topic);
    this.level = new Int32Array(r.values.level);
    this.role = new Int32Array(r.values.role);
  }

  /* Adds document `d` to the counts of facet `f` (a bit, as in failures), or of all for 15. */
  Tally.prototype.add = function (r, d, f) {
    if (f & 1) { this.kind[r.kind[d]]++; }
    if ((f & 2) && r.topic[d] >= 0) { this.topic[r.topic[d]]++; }
    if (f & 4) { for (var b = 0; b < 4; b++) { if (r.levels[d] & (1 << b)) { this.level[b]++; } } }
    if (f & 8) { for (var k = r.roleStart[d]; k < r.roleStart[d + 1]; k++) { this.role[r.roleList[k]]++; } }
  };

  Tally.prototype.counts = function () {
    var self = this, out = {};
    FACETS.forEach(function (f) {
      var list = self[f], o = out[f] = {};
      for (var v = 0; v < list.length; v++) { if (list[v]) { o[v] = list[v]; } }
    });
    return out;
  };

  /* Scores, filters, counts and ranks the documents matching `lists` (per query term, the
     posting lists of the index terms it matched). The first search of a page runs this in a
     JavaScript engine that has not compiled it yet, over up to every document of the
     handbook: hence one function, typed arrays, locals and plain loops. */
  function rank(r, lists, F, limit) {
    var N = r.length, q = lists.length;
    var scores = new Float64Array(N), hits = new Uint8Array(N), exactTitle = new Uint8Array(N);
    var best = new Float64Array(N), bestTitle = new Uint8Array(N), seen = new Uint8Array(N);
    var touched = new Int32Array(N), nTouched = 0, here = new Int32Array(N);
    var i, k, d;
    for (var t = 0; t < q; t++) {
      if (lists[t].length === 1) {
        // One list (the usual case): no document can be matched twice for this word, so
        // scores add up directly.
        var one = lists[t][0], oneDocs = one.docs, oneMeta = one.meta, oneExact = one.exact;
        var oneFactor = one.weight * Math.log(1 + N / oneDocs.length);
        for (i = 0; i < oneDocs.length; i++) {
          d = oneDocs[i];
          if (!seen[d]) { seen[d] = 1; touched[nTouched++] = d; }
          scores[d] += oneFactor * (oneMeta[i] & 15);
          hits[d] += 1;
          if (oneExact && (oneMeta[i] & 16)) { exactTitle[d] += 1; }
        }
        continue;
      }
      var nHere = 0;
      for (var c = 0; c < lists[t].length; c++) {
        var docs = lists[t][c].docs, meta = lists[t][c].meta, exact = lists[t][c].exact;
        var factor = lists[t][c].weight * Math.log(1 + N / docs.length);
        for (i = 0; i < docs.length; i++) {
          d = docs[i];
          var s = factor * (meta[i] & 15);
          if (best[d] === 0) { here[nHere++] = d; }
          if (s > best[d]) { best[d] = s; }
          if (exact && (meta[i] & 16)) { bestTitle[d] = 1; }
        }
      }
      for (i = 0; i < nHere; i++) {
        d = here[i];
        if (!seen[d]) { seen[d] = 1; touched[nTouched++] = d; }
        scores[d] += best[d];
        hits[d] += 1;
        exactTitle[d] += bestTitle[d];
        best[d] = 0;
        bestTitle[d] = 0;
      }
    }
    // Every word must match; if no document has them all, show those with the most.
    var most = 0;
    for (k = 0; k < nTouched; k++) { if (hits[touched[k]] > most) { most = hits[touched[k]]; } }
    var filtered = F.kind || F.topic || F.level || F.role || r.hasRetired, tally = new Tally(r), titleTerms = r.titleTerms;
    var passing = new Int32Array(nTouched), total = 0;
    for (k = 0; k < nTouched; k++) {
      d = touched[k];
      if (hits[d] !== most) { continue; }
      if (exactTitle[d] === q && titleTerms[d] === q) { scores[d] += 1000; }
      if (most < q) { scores[d] *= most / q; }
      // Disjunctive facets: a document counts for a facet if it passes every other one.
      var fails = filtered ? failures(r, d, F) : 0;
      if (fails === 0) {
        passing[total++] = d;
        tally.add(r, d, 15);
      } else if ((fails & (fails - 1)) === 0) {
        tally.add(r, d, fails);
      }
    }
    // Only the best `limit` are shown: keep them in order as we go instead of sorting all.
    var top = [], floor = -1, floorDoc = -1;
    for (k = 0; k < total; k++) {
      d = passing[k];
      var sd = scores[d];
      if (top.length === limit && (sd < floor || (sd === floor && d > floorDoc))) { continue; }
      var at = top.length;
      while (at > 0 && (sd > scores[top[at - 1]] || (sd === scores[top[at - 1]] && d < top[at - 1]))) { at--; }
      top.splice(at, 0, d);
      if (top.length > limit) { top.pop(); }
      floorDoc = top[top.length - 1];
      floor = scores[floorDoc];
    }
    return { scores: scores, top: top, total: total, facets: tally.counts() };
  }

  /* Searches. `filters` maps facet name → selected value indexes. Resolves to
     {terms, matched, total, results: [{doc, score, title, url, context, excerpt, kind, ...}],
      facets: {kind: {index: count}, ...}}. */
  /* `loose`: the closest words too (two edits away), for a search that found nothing. */
  Engine.prototype.search = function (query, filters, limit, loose) {
    var self = this;
    return this.searchOnce(query, filters, limit, loose).catch(function (error) {
      // The manifest keeps its name from build to build, so a browser may hold a copy from
      // before the site was published again, naming index files that are gone. Once, load
      // it again past any cache, and search again.
      if (self.refreshed) { throw error; }
      self.refreshed = true;
      self.forget();
      self.manifestPath += (self.manifestPath.indexOf("?") < 0 ? "?" : "&") + "fresh=" + Date.now();
      return self.searchOnce(query, filters, limit, loose);
    });
  };

  Engine.prototype.searchOnce = function (query, filters, limit, loose) {
    var self = this;
    filters = filters || {};
    limit = limit || 10;
    var qterms = [], typed = [], lengths = [];
    var all = terms(query, lengths);
    all.forEach(function (t, i) {
      // A run's last character alone is in the index so that one character can be searched
      // for; after the pair ending with it, it adds nothing to a query but noise.
      if (CJK.test(t) && Array.from(t).length === 1 && i > 0 && Array.from(all[i - 1]).length === 2 &&
          Array.from(all[i - 1])[1] === t) { return; }
      var at = qterms.indexOf(t);
      if (at < 0) { qterms.push(t); typed.push(lengths[i]); } else { typed[at] = Math.max(typed[at], lengths[i]); }
    });
    return this.ready().then(function () {
      if (!qterms.length) { return { terms: [], matched: [], total: 0, results: [], facets: {} }; }
      return Promise.all(qterms.map(function (qt, i) { return self.candidates(qt, loose, typed[i]); }));
    }).then(function (perTerm) {
      if (!qterms.length) { return perTerm; }
      var matched = Object.create(null);
      var lists = perTerm.map(function (cands) {
        return cands.map(function (c) {
          matched[c.term] = true;
          var list = self.postings(c.chunk, c.term);
          return { docs: list.docs, meta: list.meta, weight: MATCH[c.how], exact: c.how === "exact" };
        });
      });
      var ranked = rank(self.records, lists, compileFilters(filters), limit);
      var r = self.records, scores = ranked.scores, top = ranked.top;
      var files = {};
      top.forEach(function (d) { files[self.docFile(d)] = true; });
      return Promise.all(Object.keys(files).map(function (i) { return self.fetch(self.file(self.manifest.doc_files[Number(i)][1])); }))
        .then(function () {
          return {
            terms: qterms,
            matched: Object.keys(matched),
            total: ranked.total,
            facets: ranked.facets,
            results: top.map(function (d) {
              var f = self.docFile(d), rec = received.docs[f][d - self.manifest.doc_files[f][0]];
              return {
                doc: d, score: scores[d], title: rec[0], url: rec[1], context: rec[2], text: rec[3],
                kind: self.manifest.facets.kinds[r.kind[d]],
                topic: r.topic[d] >= 0 ? self.manifest.facets.topics[r.topic[d]] : null,
                levels: self.manifest.facets.levels.filter(function (_, b) { return r.levels[d] & (1 << b); })
              };
            })
          };
        });
    });
  };

  /* The spans of a word holding Han, kana or Hangul: in those runs only the characters a
     matching pair (or single character) covers are marked, not the whole sentence. */
  function pairSpans(word, at, matches, spans, qterms, wanted) {
    var chars = Array.from(word), offsets = [at], hit = [], i = 0;
    chars.forEach(function (c, k) { offsets.push(offsets[k] + c.length); hit.push(false); });
    while (i < chars.length) {
      var cjk = CJK.test(chars[i]), j = i;
      while (j < chars.length && CJK.test(chars[j]) === cjk) { j++; }
      if (cjk) {
        for (var k = i; k < j; k++) {
          // A character the search names alone, or a pair it names.
          if (qterms.indexOf(fold(chars[k])) >= 0) { hit[k] = true; }
          if (k + 1 < j && wanted[fold(chars[k] + chars[k + 1])] && qterms.some(function (q) { return Array.from(q).length === 2; })) { hit[k] = hit[k + 1] = true; }
        }
      } else if (terms(chars.slice(i, j).join("")).some(matches)) {
        for (var n = i; n < j; n++) { hit[n] = true; }
      }
      i = j;
    }
    for (var s = 0; s < chars.length;) {
      var e = s;
      while (e < chars.length && hit[e] === hit[s]) { e++; }
      spans.push({ start: offsets[s], end: offsets[e], hit: hit[s] });
      s = e;
    }
  }

  /* Cuts a window of `text` around the first word matching the search, as segments
     [{text, mark}] for the UI to turn into text nodes and <mark> elements. */
  function excerpt(text, matchedTerms, qterms, width) {
    width = width || 180;
    var wanted = Object.create(null);
    matchedTerms.forEach(function (t) { wanted[t] = true; });
    // Marks belong to their letter: `nai\u0308ve` is one word, `naive` once folded.
    var re = /[\p{Alphabetic}\p{N}][\p{Alphabetic}\p{M}\p{N}]*(?:[_+\-.'\u200C][\p{Alphabetic}\p{N}][\p{Alphabetic}\p{M}\p{N}]*)*/gu, m, spans = [];
    function matches(t) {
      return wanted[t] || qterms.some(function (q) { return (q.length >= 2 || CJK.test(q)) && t.slice(0, q.length) === q; });
    }
    while ((m = re.exec(text))) {
      if (CJK.test(m[0])) { pairSpans(m[0], m.index, matches, spans, qterms, wanted); continue; }
      spans.push({ start: m.index, end: m.index + m[0].length, hit: terms(m[0]).some(matches) });
    }
    // The window that shows the most different matching words, starting near its first one.
    var hits = spans.filter(function (s) { return s.hit; }), first = hits[0], bestCount = 0;
    hits.forEach(function (h) {
      var seen = Object.create(null);
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
    if (end < text.length && text.slice(end - 1, end) !== "…") {
      // `view. …`, not `view.…`; no dangling comma or colon before the ellipsis.
      var last = out.length ? out[out.length - 1] : null;
      if (last && !last.mark) { last.text = last.text.replace(/[,;:\s]+$/, ""); }
      var tail = last ? last.text.slice(-1) : "";
      out.push({ text: /[.!?]/.test(tail) ? " …" : "…", mark: false });
    }
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
    withinTwo: withinTwo,
    FACETS: FACETS
  };
})(typeof window !== "undefined" ? window : globalThis);
