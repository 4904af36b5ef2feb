// Writes a synthetic service of `count` files: routes, services, repositories and utilities in a
// realistic mix, with some hidden state in it (about one file in twenty). Deterministic.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KINDS = ['route', 'service', 'repository', 'util', 'model'];

export function writeCorpus(root, count) {
  rmSync(root, { recursive: true, force: true });
  for (const kind of KINDS) mkdirSync(join(root, 'src', `${kind}s`), { recursive: true });
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', noEmit: true, skipLibCheck: true }, include: ['src'] }));
  for (let index = 0; index < count; index++) {
    const kind = KINDS[index % KINDS.length];
    writeFileSync(join(root, 'src', `${kind}s`, `${kind}-${index}.ts`), FILES[kind](index));
  }
}

const stateful = (index) => Math.floor(index / KINDS.length) % 20 === 0;

const FILES = {
  route: (index) => `import express from 'express';
import rateLimit from 'express-rate-limit';
import { handle${index - 1 + 1} } from '../services/service-${index + 1}.js';

export const router${index} = express.Router();
${stateful(index) ? `router${index}.use(rateLimit({ windowMs: 60_000, max: 100 }));\n` : ''}
router${index}.get('/items/:id', async (req, res) => {
  const id = String(req.params.id);
  const result = await handle${index}(id, { verbose: req.query.verbose === 'true' });
  if (!result) {
    res.status(404).json({ error: 'not found', id });
    return;
  }
  res.json(result);
});

router${index}.post('/items', async (req, res) => {
  const body = req.body as { name?: string; tags?: string[] };
  const tags = (body.tags ?? []).map((tag) => tag.trim().toLowerCase()).filter(Boolean);
  res.status(201).json({ name: body.name ?? 'untitled', tags });
});
`,
  service: (index) => `import { findById } from '../repositories/repository-${index + 1}.js';
${stateful(index) ? `const recent = new Map<string, unknown>();\n` : 'const DEFAULTS = new Map([[\'limit\', 10], [\'offset\', 0]]);\n'}
export interface Options {
  verbose: boolean;
}

export async function handle${index - 1}(id: string, options: Options) {
  const record = await findById(id);
  ${stateful(index) ? 'recent.set(id, record);' : "const limit = DEFAULTS.get('limit') ?? 10;"}
  if (options.verbose) {
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
  repository: (index) => `import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

export async function findById(id: string) {
  const { rows } = await pool.query('SELECT * FROM items_${index} WHERE id = $1', [id]);
  return rows[0] ?? null;
}

export async function insert(name: string) {
  const { rows } = await pool.query('INSERT INTO items_${index} (name) VALUES ($1) RETURNING id', [name]);
  return rows[0].id as string;
}
`,
  util: (index) => `export function slugify${index}(text: string): string {
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
${stateful(index) ? `\nconst seen = new Set<string>();\nexport function once${index}(key: string): boolean {\n  if (seen.has(key)) return false;\n  seen.add(key);\n  return true;\n}\n` : ''}`,
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
};
