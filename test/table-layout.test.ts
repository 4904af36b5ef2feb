import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/cli.js';
import { buildReport, type Report } from '../src/report/report.js';
import { formatTable } from '../src/reporters/table.js';
import { fitColumns, wrapLocation, wrapText } from '../src/reporters/text-layout.js';
import { ROOT } from './helpers/scan-fixture.js';
import { sampleFinding } from './helpers/sample-findings.js';

/** Long paths, a location whose line number a naive cut splits, CJK names two columns wide per character. */
function terminalReport(): Report {
  const findings = [
    sampleFinding({
      kind: 'cache',
      ruleId: 'module-cache',
      file: 'apps/editor/src/components/ProsemirrorHelper.tsx',
      line: 85,
      message: 'Map `documentCache` written at run time (.set())',
      impact: 'A user whose next request lands on another instance does not see what this instance stored: a cache misses or serves stale data.',
      move: 'Keep the data in a shared store (Redis, the database) with a TTL, or make it a read-only table built at start-up.',
    }),
    sampleFinding({
      kind: 'cache',
      ruleId: 'library-cache',
      severity: 'warning',
      file: 'src/ルート/カート処理.ts',
      line: 12,
      message: 'キャッシュ `商品一覧` はプロセスのメモリに保存されています',
      impact: '別のインスタンスに届いた次のリクエストは、このインスタンスが保存した内容を見ることができません。',
      move: 'キャッシュを共有ストア（Redis）に移してください。',
    }),
    sampleFinding({
      kind: 'connection-registry',
      ruleId: 'connection-registry',
      file: 'packages/realtime-gateway/src/connections/websocket-registry.ts',
      line: 1234,
      message: 'Set `sockets` of live WebSocket connections',
      impact: 'A broadcast from one instance reaches only the clients connected to it.',
      move: 'Publish through a shared channel (the socket.io Redis adapter, Redis pub/sub).',
    }),
    sampleFinding({
      kind: 'connection',
      ruleId: 'single-db-connection',
      severity: 'info',
      instanceLocal: false,
      file: 'src/db.ts',
      line: 3,
      message: 'one pg client shared by every request',
      impact: 'None while the shared store is up.',
      move: 'Keep it shared.',
    }),
  ];
  return buildReport(findings, [], 9, { name: 'hidden-state', version: '1.0.0' });
}

const WIDTHS = [60, 80, 120, 200];
const stripAnsi = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

/** The Location column's text of each row of a drawn table, line by line. */
function locationCells(lines: readonly string[]): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  for (const line of lines) {
    if (/^[├└]/.test(line)) {
      if (row.length > 0) rows.push(row);
      row = [];
    } else if (line.startsWith('│')) row.push(line.split('│')[1]!.trim());
  }
  return rows.slice(1).map((cells) => cells.filter(Boolean));
}

