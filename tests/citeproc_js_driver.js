// Renders CSL-JSON items with citeproc-js (npm package "citeproc"), our
// reference processor.  Reads one JSON request on stdin:
//   {"locales": DIR, "jobs": [{"style": FILE, "lang": "en-US", "items": [...]}]}
// and writes, per job, {"entries": [...]} (plain text, one string an entry),
// or {"citations": [...]} (one a record) for a style without a bibliography,
// or {"error": "..."}.  Finds the package through NODE_PATH or CITEPROC_JS.
"use strict";
const fs = require("fs");
const path = require("path");

function load() {
  const where = process.env.CITEPROC_JS;
  return require(where ? where : "citeproc");
}

function render(CSL, locales, job) {
  const byId = {};
  for (const item of job.items) byId[String(item.id)] = item;
  const sys = {
    retrieveLocale: (lang) => {
      const file = path.join(locales, `locales-${lang}.xml`);
      return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
    },
    retrieveItem: (id) => byId[String(id)],
  };
  const style = fs.readFileSync(job.style, "utf8");
  const engine = new CSL.Engine(sys, style, job.lang || "en-US", true);
  engine.setOutputFormat("text");
  const ids = job.items.map((item) => String(item.id));
  engine.updateItems(ids);
  const bibliography = engine.makeBibliography();
  if (bibliography) {
    return {entries: bibliography[1].map((text) => text.trim()), ids: bibliography[0].entry_ids.map((e) => e[0])};
  }
  return {citations: ids.map((id) => engine.makeCitationCluster([{id}]))};
}

function main() {
  const CSL = load();
  const request = JSON.parse(fs.readFileSync(0, "utf8"));
  const results = request.jobs.map((job) => {
    try {
      return render(CSL, request.locales, job);
    } catch (error) {
      return {error: String(error && error.message || error)};
    }
  });
  process.stdout.write(JSON.stringify(results));
}

main();
