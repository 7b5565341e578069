// Renders CSL-JSON items with citeproc-js (npm package "citeproc"), our
// reference processor.  Reads one JSON request on stdin:
//   {"locales": DIR, "jobs": [{"style": FILE, "lang": "en-US", "items": [...]}]}
// and writes, per job, {"entries": [...]} (one string an entry),
// or {"citations": [...]} (one a record) for a style without a bibliography,
// or {"error": "..."}.  A job's "format" is citeproc-js's output format:
// "text" (the default) or "html" (entries keep their csl-entry division;
// the harness reads it).  Finds the package through NODE_PATH or CITEPROC_JS.
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
  const format = job.format || "text";
  const engine = new CSL.Engine(sys, style, job.lang || "en-US", true);
  engine.setOutputFormat(format);
  const ids = job.items.map((item) => String(item.id));
  engine.updateItems(ids);
  const bibliography = engine.makeBibliography();
  if (bibliography) {
    let entryIds = bibliography[0].entry_ids.map((e) => e[0]);
    if (entryIds.length !== bibliography[1].length) {
      // an entry that prints nothing is left out, but its id is not
      const alone = new CSL.Engine(sys, style, job.lang || "en-US", true);
      alone.setOutputFormat(format);
      entryIds = entryIds.filter((id) => printsAlone(alone, id, format));
    }
    return {entries: bibliography[1].map((text) => text.trim()), ids: entryIds};
  }
  return {citations: ids.map((id) => engine.makeCitationCluster([{id}]))};
}

function printsAlone(engine, id, format) {
  engine.updateItems([id]);
  const bibliography = engine.makeBibliography();
  if (!bibliography || !bibliography[1].length) return false;
  const entry = bibliography[1][0];
  // in HTML an empty entry is still its csl-entry division
  return Boolean((format === "html" ? entry.replace(/<[^>]*>/g, "") : entry).trim());
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
