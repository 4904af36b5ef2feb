// Expectations written next to fixture code, shared by the fixture test and `npm run accuracy`.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const EXPECT_MARKER = /\/\/\s*expect(-shared)?:\s*([\w\-,\s]+?)\s*$/;

/**
 * The findings a fixture's comments promise: `// expect: rule-id` at the end of a line for an
 * instance-local line, `// expect-shared: rule-id` for an Instance-local N line. As
 * `file:line rule-id Y|N` (file relative to `root`), sorted.
 * @param {string} root @param {string} folder @returns {string[]}
 */
export function expectationsBelow(root, folder) {
  const expected = [];
  for (const path of sourceFilesBelow(folder)) {
    const file = relative(root, path).split('\\').join('/');
    readFileSync(path, 'utf8').split('\n').forEach((line, index) => {
      const match = EXPECT_MARKER.exec(line);
      if (!match) return;
      for (const ruleId of match[2].split(',').map((id) => id.trim()).filter(Boolean)) {
        expected.push(`${file}:${index + 1} ${ruleId} ${match[1] ? 'N' : 'Y'}`);
      }
    });
  }
  return expected.sort();
}

/** Findings in the same shape. @param {readonly {file: string, line: number, ruleId: string, instanceLocal: boolean}[]} findings */
export function describeFindings(findings) {
  return findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.instanceLocal ? 'Y' : 'N'}`).sort();
}

/** The fixture folders (those not starting with `_`), sorted. @param {string} fixtures */
export function fixtureFolders(fixtures) {
  return readdirSync(fixtures, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
    .map((entry) => entry.name)
    .sort();
}

/** @param {string} folder @returns {string[]} */
function sourceFilesBelow(folder) {
  const files = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') files.push(...sourceFilesBelow(path));
    else if (/\.[cm]?[jt]sx?$/.test(entry.name)) files.push(path);
  }
  return files;
}
