// npm run docs: rewrites README.md's rule sections (the rule table, the precedence order, the rule
// reference) from each rule's metadata, between `<!-- rules:… -->` markers. test/rules-meta.test.ts
// fails when the README is out of step. Run on the built rules (dist/), so it needs no TypeScript loader.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * @typedef {{ id: string, kind: string, title: string, description: string, severity: string, move: string, precedence: number }} RuleMetadata
 */

/** @param {readonly RuleMetadata[]} rules */
function ruleTable(rules) {
  return [
    '| Rule | Kind | Default | Finds |',
    '| --- | --- | --- | --- |',
    ...rules.map((rule) => `| [\`${rule.id}\`](#${rule.id}) | \`${rule.kind}\` | ${rule.severity} | ${rule.title} |`),
  ].join('\n');
}

/** Most specific first: the rule that keeps a holder two rules report. @param {readonly RuleMetadata[]} rules */
function precedenceOrder(rules) {
  const order = [...rules].sort((a, b) => b.precedence - a.precedence).map((rule) => `\`${rule.id}\` (${rule.precedence})`);
  return `When two rules report the same holder, the more specific keeps the line: the one with the higher \`precedence\`. From the most specific: ${order.join(', ')}.`;
}

/** @param {readonly RuleMetadata[]} rules */
function ruleReference(rules) {
  return rules
    .map((rule) =>
      [
        `### ${rule.id}`,
        `${rule.title} — kind \`${rule.kind}\`, default severity ${rule.severity}.`,
        rule.description,
        `Proposed move: ${rule.move}`,
      ].join('\n\n'),
    )
    .join('\n\n');
}

const SECTIONS = { table: ruleTable, precedence: precedenceOrder, reference: ruleReference };

/**
 * The README with every generated section rewritten from the rules' metadata.
 * @param {string} readme @param {readonly RuleMetadata[]} rules @returns {string}
 */
export function updateReadme(readme, rules) {
  let text = readme;
  for (const [name, render] of Object.entries(SECTIONS)) {
    const start = `<!-- rules:${name} (npm run docs writes this section from the rules' metadata) -->`;
    const end = `<!-- /rules:${name} -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end, from);
    if (from < 0 || to < 0) throw new Error(`README.md has no ${start} … ${end} section`);
    text = `${text.slice(0, from + start.length)}\n\n${render(rules)}\n\n${text.slice(to)}`;
  }
  return text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const { RULES } = await import(pathToFileURL(join(root, 'dist/rules/index.js')).href);
  const path = join(root, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const updated = updateReadme(readme, RULES);
  if (updated !== readme) writeFileSync(path, updated);
  console.log(updated === readme ? 'README.md: rule sections already in step' : 'README.md: rule sections rewritten');
}
