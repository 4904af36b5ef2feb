// node test/tools/output-digest.mjs [folder...] > digests.txt
// One line per (folder, format): the SHA-256 of what the built CLI prints, exit code included.
// Run before and after a restructure that should change nothing: `diff` names the folder and
// format that moved. With no folder it digests every fixture; DIGEST_FORMATS=json,table limits
// the formats.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FORMATS = process.env.DIGEST_FORMATS?.split(',') ?? ['table', 'json', 'sarif', 'markdown', 'html', 'compact', 'github'];
const folders = process.argv.length > 2
  ? process.argv.slice(2).map((folder) => resolve(folder))
  : readdirSync(join(ROOT, 'fixtures')).sort().map((name) => join(ROOT, 'fixtures', name));

for (const folder of folders) {
  for (const format of FORMATS) {
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/hidden-state.js'), 'scan', '.', '-f', format, '--fail-on', 'none', '--allow-incomplete', '--instances', '4', '--peak-rps', '2000'],
      { cwd: folder, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000', NO_COLOR: '1', COLUMNS: '160' } },
    );
    const digest = createHash('sha256').update(`${result.status}\n${result.stdout}\n${result.stderr}`).digest('hex').slice(0, 16);
    console.log(`${folder.slice(folder.lastIndexOf('/') + 1).padEnd(24)} ${format.padEnd(9)} ${digest}`);
  }
}