describe('the terminal table', () => {
  for (const width of WIDTHS) {
    for (const color of [false, true]) {
      it(`keeps every line within ${width} columns, counted by display width${color ? ', in colour' : ''}`, () => {
        const lines = formatTable(terminalReport(), { color, width }).trimEnd().split('\n');
        const tooWide = lines.filter((line) => stringWidth(line) > width);
        expect(tooWide).toEqual([]);
        if (color) expect(lines.some((line) => line !== stripAnsi(line))).toBe(true);
      });
    }

    it(`shows every rule id whole and never splits a location at ${width} columns`, () => {
      const report = terminalReport();
      const text = formatTable(report, { color: false, width });
      const lines = text.split('\n');
      for (const finding of report.findings) {
        expect(lines.filter((line) => line.includes(`[${finding.ruleId}]`))).toHaveLength(1);
        // The file name and its line number are on one line, the number whole.
        const name = `${finding.file.split('/').at(-1)}:${finding.line}`;
        expect(lines.some((line) => new RegExp(`${name}(?!\\d)`).test(line))).toBe(true);
      }
      if (width < 80) {
        expect(text).not.toContain('┌');
        // Each block starts with its location, broken only after a slash.
        const blocks = text.split('\n\n').slice(0, report.findings.length);
        blocks.forEach((block, index) => {
          const finding = report.findings[index]!;
          const head = block.split('\n').filter((line) => !line.startsWith(' ')).join('').replace(/ \[.*\]$/, '');
          expect(head).toBe(`${finding.file}:${finding.line}`);
        });
      } else {
        const cells = locationCells(lines);
        expect(cells.map((cell) => cell.join(''))).toEqual(report.findings.map((finding) => `${finding.file}:${finding.line}`));
        for (const cell of cells) for (const line of cell.slice(0, -1)) expect(line).toMatch(/\/$/);
      }
    });
  }

  it('shows six columns when they fit, else three: Kind and Instance-local in the State cell, the move below the impact', () => {
    const header = (width: number): string => formatTable(terminalReport(), { color: false, width }).split('\n')[1]!;
    expect(header(120)).toMatch(/│ Kind +│ Instance- +│/);
    expect(header(200)).toMatch(/│ Kind +│ Instance- +│ Impact if the next request lands on another +│ Proposed move +│$/);
    expect(header(80)).toMatch(/^│ Location +│ State +│ Impact and proposed( move)? +│$/);
    const folded = formatTable(terminalReport(), { color: false, width: 80 });
    expect(folded).toMatch(/│ \[connection-registry\] +│/);
    expect(folded).toMatch(/│ Instance-local N +│/);
    expect(folded).toMatch(/│ Move: Keep it shared\. +│/);
  });

  it('ends with one step to take next, naming the rule of the most severe instance-local line', () => {
    for (const width of WIDTHS) {
      const text = formatTable(terminalReport(), { color: false, width });
      const next = text.slice(text.indexOf('Next:')).replace(/\s+/g, ' ');
      expect(next).toContain('`hidden-state explain module-cache`');
      expect(next).toContain('`--format html -o review.html`');
      expect(next).toContain('`// hidden-state-ignore-line module-cache -- <reason>`');
      // From 60 columns on, each command stays on one line.
      expect(text).toContain('`// hidden-state-ignore-line module-cache -- <reason>`');
    }
    const shared = buildReport([terminalReport().findings[3]!], [], 1, { name: 'hidden-state', version: '1.0.0' });
    expect(formatTable(shared, { color: false, width: 100 })).not.toContain('Next:');
  });
});

describe('the scan command in a terminal', () => {
  it('fits the table, the notes and the verdict of the gate to the terminal width', async () => {
    let stdout = '';
    const io = { cwd: ROOT, env: {}, stdout: (text: string) => void (stdout += text), stderr: () => undefined, stdoutIsTTY: true, stderrIsTTY: false, columns: 80 };
    expect(await run(['scan', 'fixtures/express-shop', '--no-color'], io)).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.filter((line) => stringWidth(line) > 80)).toEqual([]);
    expect(stdout).toContain('Gate failed');
    expect(stdout).toContain('┌');
  }, 30_000);
});

describe('text layout', () => {
  it('breaks a location only after a slash, and a file name wider than the column before its line number', () => {
    expect(wrapLocation('src/components/ProsemirrorHelper.tsx:85', 30)).toEqual(['src/components/', 'ProsemirrorHelper.tsx:85']);
    expect(wrapLocation('src/ProsemirrorHelper.tsx:85', 23)).toEqual(['src/', 'ProsemirrorHelper.tsx', ':85']);
    expect(wrapLocation('src/ルート/カート処理.ts:12', 14)).toEqual(['src/ルート/', 'カート処理.ts', ':12']);
  });

  it('wraps CJK text by display width, between characters', () => {
    const lines = wrapText('キャッシュはプロセスのメモリに保存されています', 10);
    expect(lines.every((line) => stringWidth(line) <= 10)).toBe(true);
    expect(lines.join('')).toBe('キャッシュはプロセスのメモリに保存されています');
    expect(wrapText('see the in-memory-session rule', 12)).toEqual(['see the', 'in-memory-', 'session rule']);
  });

  it('gives columns their natural width when it fits, and never more than the room when it does not', () => {
    const columns = [
      { min: 10, natural: 40, weight: 1 },
      { min: 14, natural: 80, weight: 3 },
      { min: 9, natural: 14, weight: 0 },
    ];
    expect(fitColumns(columns, 200)).toEqual([40, 80, 14]);
    const squeezed = fitColumns(columns, 60);
    expect(squeezed.reduce((sum, width) => sum + width, 0)).toBe(60);
    expect(squeezed[2]).toBe(9);
    expect(squeezed[1]! > squeezed[0]!).toBe(true);
  });
});
