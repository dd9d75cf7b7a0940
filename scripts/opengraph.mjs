// Reads each HTML file named on the command line with open-graph-scraper (the parser behind many
// link-preview services) and prints {file: result} as JSON: what a service's card would use.
import { readFile } from "node:fs/promises";
import ogs from "open-graph-scraper";

const found = {};
for (const file of process.argv.slice(2)) {
  const { result } = await ogs({ html: await readFile(file, "utf8") });
  found[file] = result;
}
process.stdout.write(JSON.stringify(found));
