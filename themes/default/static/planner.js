/* hirebook: the interview planner (roles/index.html), custom packets (roles/packet.html) and
   the scoring page of a custom plan (roles/score.html, which score.js then runs).

   A classic script: it must work when the handbook is opened from disk, where browsers refuse
   modules and fetch. Its data comes from window.__hirebookPlanner (planner-data-*.js): roles,
   scorecards, topics and the questions roles plan. Everything else is loaded when needed, by
   script tags: question records to browse, a topic at a time (__hirebookPlannerBank), and any
   question's record and pre-rendered packet and scoring blocks from the file its id hashes to
   (__hirebookPlannerBucket); the scorecard and checklist sheets and the scorecards' scoring
   fields (__hirebookPacketMeta).

   The selection lives in the URL hash, so it can be bookmarked and sent to a co-interviewer:
     #role=<id>&q=a,-b|c      rounds separated by "|", a leading "-" marks an unticked question.
     &seed=<n>                picks one question of each `one_of` group of the role's plan. */
(function () {
  "use strict";

  var data = window.__hirebookPlanner;
  var root = document.documentElement.getAttribute("data-root") || "";
  // From hirebook.js, which runs first on every page.
  var loadScript = window.__hirebook.loadScript, el = window.__hirebook.el, t = window.__hirebook.t;
  var STORAGE_KEY = "hirebook.planner." + location.pathname.replace(/roles\/(index|packet|score)\.html$/, "");

  // ---- packet pages: the print button works everywhere --------------------------------------
  var printButton = document.querySelector("[data-print]");
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", function () { window.print(); });
  }

  if (!data) { return; }

  var questionsById = Object.create(null);
  data.questions.forEach(function (q) { questionsById[q.id] = q; });
  var blocks = Object.create(null);
  var scoreBlocks = Object.create(null);
  var bankByTopic = Object.create(null);
  window.__hirebookPlannerBucket = function (bucket) {
    bucket.questions.forEach(function (q) { questionsById[q.id] = q; });
    Object.keys(bucket.blocks).forEach(function (id) { blocks[id] = bucket.blocks[id]; });
    Object.keys(bucket.scores || {}).forEach(function (id) { scoreBlocks[id] = bucket.scores[id]; });
  };
  window.__hirebookPlannerBank = function (records) {
    records.forEach(function (q) {
      questionsById[q.id] = q;
      (bankByTopic[q.topic] = bankByTopic[q.topic] || []).push(q);
    });
  };

  /* The file holding a question's record and packet block: FNV-1a (32 bits) of its id, as
     hirebook computes it (src/render/planner.rs, bucket_of). */
  function bucketOf(id) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < id.length; i++) {
      hash ^= id.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return data.buckets[hash % data.buckets.length];
  }

  var loading = Object.create(null);
  function loadOnce(src) {
    if (!loading[src]) { loading[src] = loadScript(src); }
    return loading[src];
  }

  /* Loads the files for these question ids: all of them (`all`), or those not known yet. */
  function loadQuestions(ids, all) {
    var files = Object.create(null);
    ids.forEach(function (id) { if (all || !questionsById[id]) { files[bucketOf(id)] = true; } });
    return Promise.all(Object.keys(files).map(loadOnce));
  }

  /* A URL part decoded; a malformed one (`%`, `%zz`) is null (as if absent), not an error. Every
     table keyed by something from a URL or a data file has no prototype, so `toString` or
     `__proto__` in a link is just an unknown id. */
  function decode(text) {
    try { return decodeURIComponent(text); } catch (e) { return null; }
  }

  /* The ids a URL hash names. */
  function idsInHash(hash) {
    var match = /(?:^#|&)q=([^&]*)/.exec(hash);
    if (!match) { return []; }
    return (decode(match[1]) || "").split(/[|,]/).filter(Boolean).map(function (t) {
      return t.charAt(0) === "-" ? t.slice(1) : t;
    });
  }

  /* The selection in a URL hash, once the questions it names are loaded. */
  function planFromHash(hash) {
    return loadQuestions(idsInHash(hash), false).then(function () { return parseHash(hash); },
      function () { return parseHash(hash); });
  }
  var rolesById = Object.create(null);
  data.roles.forEach(function (r) { rolesById[r.id] = r; });
  var scorecardsById = Object.create(null);
  data.scorecards.forEach(function (s) { scorecardsById[s.id] = s; });
  var dimensionNames = Object.create(null);
  data.scorecards.forEach(function (s) {
    s.dimensions.forEach(function (d) { if (!dimensionNames[d.id]) { dimensionNames[d.id] = d.name; } });
  });

  // ---- the selection and its URL form -------------------------------------------------------

  /* A selection: { role: id, rounds: [[{id, on, group}]], panel: [name per round], round:
     number of the one round to print (from 1) or 0, seed }. `group`: for a question picked
     from a `one_of` group, the group's ids (the others can be picked instead). */
  function planOf(role, seed) {
    seed = validSeed(seed) ? seed : newSeed();
    return {
      role: role.id,
      rounds: role.rounds.map(function (r, ri) {
        var items = [];
        r.items.forEach(function (item, k) {
          if (typeof item === "string") {
            if (questionsById[item]) { items.push({ id: item, on: true }); }
            return;
          }
          var group = item.filter(function (id) { return questionsById[id]; });
          if (!group.length) { return; }
          var pick = group[pickIndex(seed, role.id + "|" + ri + "|" + k, group.length)];
          items.push({ id: pick, on: true, group: group });
        });
        return items;
      }),
      panel: role.rounds.map(function () { return ""; }),
      round: 0,
      seed: seed
    };
  }

  /* A seed is a whole number below a billion; a new plan gets a random one, so that each
     interview loop asks different questions of a group, and its link keeps them. */
  function validSeed(seed) {
    return typeof seed === "number" && seed >= 0 && seed < 1e9 && Math.floor(seed) === seed;
  }
  function newSeed() { return Math.floor(Math.random() * 1e9); }

  /* Which of `n` questions the seed picks for one group: the same for the same seed, role,
     round and place (FNV-1a over the text). */
  function pickIndex(seed, where, n) {
    var text = seed + "|" + where, h = 2166136261;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 16777619) >>> 0;
    }
    // FNV's low bits follow the text's low bits (every group of two would flip together):
    // mixed through MurmurHash3's finaliser before the remainder is taken.
    h = (h ^ (h >>> 16)) >>> 0;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
    return h % n;
  }

  /* The `one_of` group of round `r` of `role` that holds question `id`, if any. */
  function groupOf(role, r, id) {
    var round = role.rounds[r];
    if (!round) { return null; }
    for (var k = 0; k < round.items.length; k++) {
      var item = round.items[k];
      if (typeof item !== "string" && item.indexOf(id) >= 0) {
        return item.filter(function (g) { return questionsById[g]; });
      }
    }
    return null;
  }

  /* An interviewer's name as typed: no control characters, not too long. */
  function cleanName(text) {
    // Cut by characters, not UTF-16 units (half an emoji cannot be put in a link), and without
    // any lone half left over.
    var chars = Array.from(String(text).replace(/[\u0000-\u001f\u007f]/g, " ")).slice(0, 80);
    return chars.filter(function (c) { return !/^[\ud800-\udfff]$/.test(c); }).join("");
  }

  function parseHash(hash) {
    var params = Object.create(null);
    hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var i = pair.indexOf("=");
      var key = decode(pair.slice(0, i));
      var value = decode(pair.slice(i + 1));
      if (i > 0 && key !== null && value !== null) { params[key] = value; }
    });
    var role = rolesById[params.role];
    if (!role) { return null; }
    // Names are split before they are decoded, each on its own: a `|` or `%` typed in a name
    // is encoded, and one broken name loses no other.
    var raw = /(?:^#|&)panel=([^&]*)/.exec(hash);
    var names = raw ? raw[1].split("|") : [];
    var panel = role.rounds.map(function (_, i) { return cleanName(decode(names[i] || "") || ""); });
    var only = Number(params.round);
    only = only >= 1 && only <= role.rounds.length && Math.floor(only) === only ? only : 0;
    var seed = /^[0-9]{1,9}$/.test(params.seed || "") ? Number(params.seed) : undefined;
    if (params.q === undefined) {
      var whole = planOf(role, seed);
      whole.panel = panel;
      whole.round = only;
      return whole;
    }
    var groups = params.q.split("|");
    var seen = Object.create(null);
    var rounds = role.rounds.map(function (_, i) {
      return (groups[i] || "").split(",").filter(Boolean).map(function (token) {
        var on = token.charAt(0) !== "-";
        var id = on ? token : token.slice(1);
        if (!questionsById[id] || seen[id]) { return null; }
        seen[id] = true;
        var group = groupOf(role, i, id);
        return group && group.length > 1 ? { id: id, on: on, group: group } : { id: id, on: on };
      }).filter(Boolean);
    });
    return { role: role.id, rounds: rounds, panel: panel, round: only, seed: validSeed(seed) ? seed : newSeed() };
  }

  function hashOf(plan) {
    var q = plan.rounds.map(function (items) {
      return items.map(function (it) { return (it.on ? "" : "-") + it.id; }).join(",");
    }).join("|");
    var hash = "#role=" + encodeURIComponent(plan.role) + "&q=" + q;
    // The seed matters only to a role whose plan has groups to pick from.
    var role = rolesById[plan.role];
    if (role && hasGroups(role) && validSeed(plan.seed)) { hash += "&seed=" + plan.seed; }
    if ((plan.panel || []).some(Boolean)) {
      hash += "&panel=" + plan.panel.map(function (n) { return encodeURIComponent(n); }).join("|");
    }
    return hash;
  }

  /* Whether a role's plan has `one_of` groups, of which a plan picks one question each. */
  function hasGroups(role) {
    return role.rounds.some(function (r) {
      return r.items.some(function (item) { return typeof item !== "string"; });
    });
  }

  /* The address of the custom packet for round `n` (from 1) alone, or the whole loop. */
  function packetHash(plan, n) {
    return hashOf(plan) + (n ? "&round=" + n : "");
  }

  function selectedIds(plan) {
    var ids = [];
    plan.rounds.forEach(function (items) { items.forEach(function (it) { if (it.on) { ids.push(it.id); } }); });
    return ids;
  }

  function minutesOf(items) {
    return items.reduce(function (sum, it) { return sum + (it.on ? questionsById[it.id].minutes : 0); }, 0);
  }

  function remember(hash) {
    try { localStorage.setItem(STORAGE_KEY, hash); } catch (e) { /* storage may be off */ }
  }

  function remembered() {
    try { return localStorage.getItem(STORAGE_KEY); } catch (e) { return null; }
  }

  function metaText(q) {
    var parts = [data.topics[q.topic].title];
    if (q.levels.length) { parts.push(q.levels.map(function (l) { return t("level." + l); }).join(", ")); }
    parts.push(t("common.min", { n: q.minutes }));
    if (q.dimensions.length) { parts.push(q.dimensions.map(function (d) { return dimensionNames[d] || d; }).join(", ")); }
    return parts.join(" · ");
  }

  // ---- the planning page --------------------------------------------------------------------
  var planner = document.getElementById("planner");
  if (planner) { initPlanner(); }

  function initPlanner() {
    var plan = null;
    var bankLimit = 50;
    var roundsBox = planner.querySelector("[data-rounds]");
    var status = planner.querySelector("[data-status]");
    var coverageList = planner.querySelector("[data-coverage]");
    var coverageNote = planner.querySelector("[data-coverage-note]");
    var bankList = planner.querySelector("[data-bank]");
    var bankCount = planner.querySelector("[data-bank-count]");
    var bankMore = planner.querySelector("[data-bank-more]");
    var printLink = planner.querySelector("[data-print-link]");
    var panelToggle = planner.querySelector("[data-panel-toggle]");
    var panelView = planner.querySelector("[data-panel-view]");
    var panelList = planner.querySelector("[data-panel-list]");
    panelToggle.addEventListener("click", function () {
      panelView.hidden = !panelView.hidden;
      panelToggle.setAttribute("aria-expanded", panelView.hidden ? "false" : "true");
      if (!panelView.hidden) { renderPanel(); }
    });
    planner.querySelector("[data-panel-copy]").addEventListener("click", function (event) {
      var button = event.currentTarget;
      var text = panelLines().join("\n");
      var done = function () { button.textContent = t("roles.copied"); setTimeout(function () { button.textContent = t("roles.copy_all"); }, 2000); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { window.prompt(t("roles.copy_this"), text); });
      } else {
        window.prompt(t("roles.copy_this"), text);
      }
    });
    var filters = {
      text: planner.querySelector("[data-filter=text]"),
      topic: planner.querySelector("[data-filter=topic]"),
      level: planner.querySelector("[data-filter=level]"),
      dimension: planner.querySelector("[data-filter=dimension]")
    };
    data.topics.forEach(function (t, i) { filters.topic.appendChild(el("option", { value: String(i), text: t.title })); });
    Object.keys(dimensionNames).sort(function (a, b) { return dimensionNames[a].localeCompare(dimensionNames[b]); })
      .forEach(function (id) { filters.dimension.appendChild(el("option", { value: id, text: dimensionNames[id] })); });

    Object.keys(filters).forEach(function (k) {
      filters[k].addEventListener(k === "text" ? "input" : "change", function () { bankLimit = 50; renderBank(); });
    });
    bankMore.addEventListener("click", function () { bankLimit += 50; renderBank(); });

    planner.querySelector("[data-reset]").addEventListener("click", function () {
      if (plan) { setPlan(planOf(rolesById[plan.role], plan.seed), true); }
    });
    planner.querySelector("[data-copy-link]").addEventListener("click", function (event) {
      var button = event.currentTarget;
      var done = function () { button.textContent = t("roles.link_copied"); setTimeout(function () { button.textContent = t("roles.copy_link"); }, 2000); };
      if (navigator.clipboard && location.protocol !== "file:") {
        navigator.clipboard.writeText(location.href).then(done, function () { window.prompt(t("roles.copy_this_link"), location.href); });
      } else {
        window.prompt(t("roles.copy_this_link"), location.href);
      }
    });

    document.querySelectorAll("[data-choose-role]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var role = rolesById[link.getAttribute("data-choose-role")];
        setPlan(planOf(role), true);
        planner.querySelector("#planner-title").focus();
      });
    });
    planner.querySelector("#planner-title").setAttribute("tabindex", "-1");

    window.addEventListener("hashchange", function () {
      planFromHash(location.hash).then(function (parsed) {
        if (parsed && hashOf(parsed) !== (plan && hashOf(plan))) { setPlan(parsed, false); }
      });
    });

    planFromHash(location.hash).then(function (initial) {
      if (initial || location.hash) { return initial; }
      var saved = remembered();
      return saved ? planFromHash(saved) : null;
    }).then(function (initial) { if (initial) { setPlan(initial, true); } });

    /* The plan into the address (when asked) and the browser's memory. */
    function save(updateUrl) {
      var hash = hashOf(plan);
      if (updateUrl && location.hash !== hash) { history.replaceState(null, "", hash); }
      remember(hash);
    }

    /* The links that carry the plan: the packet's, each round's, the panel's. */
    function links() {
      printLink.setAttribute("href", "packet.html" + hashOf(plan));
      roundsBox.querySelectorAll("[data-round-print]").forEach(function (a) {
        a.setAttribute("href", "packet.html" + packetHash(plan, Number(a.getAttribute("data-round-print")) + 1));
      });
      roundsBox.querySelectorAll("[data-round-score]").forEach(function (a) {
        a.setAttribute("href", "score.html" + packetHash(plan, Number(a.getAttribute("data-round-score")) + 1));
      });
      if (!panelView.hidden) { renderPanel(); }
    }

    /* Keeps a change that needs no new rendering (a name being typed). */
    function keep() {
      save(true);
      links();
    }

    function packetUrl(n) {
      return new URL("packet.html" + packetHash(plan, n), location.href).href;
    }

    function panelLines() {
      var role = rolesById[plan.role];
      return role.rounds.map(function (round, r) {
        var who = plan.panel[r] || "(" + t("roles.no_interviewer") + ")";
        return t("roles.panel_line", { n: r + 1, name: round.name, minutes: round.minutes, who: who, url: packetUrl(r + 1) });
      });
    }

    function renderPanel() {
      var role = rolesById[plan.role];
      panelList.textContent = "";
      role.rounds.forEach(function (round, r) {
        panelList.appendChild(el("li", { "data-panel-round": String(r) }, [
          el("strong", { text: plan.panel[r] || t("roles.no_interviewer") }),
          document.createTextNode(" · " + t("common.round_title", { n: r + 1, name: round.name }) + " (" + t("common.min", { n: round.minutes }) + ") · "),
          el("a", { href: packetUrl(r + 1), text: t("roles.round_packet_link") })
        ]));
      });
    }

    function setPlan(next, updateUrl) {
      plan = next;
      save(updateUrl);
      render();
    }

    /* Applies a change, then puts focus back on the equivalent control. */
    function change(mutate, focus) {
      mutate();
      setPlan(plan, true);
      if (focus) {
        var target = roundsBox.querySelector(focus) || roundsBox.querySelector("h3");
        if (target) { target.focus(); }
      }
    }

    function render() {
      var role = rolesById[plan.role];
      planner.hidden = false;
      planner.querySelector("[data-role-title]").textContent = role.title;
      document.querySelectorAll("[data-role-card]").forEach(function (card) {
        card.classList.toggle("chosen", card.getAttribute("data-role-card") === plan.role);
      });
      renderRounds(role);
      links();
      renderCoverage(role);
      renderBank();
      renderStatus(role);
      padForHead();
    }

    /* The plan's head sticks below the site header: keyboard focus and anchors must land
       below both (WCAG 2.4.11), so the page's scroll padding is their height. */
    var head = planner.querySelector(".planner-head");
    function padForHead() {
      var style = window.getComputedStyle(head);
      var pad = style.position === "sticky"
        ? (parseFloat(style.top) || 0) + head.getBoundingClientRect().height + 8 : 0;
      document.documentElement.style.scrollPaddingTop = pad ? pad + "px" : "";
    }
    window.addEventListener("resize", function () { if (!planner.hidden) { padForHead(); } });

    function renderRounds(role) {
      roundsBox.textContent = "";
      role.rounds.forEach(function (round, r) {
        var items = plan.rounds[r];
        var minutes = minutesOf(items);
        var over = minutes > round.minutes;
        var total = el("span", { className: "round-total" + (over ? " over" : ""), "data-round-total": String(r),
          text: t(over ? "roles.round_total_over" : "roles.round_total", { planned: minutes, minutes: round.minutes }) });
        var heading = el("h3", { tabindex: "-1", id: "round-" + r }, [document.createTextNode(t("common.round_title", { n: r + 1, name: round.name }) + " "), total]);
        var list = el("ol", { className: "planner-list" });
        items.forEach(function (it, i) { list.appendChild(itemRow(role, r, i, it)); });
        // Who runs the round, its own packet, and what it is meant to assess.
        var name = el("input", { type: "text", "data-panel-name": String(r), autocomplete: "off",
          placeholder: t("roles.name_placeholder"), maxlength: "80" });
        name.value = plan.panel[r] || "";
        name.addEventListener("input", function () { plan.panel[r] = cleanName(name.value); keep(); });
        var tools = el("div", { className: "round-tools" }, [
          el("label", { className: "round-who" }, [document.createTextNode(t("roles.interviewer") + " "), name]),
          el("a", { className: "round-print", "data-round-print": String(r), href: "packet.html" + packetHash(plan, r + 1),
            text: t("roles.print_round") }),
          el("a", { className: "round-print", "data-round-score": String(r), href: "score.html" + packetHash(plan, r + 1),
            text: t("roles.score_round") })
        ]);
        var focus = null;
        if (round.dimensions && round.dimensions.length) {
          var asked = items.filter(function (it) { return it.on; });
          focus = el("p", { className: "round-focus", "data-round-focus": String(r) }, [document.createTextNode(t("roles.assesses") + " ")]);
          round.dimensions.forEach(function (d, k) {
            var backed = asked.some(function (it) { return questionsById[it.id].dimensions.indexOf(d) >= 0; });
            if (k) { focus.appendChild(document.createTextNode(", ")); }
            focus.appendChild(el("span", { className: backed ? "covered" : "uncovered", "data-dimension": d,
              text: (dimensionNames[d] || d) + (backed ? " ✓" : " " + t("roles.evidence_missing")) }));
          });
        }
        var section = el("section", { className: "planner-round", "data-round": String(r), "aria-labelledby": "round-" + r },
          [heading, tools, focus, items.length ? list : el("p", { className: "muted", text: t("roles.round_empty") })]);
        roundsBox.appendChild(section);
      });
    }

    function itemRow(role, r, i, it) {
      var q = questionsById[it.id];
      var key = r + "-" + it.id;
      var box = el("input", { type: "checkbox", id: "sel-" + key, "data-toggle": it.id });
      box.checked = it.on;
      box.addEventListener("change", function () {
        change(function () { it.on = box.checked; }, "#sel-" + cssId(key));
      });
      var label = el("label", { "for": "sel-" + key, dir: "auto", text: q.title });
      var link = el("a", { href: root + q.href, className: "planner-open", text: t("roles.open"), "aria-label": t("roles.open_label", { title: q.title }) });
      var up = el("button", { type: "button", className: "icon", "data-up": it.id, "aria-label": t("roles.up_label", { title: q.title }), text: "↑" });
      var down = el("button", { type: "button", className: "icon", "data-down": it.id, "aria-label": t("roles.down_label", { title: q.title }), text: "↓" });
      up.disabled = i === 0;
      down.disabled = i === plan.rounds[r].length - 1;
      up.addEventListener("click", function () {
        change(function () { swap(plan.rounds[r], i, i - 1); }, "[data-up=\"" + it.id + "\"]:not(:disabled), [data-down=\"" + it.id + "\"]");
      });
      down.addEventListener("click", function () {
        change(function () { swap(plan.rounds[r], i, i + 1); }, "[data-down=\"" + it.id + "\"]:not(:disabled), [data-up=\"" + it.id + "\"]");
      });
      var move = el("select", { "data-move": it.id, "aria-label": t("roles.move_label", { title: q.title }) });
      role.rounds.forEach(function (round, j) {
        var option = el("option", { value: String(j), text: t("common.round_n", { n: j + 1 }) });
        if (j === r) { option.selected = true; }
        move.appendChild(option);
      });
      move.addEventListener("change", function () {
        var to = Number(move.value);
        change(function () {
          plan.rounds[r].splice(i, 1);
          plan.rounds[to].push(it);
        }, "[data-move=\"" + it.id + "\"]");
      });
      var remove = el("button", { type: "button", className: "icon", "data-remove": it.id, "aria-label": t("roles.remove_label", { title: q.title }), text: "✕" });
      remove.addEventListener("click", function () {
        var next = plan.rounds[r][i + 1] || plan.rounds[r][i - 1];
        change(function () { plan.rounds[r].splice(i, 1); }, next ? "#sel-" + cssId(r + "-" + next.id) : "#round-" + r);
      });
      // A question not meant for the role's level says so (it may still be the right one).
      var roleLevel = rolesById[plan.role].level;
      var offLevel = roleLevel && q.levels.length && q.levels.indexOf(roleLevel) < 0;
      var meta = el("span", { className: "meta", text: metaText(q) });
      if (offLevel) {
        meta.appendChild(el("span", { className: "level-mismatch", "data-level-mismatch": "",
          text: t("roles.off_level", { level: t("level." + roleLevel) }) }));
      }
      // A question picked from a group: say so, and let the interviewer pick another of it.
      var rotation = null;
      if (it.group && it.group.length > 1) {
        // The next question of the group that is not already in the plan, if any.
        var inPlan = Object.create(null);
        plan.rounds.forEach(function (items) { items.forEach(function (other) { inPlan[other.id] = true; }); });
        var at = it.group.indexOf(it.id), next = null;
        for (var step = 1; step < it.group.length && next === null; step++) {
          var candidate = it.group[(at + step) % it.group.length];
          if (!inPlan[candidate]) { next = candidate; }
        }
        var again = el("button", { type: "button", className: "repick", "data-repick": it.id, text: t("roles.pick_another") });
        // Every other question of the group is in the plan already: nothing to pick.
        again.disabled = next === null;
        again.addEventListener("click", function () {
          if (next === null) { return; }
          change(function () { it.id = next; }, "[data-repick=\"" + next + "\"]");
        });
        rotation = el("span", { className: "planner-group", "data-group": String(it.group.length) }, [
          el("span", { className: "badge", text: t("common.ask_one_of", { n: it.group.length }) }), again
        ]);
      }
      return el("li", { className: "planner-item" + (it.on ? "" : " excluded"), "data-q": it.id }, [
        box, label, meta, rotation,
        el("span", { className: "item-tools" }, [link, up, down, move, remove])
      ]);
    }

    function renderCoverage(role) {
      coverageList.textContent = "";
      var scorecard = role.scorecard && scorecardsById[role.scorecard];
      if (!scorecard) {
        coverageNote.textContent = t("roles.no_scorecard");
        return;
      }
      coverageNote.textContent = t("roles.coverage_note", { scorecard: scorecard.title });
      var selected = selectedIds(plan);
      // Which rounds are meant to assess each dimension, once the rounds say so.
      var claimed = role.rounds.some(function (r) { return r.dimensions && r.dimensions.length; });
      scorecard.dimensions.forEach(function (d) {
        var n = selected.filter(function (id) { return questionsById[id].dimensions.indexOf(d.id) >= 0; }).length;
        var rounds = [];
        role.rounds.forEach(function (r, i) { if ((r.dimensions || []).indexOf(d.id) >= 0) { rounds.push(i + 1); } });
        var where = !claimed ? null
          : rounds.length === 0 ? t("roles.no_round_assesses")
          : rounds.length === role.rounds.length && rounds.length > 1 ? t("roles.every_round_assesses")
          : t("roles.assessed_in", { n: rounds.length, rounds: rounds.join(", ") });
        coverageList.appendChild(el("li", { className: n ? "covered" : "uncovered", "data-dimension": d.id }, [
          el("span", { className: "coverage-mark", "aria-hidden": "true", text: n ? "✓" : "!" }),
          el("span", { className: "coverage-name", text: d.name }),
          el("span", { className: "coverage-count", text: n ? t("common.question_count", { n: n }) : t("roles.uncovered_short") }),
          where ? el("span", { className: "coverage-rounds" + (rounds.length ? "" : " uncovered"), "data-coverage-rounds": "", text: where }) : null
        ]));
      });
    }

    function renderStatus(role) {
      var selected = selectedIds(plan);
      var minutes = plan.rounds.reduce(function (sum, items) { return sum + minutesOf(items); }, 0);
      var budget = role.rounds.reduce(function (sum, r) { return sum + r.minutes; }, 0);
      var parts = [t("roles.status", { questions: t("common.question_count", { n: selected.length }), planned: minutes, minutes: budget })];
      role.rounds.forEach(function (round, r) {
        var m = minutesOf(plan.rounds[r]);
        if (m > round.minutes) { parts.push(t("roles.round_over", { n: r + 1, planned: m, minutes: round.minutes })); }
      });
      var scorecard = role.scorecard && scorecardsById[role.scorecard];
      if (scorecard) {
        var missing = scorecard.dimensions.filter(function (d) {
          return !selected.some(function (id) { return questionsById[id].dimensions.indexOf(d.id) >= 0; });
        }).map(function (d) { return d.name; });
        if (missing.length) { parts.push(t("roles.not_covered", { dimensions: missing.join(", ") })); }
      }
      status.textContent = parts.join(" ");
      status.classList.toggle("warn", parts.length > 1);
    }

    function renderBank() {
      if (!plan) { return; }
      var topic = filters.topic.value;
      // The bank files this view needs: its topic's, or every one when all topics may show.
      var needed = topic !== "" ? [data.topics[Number(topic)].bank]
        : data.all_topics ? data.banks.map(function (_, i) { return i; }) : [];
      if (topic === "" && !data.all_topics) {
        var total = data.topics.reduce(function (n, t) { return n + t.count; }, 0);
        bankList.textContent = "";
        bankCount.textContent = t("roles.choose_topic", { n: total });
        bankMore.hidden = true;
        return;
      }
      var missing = needed.filter(function (b) { return !loading[data.banks[b]]; });
      if (missing.length) {
        bankCount.textContent = t("roles.loading");
        Promise.all(missing.map(function (b) { return loadOnce(data.banks[b]); })).then(renderBank, function () {
          bankCount.textContent = t("roles.load_failed");
        });
        return;
      }
      var pool = [];
      data.topics.forEach(function (t, i) {
        if (topic === "" || String(i) === topic) { pool = pool.concat(bankByTopic[i] || []); }
      });
      var inPlan = Object.create(null);
      plan.rounds.forEach(function (items) { items.forEach(function (it) { inPlan[it.id] = true; }); });
      var words = filters.text.value.toLowerCase().split(/\s+/).filter(Boolean);
      var level = filters.level.value, dimension = filters.dimension.value;
      var matches = pool.filter(function (q) {
        if (inPlan[q.id]) { return false; }
        if (topic !== "" && String(q.topic) !== topic) { return false; }
        if (level && q.levels.indexOf(level) < 0) { return false; }
        if (dimension && q.dimensions.indexOf(dimension) < 0) { return false; }
        var hay = (q.title + " " + data.topics[q.topic].title).toLowerCase();
        return words.every(function (w) { return hay.indexOf(w) >= 0; });
      });
      bankList.textContent = "";
      var role = rolesById[plan.role];
      matches.slice(0, bankLimit).forEach(function (q) {
        var to = el("select", { "aria-label": t("roles.round_for_label", { title: q.title }) });
        role.rounds.forEach(function (round, j) { to.appendChild(el("option", { value: String(j), text: t("common.round_title", { n: j + 1, name: round.name }) })); });
        var add = el("button", { type: "button", className: "button", "data-add": q.id, text: t("roles.add"), "aria-label": t("roles.add_label", { title: q.title }) });
        add.addEventListener("click", function () {
          var r = Number(to.value);
          change(function () { plan.rounds[r].push({ id: q.id, on: true }); }, "#sel-" + cssId(r + "-" + q.id));
        });
        bankList.appendChild(el("li", { className: "bank-item", "data-q": q.id }, [
          el("a", { href: root + q.href, dir: "auto", text: q.title }),
          el("span", { className: "meta", text: metaText(q) }),
          el("span", { className: "bank-tools" }, [to, add])
        ]));
      });
      bankCount.textContent = matches.length === 0 ? t("roles.bank_none") : t("roles.bank_count", { n: matches.length });
      bankMore.hidden = matches.length <= bankLimit;
    }
  }

  function swap(list, i, j) {
    if (j < 0 || j >= list.length) { return; }
    var t = list[i]; list[i] = list[j]; list[j] = t;
  }

  function cssId(s) { return s.replace(/[^a-zA-Z0-9_-]/g, "\\$&"); }

  // ---- the custom packet page ---------------------------------------------------------------
  var packet = document.querySelector("[data-custom-packet]");
  if (packet) { initPacket(); }

  function initPacket() {
    // Another round or plan in the same tab: the page is filled afresh.
    window.addEventListener("hashchange", function () { location.reload(); });
    withPlan(function (plan, meta) { fill(rolesById[plan.role], plan, blocks, meta); });
  }

  /* Calls `then` with the plan in the address (or, with none, the one last planned) once its
     questions' blocks and the scorecard and checklist sheets are loaded. */
  function withPlan(then) {
    var meta = null;
    window.__hirebookPacketMeta = function (m) { meta = m; };
    planFromHash(location.hash).then(function (plan) {
      if (plan || location.hash) { return plan; }
      var saved = remembered();
      return saved ? planFromHash(saved) : null;
    }).then(function (plan) {
      if (!plan) { return; }
      var loads = [loadQuestions(selectedIds(plan), true), loadOnce(data.packet_meta)];
      Promise.all(loads).then(function () { then(plan, meta); });
    });
  }

  // ---- the scoring page of a custom plan ----------------------------------------------------
  var scoreSheet = document.querySelector("[data-custom-score]");
  if (scoreSheet) { initScore(); }

  function initScore() {
    // Another plan in the same tab: the page is filled afresh (score.js follows `round=`).
    window.addEventListener("hashchange", function (event) {
      var plan = function (url) { return url.replace(/^[^#]*/, "").replace(/&round=\d+/, ""); };
      if (plan(event.oldURL) !== plan(event.newURL)) { location.reload(); }
    });
    withPlan(fillScore);
  }

  /* The scoring sheet of `plan`, from the questions' pre-rendered scoring blocks and the
     scorecard's fields, numbered as the custom packet numbers them; then score.js takes over. */
  function fillScore(plan, meta) {
    var role = rolesById[plan.role];
    var address = hashOf(plan);
    // The address names the plan's questions from now on (one picked at random from a group,
    // or the plan last planned, would be another plan after a reload).
    var wanted = address + (plan.round ? "&round=" + plan.round : "");
    if (location.hash !== wanted) { history.replaceState(null, "", wanted); }
    var sheet = scoreSheet;
    sheet.setAttribute("data-role", role.id);
    sheet.setAttribute("data-role-title", role.title);
    // The role's own plan, unchanged, is scored as the role's own plan; a custom one is
    // recorded by its questions (the interviewers' names stay out of the score files).
    var questions = hashOf({ role: plan.role, rounds: plan.rounds, seed: plan.seed });
    var own = !hasGroups(role) && hashOf(planOf(role)) === questions;
    sheet.setAttribute("data-plan", own ? "role" : "custom");
    sheet.setAttribute("data-plan-address", questions);
    var title = t("score.title", { role: role.title });
    sheet.querySelector("[data-score-title]").textContent = title;
    var site = document.title.replace(/^.*· /, "");
    document.title = t("common.page_title", { title: title, site: site });
    sheet.querySelector("[data-adjust]").setAttribute("href", "index.html" + address);
    var select = sheet.querySelector('[data-head="round"]');
    var box = sheet.querySelector("[data-score-rounds]");
    var number = 0;
    role.rounds.forEach(function (round, r) {
      var name = t("common.round_title", { n: r + 1, name: round.name });
      select.appendChild(el("option", { value: String(r + 1), text: name }));
      var section = el("section", { className: "score-round", "data-round": String(r + 1), "data-round-name": round.name,
        "data-dimensions": (round.dimensions || []).join(" ") }, [
        el("h2", {}, [document.createTextNode(name + " "), el("span", { className: "muted", text: t("common.min", { n: round.minutes }) })])
      ]);
      section.hidden = r > 0;
      var items = plan.rounds[r].filter(function (it) { return it.on && scoreBlocks[it.id]; });
      items.forEach(function (it) {
        number += 1;
        var holder = document.createElement("div");
        // Rendered and sanitised by hirebook at build time, from the same component as each
        // role's scoring page.
        holder.innerHTML = scoreBlocks[it.id];
        var block = holder.firstElementChild;
        if (block) {
          block.querySelector(".number").textContent = String(number);
          section.appendChild(block);
        }
      });
      if (!items.length) { section.appendChild(el("p", { className: "muted", text: t("role.no_questions") })); }
      box.appendChild(section);
    });
    if (meta && role.scorecard && meta.score_sheets && meta.score_sheets[role.scorecard]) {
      sheet.querySelector("[data-score-scorecard]").innerHTML = meta.score_sheets[role.scorecard];
    }
    var missing = document.querySelector("[data-packet-missing]");
    if (missing) { missing.hidden = true; }
    sheet.hidden = false;
    sheet.setAttribute("data-ready", "true");
    document.dispatchEvent(new CustomEvent("hirebook:score-sheet"));
  }

  function fill(role, plan, parts, meta) {
    packet.querySelector(".packet-role").textContent = role.title;
    var site = document.title.replace(/^.*· /, "");
    document.title = t("common.page_title", { title: t("packet.title_role", { role: role.title }), site: site });
    packet.querySelector("[data-adjust]").setAttribute("href", "index.html" + hashOf(plan));
    var scoreLink = packet.querySelector("[data-score-link]");
    if (scoreLink) { scoreLink.setAttribute("href", "score.html" + packetHash(plan, plan.round || 0)); }
    var tbody = packet.querySelector(".packet-plan tbody");
    var roundsBox = packet.querySelector(".packet-rounds");
    var number = 0;
    var only = plan.round || 0;
    var panel = plan.panel || [];
    if (only) {
      var chosen = role.rounds[only - 1];
      packet.querySelector(".packet-kicker").textContent = t("packet.kicker_round", { n: only, rounds: role.rounds.length, site: site });
      packet.querySelector("[data-fill=round]").textContent = only + ". " + chosen.name;
    }
    if (only && panel[only - 1]) { packet.querySelector("[data-fill=interviewer]").textContent = panel[only - 1]; }
    // Every printed sheet names the role, and the round and interviewer of a round's packet.
    var sheet = [site, role.title];
    if (only) { sheet.push(t("common.round_n", { n: only }) + (panel[only - 1] ? ", " + panel[only - 1] : "")); }
    var css = sheet.join(" · ").replace(/\\/g, "\\\\").replace(/"/g, "\\\"").replace(/[\r\n]/g, " ");
    var corner = window.__hirebook.rtl ? "@top-right" : "@top-left";
    document.head.appendChild(el("style", { text: "@page { " + corner + " { content: \"" + css + "\"; } }" }));
    role.rounds.forEach(function (round, r) {
      var items = plan.rounds[r].filter(function (it) { return it.on; });
      var numbers = [];
      var section = el("section", { className: "packet-round", id: "round-" + (r + 1) });
      var heading = el("h2", { className: "round-title" }, [
        document.createTextNode(t("common.round_title", { n: r + 1, name: round.name }) + " "),
        el("span", { className: "round-time", text: t("common.min", { n: round.minutes }) })
      ]);
      section.appendChild(heading);
      items.forEach(function (it) {
        number += 1;
        numbers.push("Q" + number);
        var holder = document.createElement("div");
        // Rendered and sanitised by hirebook at build time, from the same template as the
        // standard packets.
        holder.innerHTML = parts[it.id] || "";
        var block = holder.firstElementChild;
        if (block) {
          block.querySelector(".pq-number").textContent = "Q" + number + ".";
          section.appendChild(el("p", { className: "pq-round", text: t("common.round_title", { n: r + 1, name: round.name }) }));
          section.appendChild(block);
        }
      });
      if (!items.length) { section.appendChild(el("p", { className: "muted", text: t("packet.no_questions") })); }
      if (!only || only === r + 1) { roundsBox.appendChild(section); }
      var current = only === r + 1;
      tbody.appendChild(el("tr", { className: current ? "current" : "" }, [
        el("td", { text: (r + 1) + ". " + round.name + (current ? " " + t("packet.this_round") : "") }),
        el("td", { text: numbers.length ? numbers.join(", ") : t("packet.none") }),
        el("td", { text: t("packet.planned", { planned: minutesOf(items), minutes: round.minutes }) }),
        el("td", { className: "plan-who", text: panel[r] || "" })
      ]));
    });
    if (meta && role.scorecard && meta.scorecards[role.scorecard]) {
      packet.querySelector(".packet-scorecard").innerHTML = meta.scorecards[role.scorecard];
      // A round's packet holds the dimensions that round assesses, when it names them.
      var focus = only ? role.rounds[only - 1].dimensions || [] : [];
      if (focus.length) {
        packet.querySelectorAll(".packet-scorecard [data-dimension]").forEach(function (d) {
          if (focus.indexOf(d.getAttribute("data-dimension")) < 0) { d.remove(); }
        });
      }
    }
    var reminder = packet.querySelector("[data-reminder]");
    if (reminder && meta && role.scorecard && meta.reminders && meta.reminders[role.scorecard]) {
      reminder.querySelector(".reminder-text").innerHTML = meta.reminders[role.scorecard];
      reminder.hidden = false;
    }
    var lists = packet.querySelector(".packet-checklists");
    role.checklists.forEach(function (id) {
      if (meta && meta.checklists[id]) { lists.insertAdjacentHTML("beforeend", meta.checklists[id]); }
    });
    var missing = document.querySelector("[data-packet-missing]");
    if (missing) { missing.hidden = true; }
    packet.hidden = false;
    packet.setAttribute("data-ready", "true");
  }
})();
