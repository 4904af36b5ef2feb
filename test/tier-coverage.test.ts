import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess as runCli, temporaryFolder } from './helpers/run-cli.js';

const STATE = 'const seen = new Map();\nexport function keep(id: string) { seen.set(id, 1); }\n';

function workspace(files: Record<string, unknown>): string {
  const folder = temporaryFolder();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return folder;
}

describe('tiers of a workspace', () => {
  it('a server package with an exports field is a tier: its findings are listed', async () => {
    const folder = workspace({
      'package.json': { name: 'root', private: true, workspaces: ['packages/*'] },
      'packages/api/package.json': { name: '@acme/api', main: 'src/server.ts', exports: { '.': './src/server.ts' }, scripts: { start: 'node dist/server.js' }, dependencies: { express: '^4' } },
      'packages/api/src/server.ts': STATE,
      'packages/web/package.json': { name: '@acme/web', main: 'src/index.ts', scripts: { start: 'node dist/index.js' }, dependencies: { express: '^4' } },
      'packages/web/src/index.ts': 'export const ok = 1;\n',
    });
    const run = await runCli(['scan', '.', '-f', 'json'], folder);
    const report = JSON.parse(run.stdout);
    expect(report.tiers.map((tier: { name: string }) => tier.name)).toEqual(['@acme/api', '@acme/web']);
    expect(report.findings.map((finding: { file: string; tier: string }) => `${finding.file} ${finding.tier}`)).toEqual(['packages/api/src/server.ts @acme/api']);
    expect(run.status).toBe(1);
  });

  it('files no entry imports are analysed, and the run says what it read', async () => {
    const folder = workspace({
      'package.json': { name: 'svc', main: 'src/server.ts' },
      'src/server.ts': 'export const ok = 1;\n',
      'src/orphan.ts': STATE,
      'src/server.test.ts': 'export {};\n',
    });
    const json = JSON.parse((await runCli(['scan', '.', '-f', 'json'], folder)).stdout);
    expect(json.summary.files).toBe(2);
    expect(json.scope).toEqual({ analysed: 2, notReached: 1, leftOut: [{ reason: 'test code', files: 1 }] });
    expect(json.findings.map((finding: { file: string }) => finding.file)).toEqual(['src/orphan.ts']);
    expect((await runCli(['scan', '.'], folder)).stdout).toContain('Read 2 files (1 not imported from any entry: their findings say so); left out: 1 test code.');
  });
});
