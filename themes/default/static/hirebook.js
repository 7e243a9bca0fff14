/* hirebook: page enhancements: the navigation toggle and search. A classic script (no modules,
   no fetch) so that it also works when the handbook is opened from disk. The search engine
   itself is search.js; this file is its user interface. */
(function () {
  "use strict";
  var doc = document.documentElement;
  doc.classList.add("js");
  var root = doc.getAttribute("data-root") || "";

  /* Loads a script at `path` (relative to the site root): the only way to load data that
     also works from disk. */
  function loadScript(path) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = root + path;
      s.onload = resolve;
      s.onerror = function () { reject(new Error(t("common.load_failed", { path: path }))); };
      document.head.appendChild(s);
    });
  }

  /* An element with attributes (`text` and `className` set those properties) and children. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; }
      else if (k === "className") { node.className = attrs[k]; }
      else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }

  /* The theme's words in the handbook's language (strings.js, written by the build from
     themes/default/i18n/ and the handbook's i18n/). `t("search.count", { n: 3 })` chooses the
     plural form by n with the rules of src/render/strings.rs and fills in `{name}`s; values
     are isolated from the sentence around them where their direction may differ. */
  var WORDS = window.__hirebookStrings || { language: "en", rtl: false, strings: {} };
  var RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

  function plural(language, n) {
    n = Math.abs(Math.floor(n));
    var n10 = n % 10, n100 = n % 100;
    switch (language) {
      case "zh": case "ja": case "ko": case "vi": case "th": case "id": case "ms": return "other";
      case "fr": case "pt": return n <= 1 ? "one" : "other";
      case "ru": case "uk": case "be":
        return n10 === 1 && n100 !== 11 ? "one" : (n10 >= 2 && n10 <= 4 && !(n100 >= 12 && n100 <= 14) ? "few" : "many");
      case "pl":
        return n === 1 ? "one" : (n10 >= 2 && n10 <= 4 && !(n100 >= 12 && n100 <= 14) ? "few" : "many");
      case "ar":
        if (n === 0) { return "zero"; }
        if (n === 1) { return "one"; }
        if (n === 2) { return "two"; }
        return n100 >= 3 && n100 <= 10 ? "few" : (n100 >= 11 && n100 <= 99 ? "many" : "other");
      case "he": return n === 1 ? "one" : (n === 2 ? "two" : "other");
      default: return n === 1 ? "one" : "other";
    }
  }

  function t(key, vars) {
    var entry = WORDS.strings[key];
    vars = vars || {};
    if (entry && typeof entry === "object") {
      entry = entry[plural(WORDS.language, typeof vars.n === "number" ? vars.n : 0)] || entry.other;
    }
    if (typeof entry !== "string") { return key; }
    return entry.replace(/\{([A-Za-z0-9_]+)\}/g, function (whole, name) {
      if (!Object.prototype.hasOwnProperty.call(vars, name)) { return whole; }
      var value = String(vars[name]);
      return name !== "n" && (WORDS.rtl || RTL.test(value)) ? "\u2068" + value + "\u2069" : value;
    });
  }

  // Shared with planner.js, which every page loads after this file.
  window.__hirebook = { loadScript: loadScript, el: el, t: t, plural: plural, rtl: WORDS.rtl };

  var toggle = document.querySelector(".nav-toggle");
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = doc.classList.toggle("nav-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
    // Escape closes the open menu and gives focus back to its button.
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && doc.classList.contains("nav-open")) {
        doc.classList.remove("nav-open");
        toggle.setAttribute("aria-expanded", "false");
        toggle.focus();
      }
    });
  }

  var api = window.__hirebookSearchEngine;
  var indexPath = doc.getAttribute("data-search-index");
  if (!api || !indexPath) { return; }


  var engine = null;
  function getEngine() {
    if (!engine) { engine = new api.Engine(indexPath, loadScript); }
    return engine;
  }

  var FACET_LABELS = { kind: t("search.facet_kind"), topic: t("search.facet_topic"), level: t("search.facet_level"), role: t("search.facet_role") };
  /* A facet value's label: kinds and levels in the handbook's language, topics and roles as
     the handbook names them. */
  function facetLabel(f, value) {
    if (f === "kind" || f === "level") {
      var key = (f === "kind" ? "kind." : "level.") + value.id;
      if (WORDS.strings[key]) { return t(key); }
    }
    return value.label;
  }
  var FACET_LISTS = { kind: "kinds", topic: "topics", level: "levels", role: "roles" };

  var uid = 0;

  /* One search box with its results and facets: the header's popup, or the search page. */
  function SearchUI(opts) {
    this.input = opts.input;
    this.box = opts.box;
    this.limit = opts.limit;
    this.popup = opts.popup;
    this.onChange = opts.onChange || function () {};
    this.filters = { kind: [], topic: [], level: [], role: [] };
    this.active = -1;
    this.links = [];
    this.seq = 0;
    this.prefix = "sr" + (uid++) + "-";
    this.box.textContent = "";
    this.status = el("p", { className: "search-status", role: "status", "aria-live": "polite" });
    this.facetBox = el("div", { className: "search-facets" });
    // On a phone the filters are folded away under the results' count, so the first result
    // shows without scrolling; on a wide screen they stand open beside the results.
    this.filterSummary = el("summary", { text: t("search.filters") });
    this.facetFold = el("details", { className: "search-filters" }, [this.filterSummary, this.facetBox]);
    var wide = window.matchMedia ? window.matchMedia("(min-width: 52.01rem)") : null;
    var fold = this.facetFold;
    fold.open = !wide || wide.matches;
    if (wide && wide.addEventListener) { wide.addEventListener("change", function () { fold.open = wide.matches; }); }
    this.list = el("ul", { className: "search-results", role: "listbox", id: this.prefix + "list", "aria-label": t("search.results") });
    this.more = el("p", { className: "search-more" });
    this.box.appendChild(this.status);
    this.box.appendChild(el("div", { className: "search-body" }, [this.facetFold, el("div", { className: "search-main" }, [this.list, this.more])]));
    this.input.setAttribute("aria-controls", this.list.id);
    var self = this;
    this.input.addEventListener("input", function () { self.active = -1; self.run(); });
    this.input.addEventListener("keydown", function (e) { self.key(e); });
  }

  SearchUI.prototype.run = function () {
    var self = this, query = this.input.value, seq = ++this.seq;
    if (!query.trim()) { this.show(false); this.status.textContent = ""; this.onChange(); return; }
    getEngine().search(query, this.filters, this.limit).then(function (res) {
      if (seq !== self.seq) { return; }
      if (res.total > 0 || !res.terms.length) { return res; }
      // Nothing as typed: the closest words (two edits away) instead, said as such.
      return getEngine().search(query, self.filters, self.limit, true).then(function (near) {
        near.closest = near.total > 0;
        return near.total > 0 ? near : res;
      });
    }).then(function (res) {
      if (!res || seq !== self.seq) { return; }
      self.render(res);
      self.onChange();
    }, function (err) {
      self.status.textContent = t("search.unavailable", { error: err.message });
    });
  };

  SearchUI.prototype.show = function (open) {
    if (!this.popup) { return; }
    this.box.hidden = !open;
    this.input.setAttribute("aria-expanded", open ? "true" : "false");
  };

  SearchUI.prototype.render = function (res) {
    var self = this, facets = getEngine().manifest.facets;
    this.list.textContent = "";
    this.links = [];
    this.total = res.total;
    this.shown = res.results.length;
    res.results.forEach(function (r, i) {
      // Titles and text in another direction than the interface keep their own order.
      var excerpt = el("span", { className: "sr-excerpt", dir: "auto" });
      api.excerpt(r.text, res.matched, res.terms).forEach(function (seg) {
        excerpt.appendChild(seg.mark ? el("mark", { text: seg.text }) : document.createTextNode(seg.text));
      });
      var meta = [facetLabel("kind", r.kind)];
      if (r.context) { meta.push(r.context); }
      if (r.levels.length) { meta.push(r.levels.map(function (l) { return facetLabel("level", l); }).join(", ")); }
      var link = el("a", { href: root + r.url, className: "sr-link", tabindex: "-1" }, [
        el("span", { className: "sr-title", dir: "auto", text: r.title }),
        el("span", { className: "sr-meta", text: meta.join(" · ") }),
        excerpt
      ]);
      self.links.push(link);
      self.list.appendChild(el("li", { role: "option", id: self.prefix + i, "aria-selected": "false", className: "sr-item" }, [link]));
    });
    var n = res.total, typed = this.input.value.trim();
    var filtered = api.FACETS.some(function (f) { return self.filters[f].length > 0; });
    this.status.textContent = n === 0 ? t(filtered ? "search.no_results_filtered" : "search.no_results", { query: typed })
      : (res.closest ? t("search.closest", { query: typed }) + " " : "") +
        (n > res.results.length ? t("search.count_showing", { n: n, shown: res.results.length }) : t("search.count", { n: n }));
    if (n === 0 && filtered) {
      var clear = el("button", { type: "button", className: "button search-clear", text: t("search.without_filters") });
      clear.addEventListener("click", function () {
        api.FACETS.forEach(function (f) { self.filters[f] = []; });
        self.run();
        self.input.focus();
      });
      this.status.appendChild(document.createTextNode(" "));
      this.status.appendChild(clear);
    } else if (n === 0) {
      // The topics nearest to the words typed: a word of one begins another, or is two edits
      // from it.
      var typedTerms = api.terms(this.input.value);
      var near = (facets.topics || []).filter(function (t) {
        var own = api.terms(t.label + " " + t.id.replace(/-/g, " "));
        return typedTerms.some(function (q) {
          return own.some(function (w) {
            return (q.length >= 3 && w.indexOf(q) === 0) || (w.length >= 3 && q.indexOf(w) === 0) ||
              (q.length >= 4 && api.withinTwo(q, w));
          });
        });
      }).slice(0, 3);
      if (near.length) {
        this.status.appendChild(document.createTextNode(" " + t("search.near_topics") + " "));
        near.forEach(function (t, i) {
          if (i) { self.status.appendChild(document.createTextNode(", ")); }
          self.status.appendChild(el("a", { href: root + "topics/" + encodeURIComponent(t.id) + ".html", text: t.label, "data-near-topic": t.id }));
        });
        this.status.appendChild(document.createTextNode("."));
      }
      this.status.appendChild(document.createTextNode(" " + t("search.try_fewer") + " "));
      this.status.appendChild(el("a", { href: root + "questions/index.html", text: t("search.browse_every") }));
      this.status.appendChild(document.createTextNode("."));
    }
    this.renderFacets(res, facets);
    this.more.textContent = "";
    if (this.popup && n > 0) {
      this.more.appendChild(el("a", { href: root + "search.html" + queryString(this.input.value, this.filters, facets), text: t("search.see_all", { n: n }) }));
    }
    this.setActive(this.active < res.results.length ? this.active : -1);
    this.show(true);
  };

  SearchUI.prototype.renderFacets = function (res, facets) {
    var self = this;
    this.facetBox.textContent = "";
    var chosen = 0;
    api.FACETS.forEach(function (f) { chosen += self.filters[f].length; });
    this.filterSummary.textContent = chosen ? t("search.filters_on", { n: chosen }) : t("search.filters");
    api.FACETS.forEach(function (f) {
      var counts = res.facets[f] || {};
      var values = Object.keys(counts).map(Number).concat(self.filters[f]).filter(function (v, i, a) { return a.indexOf(v) === i; });
      if (!values.length || (values.length === 1 && !self.filters[f].length && f !== "kind")) { return; }
      values.sort(function (a, b) { return a - b; });
      var set = el("fieldset", { className: "facet", "data-facet": f }, [el("legend", { text: FACET_LABELS[f] })]);
      values.forEach(function (v) {
        var box = el("input", { type: "checkbox", value: String(v), "data-facet-value": facets[FACET_LISTS[f]][v].id });
        box.checked = self.filters[f].indexOf(v) >= 0;
        box.addEventListener("change", function () {
          var list = self.filters[f];
          if (box.checked) { list.push(v); } else { list.splice(list.indexOf(v), 1); }
          self.run();
        });
        set.appendChild(el("label", {}, [box, document.createTextNode(" " + facetLabel(f, facets[FACET_LISTS[f]][v]) + " "),
          el("span", { className: "count", text: String(counts[v] || 0) })]));
      });
      self.facetBox.appendChild(set);
    });
  };

  SearchUI.prototype.setActive = function (i) {
    this.active = i;
    this.links.forEach(function (link, k) { link.parentNode.setAttribute("aria-selected", k === i ? "true" : "false"); });
    if (i >= 0) {
      this.input.setAttribute("aria-activedescendant", this.prefix + i);
      var item = this.links[i].parentNode;
      if (item.scrollIntoView) { item.scrollIntoView({ block: "nearest" }); }
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  SearchUI.prototype.key = function (e) {
    var n = this.links.length;
    if (e.key === "ArrowDown" && n) { e.preventDefault(); this.setActive((this.active + 1) % n); }
    else if (e.key === "ArrowUp" && n) { e.preventDefault(); this.setActive(this.active <= 0 ? n - 1 : this.active - 1); }
    else if (e.key === "Enter" && this.active >= 0) { e.preventDefault(); location.href = this.links[this.active].href; }
    else if (e.key === "Enter" && !this.popup) { e.preventDefault(); }
    else if (e.key === "Escape") {
      if (this.popup && !this.box.hidden) { e.preventDefault(); this.show(false); this.setActive(-1); }
      else if (this.input.value) { e.preventDefault(); this.input.value = ""; this.run(); }
    }
  };

  function queryString(q, filters, facets) {
    var parts = ["q=" + encodeURIComponent(q.trim())];
    api.FACETS.forEach(function (f) {
      filters[f].forEach(function (v) { parts.push(f + "=" + encodeURIComponent(facets[FACET_LISTS[f]][v].id)); });
    });
    return "?" + parts.join("&");
  }

  // ---- the header box -------------------------------------------------------------------------
  var form = document.querySelector(".search-form");
  var popup = document.getElementById("search-popup");
  var header = null;
  var page = document.querySelector("[data-search-page]");
  if (form && popup && !page) {
    form.hidden = false;
    var fallback = document.querySelector(".search-fallback");
    if (fallback) { fallback.hidden = true; }
    var input = form.querySelector("input");
    header = new SearchUI({ input: input, box: popup, limit: 8, popup: true });
    popup.hidden = true;
    // Loading starts on focus; a failure is reported by the search that needs it.
    input.addEventListener("focus", function () { getEngine().ready().catch(function () {}); if (input.value.trim()) { header.run(); } });
    document.querySelector("[data-search]").addEventListener("focusout", function (e) {
      if (!e.relatedTarget || !this.contains(e.relatedTarget)) { header.show(false); }
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      location.href = root + "search.html" + queryString(input.value, header.filters, getEngine().manifest ? getEngine().manifest.facets : null);
    });
  } else if (form) {
    // The search page has its own, larger box.
    form.hidden = true;
    var link = document.querySelector(".search-fallback");
    if (link) { link.hidden = true; }
  }

  // ---- the search page ------------------------------------------------------------------------
  if (page) {
    var params = new URLSearchParams(location.search);
    var pageInput = el("input", { type: "text", id: "search-page-input", className: "search-input", autocomplete: "off", spellcheck: "false", role: "combobox", "aria-expanded": "true", "aria-autocomplete": "list", placeholder: t("common.search_placeholder"), enterkeyhint: "search" });
    pageInput.value = params.get("q") || "";
    var results = el("div", { className: "search-page-results" });
    page.appendChild(el("label", { "for": "search-page-input", className: "visually-hidden", text: t("common.search_handbook") }));
    page.appendChild(pageInput);
    page.appendChild(results);
    var limit = 20;
    var ui = new SearchUI({
      input: pageInput, box: results, limit: limit, popup: false,
      onChange: function () {
        var facets = getEngine().manifest && getEngine().manifest.facets;
        if (facets) { history.replaceState(null, "", queryString(pageInput.value, ui.filters, facets)); }
        var hidden = ui.total > ui.shown && pageInput.value.trim();
        if (hidden && !ui.more.firstChild) {
          var more = el("button", { type: "button", className: "button", text: t("search.show_more") });
          more.addEventListener("click", function () { ui.limit += 20; ui.run(); });
          ui.more.appendChild(more);
        } else if (!hidden) {
          ui.more.textContent = "";
        }
      }
    });
    getEngine().ready().then(function () {
      var facets = getEngine().manifest.facets;
      api.FACETS.forEach(function (f) {
        params.getAll(f).forEach(function (id) {
          var i = facets[FACET_LISTS[f]].findIndex(function (x) { return x.id === id; });
          if (i >= 0) { ui.filters[f].push(i); }
        });
      });
    }, function () {
      // The search below loads the index again, or says why it cannot.
    }).then(function () {
      if (pageInput.value) { ui.run(); }
    });
    pageInput.focus();
  }

  // ---- "/" focuses search -----------------------------------------------------------------------
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) { return; }
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) { return; }
    var target = page ? document.getElementById("search-page-input") : (header && header.input);
    if (target) { e.preventDefault(); target.focus(); target.select(); }
  });
})();
