// Runs hirebook's search engine (themes/default/static/search.js, as built into a site) in
// Node, exactly as the browser would, for the Rust tests and the benchmark.
//
//   node run.js text <cases.json>                 the terms of each input
//   node run.js queries <site dir> <queries.json> the top results of each query, with timing
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

function engineFor(site) {
  const home = fs.readFileSync(path.join(site, "index.html"), "utf8");
  const script = home.match(/<script src="([^"]*search-[0-9a-f]+\.js)"/);
  const index = home.match(/data-search-index="([^"]+)"/);
  if (!script || !index) throw new Error("no search script or index in " + site);
  const context = vm.createContext({ console });
  const loaded = [];
  const run = (rel) => {
    const text = fs.readFileSync(path.join(site, rel), "utf8");
    loaded.push({ file: rel, bytes: Buffer.byteLength(text) });
    vm.runInContext(text, context, { filename: rel });
  };
  run(script[1]);
  const api = context.__hirebookSearchEngine;
  const load = (rel) => new Promise((resolve) => { run(rel); resolve(); });
  return { api, engine: () => new api.Engine(index[1], load), loaded };
}

async function main() {
  const [mode, a, b] = process.argv.slice(2);
  if (mode === "text") {
    const source = fs.readFileSync(path.join(__dirname, "../../themes/default/static/search.js"), "utf8");
    const context = vm.createContext({});
    vm.runInContext(source, context);
    const cases = JSON.parse(fs.readFileSync(a, "utf8"));
    const out = cases.map((c) => ({ input: c.input, terms: Array.from(context.__hirebookSearchEngine.terms(c.input)) }));
    process.stdout.write(JSON.stringify(out));
    return;
  }
  if (mode === "queries") {
    const queries = JSON.parse(fs.readFileSync(b, "utf8"));
    const out = [];
    for (const q of queries) {
      // A fresh engine per query: what a reader's first search costs.
      const { api, engine, loaded } = engineFor(a);
      const e = engine();
      loaded.length = 0;
      // What focusing the search box loads: the manifest, the facets, and a small index whole.
      await e.ready();
      const readyBytes = loaded.reduce((s, f) => s + f.bytes, 0);
      loaded.length = 0;
      const t0 = process.hrtime.bigint();
      const first = await e.search(q.query, q.filters || {}, 10);
      const t1 = process.hrtime.bigint();
      // Warm: the same query again, with everything loaded and decoded (median of 5).
      const warm = [];
      for (let i = 0; i < 5; i++) {
        const t2 = process.hrtime.bigint();
        await e.search(q.query, q.filters || {}, 10);
        warm.push(Number(process.hrtime.bigint() - t2) / 1e6);
      }
      warm.sort((x, y) => x - y);
      out.push({
        query: q.query,
        top: first.results.slice(0, 3).map((r) => r.url),
        // What the first result's title shows marked.
        marked: first.results.length
          ? Array.from(api.excerpt(first.results[0].title, first.matched, first.terms)).filter((s) => s.mark).map((s) => s.text)
          : [],
        total: first.total,
        facets: first.facets,
        first_ms: Number(t1 - t0) / 1e6,
        warm_ms: warm[2],
        loaded_bytes: loaded.reduce((s, f) => s + f.bytes, 0),
        ready_bytes: readyBytes,
      });
    }
    process.stdout.write(JSON.stringify(out));
    return;
  }
  throw new Error("usage: run.js text CASES | queries SITE QUERIES");
}

main().catch((e) => { console.error(e); process.exit(1); });
