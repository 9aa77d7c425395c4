// Validates APL documents with Amazon's apl-suggester (StaticAplTemplateValidator).
// Reads [{"name": ..., "document": {...}, "datasources": {...}}, ...] as JSON on stdin;
// writes {name: [{"path", "errorMessage", "level"}, ...]} as JSON on stdout.
const { StaticAplTemplateValidator } = require('apl-suggester');

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const items = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const validator = new StaticAplTemplateValidator();
  const results = {};
  for (const item of items) {
    const found = await validator.validate(item.document);
    const data = item.datasources ? await validator.validateDataSources(item.datasources) : [];
    results[item.name] = found.concat(data).map((r) => ({
      path: r.path, errorMessage: r.errorMessage, level: r.level || 'ERROR' }));
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
