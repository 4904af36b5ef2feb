import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportDate } from '../src/review/report-date.js';
import { serviceNameOf } from '../src/pipeline/service-name.js';

const WORKSPACE = mkdtempSync(join(tmpdir(), 'hidden-state-service-'));
afterAll(() => rmSync(WORKSPACE, { recursive: true, force: true }));

function folder(path: string, manifest?: string): string {
  const absolute = join(WORKSPACE, path);
  mkdirSync(absolute, { recursive: true });
  if (manifest !== undefined) writeFileSync(join(absolute, 'package.json'), manifest);
  return absolute;
}

describe('serviceNameOf', () => {
  it("takes the scanned folder's package.json name", () => {
    folder('orders', JSON.stringify({ name: '@acme/orders-api' }));
    expect(serviceNameOf('orders', WORKSPACE)).toBe('@acme/orders-api');
  });

  it('finds the package.json above a scanned subfolder or file, up to the working directory', () => {
    folder('billing', JSON.stringify({ name: 'billing' }));
    folder('billing/src/routes');
    writeFileSync(join(WORKSPACE, 'billing/src/routes/invoices.ts'), 'export {};');
    expect(serviceNameOf('billing/src/routes', WORKSPACE)).toBe('billing');
    expect(serviceNameOf('billing/src/routes/invoices.ts', WORKSPACE)).toBe('billing');
  });

  it('falls back to the folder name without a usable package.json, never looking above the working directory', () => {
    folder('inventory', '{ not json');
    expect(serviceNameOf('inventory', WORKSPACE)).toBe('inventory');
    const cwd = folder('monorepo/services', undefined);
    writeFileSync(join(WORKSPACE, 'monorepo', 'package.json'), JSON.stringify({ name: 'monorepo-root' }));
    folder('monorepo/services/shipping');
    expect(serviceNameOf('shipping', cwd)).toBe('shipping');
    expect(serviceNameOf('.', cwd)).toBe('services');
  });
});

describe('reportDate', () => {
  it('uses SOURCE_DATE_EPOCH when set, the clock otherwise', () => {
    expect(reportDate({ SOURCE_DATE_EPOCH: '1714953600' })).toBe('2024-05-06');
    expect(reportDate({}, () => new Date('2031-02-03T23:59:59Z'))).toBe('2031-02-03');
    expect(() => reportDate({ SOURCE_DATE_EPOCH: '17e8' })).toThrow("SOURCE_DATE_EPOCH must be a whole number of seconds (got '17e8')");
  });
});
