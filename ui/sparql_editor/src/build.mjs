// Builds ../frontend/editor.min.js (one minified script) and ../frontend/LICENSE-codemirror.txt
// (the licence texts of every package that went into it). Run with `npm ci && npm run build`.
import {build} from "esbuild";
import {readFileSync, readdirSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const frontend = join(here, "..", "frontend");

const result = await build({
  entryPoints: [join(here, "editor.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "none",
  metafile: true,
  outfile: join(frontend, "editor.min.js"),
});

// The packages bundled: node_modules/<name> or node_modules/@scope/<name> of every input file.
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (match) packages.add(match[1]);
}

const sections = [...packages].sort().map((name) => {
  const folder = join(here, "node_modules", name);
  const meta = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
  const file = readdirSync(folder).find((f) => /^licen[cs]e/i.test(f));
  const text = file ? readFileSync(join(folder, file), "utf8").trim() : `License: ${meta.license}`;
  return `${name} ${meta.version} (${meta.license})\n\n${text}\n`;
});
const header =
  "editor.min.js bundles the following packages. Each is distributed under the licence below.\n";
writeFileSync(join(frontend, "LICENSE-codemirror.txt"), [header, ...sections].join("\n" + "=".repeat(72) + "\n\n"));

const size = readFileSync(join(frontend, "editor.min.js")).length;
console.log(`editor.min.js: ${(size / 1024).toFixed(0)} KiB from ${packages.size} packages`);
