// Figures of a Stryker JSON report (mutation-testing-report-schema): per file
// and in total, mutants by status and the score (killed + timeout over all
// that were tested, i.e. without ignored / compile errors). Prints Markdown.
//   node test/mutation/summary.mjs [reports/out/mutation/mutation.json] [--survivors]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith('--')) ?? 'reports/out/mutation/mutation.json';
const report = JSON.parse(readFileSync(file, 'utf8'));
const STATUSES = ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'RuntimeError', 'CompileError', 'Ignored'];
const rows = [];
const total = Object.fromEntries(STATUSES.map((status) => [status, 0]));
for (const [name, entry] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0]));
  for (const mutant of entry.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  for (const status of STATUSES) total[status] += counts[status];
  rows.push([name, counts]);
}
const score = (c) => {
  const detected = c.Killed + c.Timeout;
  const valid = detected + c.Survived + c.NoCoverage;
  return valid === 0 ? 'n/a' : `${((100 * detected) / valid).toFixed(1)} %`;
};
const line = (name, c) =>
  `| ${name} | ${c.Killed + c.Timeout + c.Survived + c.NoCoverage} | ${c.Killed} | ${c.Timeout} | ${c.Survived} | ${c.NoCoverage} | ${score(c)} |`;
process.stdout.write('| file | mutants | killed | timed out | survived | no coverage | score |\n|---|---:|---:|---:|---:|---:|---:|\n');
for (const [name, counts] of rows) process.stdout.write(`${line(name, counts)}\n`);
process.stdout.write(`${line('**all**', total)}\n`);
if (args.includes('--survivors')) {
  for (const [name, entry] of Object.entries(report.files)) {
    const source = entry.source.split('\n');
    for (const mutant of entry.mutants) {
      if (mutant.status !== 'Survived' && mutant.status !== 'NoCoverage' && mutant.status !== 'Timeout') continue;
      const { start, end } = mutant.location;
      const original = start.line === end.line ? source[start.line - 1].slice(start.column - 1, end.column - 1) : `${source[start.line - 1].slice(start.column - 1)}…`;
      process.stdout.write(`${mutant.status}\t${name}:${start.line}:${start.column}\t${mutant.mutatorName}\t${JSON.stringify(original).slice(0, 80)} -> ${JSON.stringify(mutant.replacement ?? '').slice(0, 80)}\n`);
    }
  }
}
