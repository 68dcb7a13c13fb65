// Checks Cypher files with Neo4j's own parser and prints the findings as JSON.
// Usage: node tests/tools/lint_cypher.mjs FILE...
// Output: [{"file": ..., "severity": ..., "message": ..., "line": ...}, ...]
import { readFileSync } from 'node:fs';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const findings = [];
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const { diagnostics } = lintCypherQuery(text, {});
  for (const diagnostic of diagnostics) {
    findings.push({
      file,
      severity: diagnostic.severity,
      message: diagnostic.message,
      line: (diagnostic.range?.start?.line ?? 0) + 1,
    });
  }
}
process.stdout.write(JSON.stringify(findings));
