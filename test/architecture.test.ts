import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/scan-fixture.js';

const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

/** dependency-cruiser with the project's rules, over `paths` of `cwd`: its exit code and its violations by rule. */
function cruise(cwd: string, paths: string[]): { status: number | null; violations: string[] } {
  const run = spawnSync(process.execPath, [DEPCRUISE, ...paths, '--config', CONFIG, '--output-type', 'err'], { cwd, encoding: 'utf8' });
  const violations = [...run.stdout.matchAll(/^\s+error (\S+): (\S+)/gm)].map((match) => `${match[1]} ${match[2]}`);
  return { status: run.status, violations };
}

describe('layering (ARCHITECTURE.md, checked by dependency-cruiser)', () => {
  it('the source follows the layers: no arrow up, no circle, no orphan', () => {
    expect(cruise(ROOT, ['src', 'rules', 'bin'])).toEqual({ status: 0, violations: [] });
  });

  it('the rules catch an arrow up, a circle, a rule importing a rule and a reporter reading files', () => {
    const { status, violations } = cruise(join(ROOT, 'test/data/layering'), ['src', 'rules']);
    expect(status).not.toBe(0);
    expect(violations.sort()).toEqual([
      'facts-imports-only-lower-layers src/facts/holders.ts',
      'no-circular src/engine/rule.ts',
      'no-file-system-below-the-pipeline src/reporters/table.ts',
      'rules-do-not-import-rules rules/module-cache.ts',
    ]);
  });
});
