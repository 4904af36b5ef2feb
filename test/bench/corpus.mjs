// Writes a synthetic service of exactly `count` files, deterministically: a shared src/lib/ (database
// client, logger, settings, a barrel) and groups of model, util, repository, service and route files.
// Files are connected the way real services are: routes import their service, services their
// repository, a util and a model, and services and repositories import the lib through its barrel.
// One file in twenty holds hidden state, rotating over routes, services, repositories and utils.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// In dependency order: each file imports only files earlier in its group.
const KINDS = ['model', 'util', 'repository', 'service', 'route'];
const STATEFUL_KINDS = ['route', 'service', 'repository', 'util'];

export function writeCorpus(root, count) {
  rmSync(root, { recursive: true, force: true });
  for (const folder of ['lib', ...KINDS.map((kind) => `${kind}s`)]) mkdirSync(join(root, 'src', folder), { recursive: true });
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', noEmit: true, skipLibCheck: true }, include: ['src'] }));
  for (const [name, text] of Object.entries(LIB)) writeFileSync(join(root, 'src', 'lib', name), text);
  for (let index = 0; index < count - Object.keys(LIB).length; index++) {
    const kind = KINDS[index % KINDS.length];
    writeFileSync(join(root, 'src', `${kind}s`, `${kind}-${index}.ts`), FILES[kind](index, isStateful(index)));
  }
}

/** One group of five files in four holds state, in one of its files: one file in twenty. */
function isStateful(index) {
  const group = Math.floor(index / KINDS.length);
  return group % 4 === 0 && KINDS[index % KINDS.length] === STATEFUL_KINDS[(group / 4) % STATEFUL_KINDS.length];
}

const LIB = {
  'db.ts': `import { Pool } from 'pg';
import { settings } from './settings.js';

export const db = new Pool({ connectionString: settings.databaseUrl, max: settings.poolSize });

export async function queryOne<T>(sql: string, values: unknown[]): Promise<T | null> {
  const { rows } = await db.query(sql, values);
  return (rows[0] as T | undefined) ?? null;
}
`,
  'logger.ts': `export type Level = 'debug' | 'info' | 'warn' | 'error';

export const logger = {
  log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
    process.stdout.write(JSON.stringify({ level, message, ...fields, at: new Date().toISOString() }) + '\\n');
  },
  info(message: string, fields?: Record<string, unknown>): void {
    this.log('info', message, fields);
  },
  error(message: string, fields?: Record<string, unknown>): void {
    this.log('error', message, fields);
  },
};
`,
  'settings.ts': `export const settings = Object.freeze({
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://localhost/app',
  poolSize: Number(process.env.POOL_SIZE ?? 10),
  verbose: process.env.VERBOSE === 'true',
});
`,
  'index.ts': `export { db, queryOne } from './db.js';
export { logger, type Level } from './logger.js';
export { settings } from './settings.js';
`,
};

const FILES = {
  model: (index) => `export interface Item${index} {
  id: string;
  name: string;
  tags: string[];
  createdAt: Date;
}

export const ITEM_${index}_FIELDS = ['id', 'name', 'tags', 'createdAt'] as const;

export function isItem${index}(value: unknown): value is Item${index} {
  return typeof value === 'object' && value !== null && 'id' in value && 'name' in value;
}
`,
  util: (index, stateful) => `export function slugify${index}(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function chunk${index}<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
${stateful ? `\nconst seen = new Set<string>();\nexport function once${index}(key: string): boolean {\n  if (seen.has(key)) return false;\n  seen.add(key);\n  return true;\n}\n` : ''}`,
  repository: (index, stateful) => `${stateful ? "import { appendFileSync } from 'node:fs';\n" : ''}import { db, queryOne } from '../lib/index.js';
import type { Item${index - 2} } from '../models/model-${index - 2}.js';

export async function findById(id: string): Promise<Item${index - 2} | null> {
  return queryOne<Item${index - 2}>('SELECT * FROM items_${index} WHERE id = $1', [id]);
}

export async function insert(name: string): Promise<string> {
  const { rows } = await db.query('INSERT INTO items_${index} (name) VALUES ($1) RETURNING id', [name]);
  ${stateful ? `appendFileSync('./audit-${index}.log', \`\${name}\\n\`);\n  ` : ''}return rows[0].id as string;
}
`,
  service: (index, stateful) => `import { logger, settings } from '../lib/index.js';
import { isItem${index - 3} } from '../models/model-${index - 3}.js';
import { findById } from '../repositories/repository-${index - 1}.js';
import { slugify${index - 2} } from '../utils/util-${index - 2}.js';
${stateful ? `const recent = new Map<string, unknown>();\n` : "const DEFAULTS = new Map([['limit', 10], ['offset', 0]]);\n"}
export interface Options {
  verbose: boolean;
}

export async function handle${index}(id: string, options: Options) {
  const record = await findById(slugify${index - 2}(id));
  if (!isItem${index - 3}(record)) return null;
  ${stateful ? 'recent.set(id, record);' : "const limit = DEFAULTS.get('limit') ?? 10;"}
  if (options.verbose || settings.verbose) {
    logger.info('item read', { id, service: ${index} });
    return { record, at: new Date().toISOString() };
  }
  return record;
}

export class Service${index} {
  private readonly name = 'service-${index}';
  describe(): string {
    return \`\${this.name} handles \${String(${index})} items\`;
  }
}
`,
  route: (index, stateful) => `import express from 'express';
${stateful ? "import rateLimit from 'express-rate-limit';\n" : ''}import { logger } from '../lib/index.js';
import { handle${index - 1} } from '../services/service-${index - 1}.js';

export const router${index} = express.Router();
${stateful ? `router${index}.use(rateLimit({ windowMs: 60_000, max: 100 }));\n` : ''}
router${index}.get('/items/:id', async (req, res) => {
  const id = String(req.params.id);
  const result = await handle${index - 1}(id, { verbose: req.query.verbose === 'true' });
  if (!result) {
    res.status(404).json({ error: 'not found', id });
    return;
  }
  res.json(result);
});

router${index}.post('/items', async (req, res) => {
  const body = req.body as { name?: string; tags?: string[] };
  const tags = (body.tags ?? []).map((tag) => tag.trim().toLowerCase()).filter(Boolean);
  logger.info('item created', { name: body.name, tags });
  res.status(201).json({ name: body.name ?? 'untitled', tags });
});
`,
};
