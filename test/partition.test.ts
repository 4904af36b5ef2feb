import { describe, expect, it } from 'vitest';
import { importSpecifiersIn, partitionByImports } from '../src/pipeline/partition.js';
import { groupsOfShard, parseShard } from '../src/pipeline/shard.js';

describe('importSpecifiersIn', () => {
  it('finds static, re-exported, required and dynamic imports, each once, sorted', () => {
    const text = [
      "import express from 'express';",
      "import type { User } from './types.js';",
      "import {\n  a,\n  b,\n} from '../lib/index.js';",
      "export * from './audit.js';",
      "import './polyfill.js';",
      "const legacy = require(\"./legacy\");",
      "async function load() { return import('./lazy.js'); }",
      "import express2 from 'express';",
    ].join('\n');
    expect(importSpecifiersIn(text)).toEqual(['../lib/index.js', './audit.js', './lazy.js', './legacy', './polyfill.js', './types.js', 'express']);
  });

  it('reads through the comments bundlers put in dynamic imports', () => {
    expect(importSpecifiersIn("const page = import(/* webpackChunkName: \"admin\" */ './admin.js');")).toEqual(['./admin.js']);
  });

  it('ignores a dynamic import of a computed name, which no analysis can follow', () => {
    expect(importSpecifiersIn('const mod = await import(name);\nconst other = require(path);')).toEqual([]);
  });
});

describe('partitionByImports', () => {
  const files: Record<string, string[]> = {
    '/s/a.ts': ['./b.js'],
    '/s/b.ts': [],
    '/s/c.ts': ['./d.js', 'express'],
    '/s/d.ts': [],
    '/s/e.ts': ['./b.js'],
    '/s/lonely.ts': [],
  };
  const resolve = (from: string, specifier: string): string | undefined => {
    if (!specifier.startsWith('./')) return undefined;
    const target = `/s/${specifier.slice(2).replace(/\.js$/, '.ts')}`;
    return target in files ? target : undefined;
  };
  const modules = Object.entries(files).map(([path, specifiers]) => ({ path, specifiers }));

  it('joins files that import each other, in either direction, and keeps the rest apart', () => {
    const { groups, targets } = partitionByImports(modules, resolve);
    expect(groups).toEqual([['/s/a.ts', '/s/b.ts', '/s/e.ts'], ['/s/c.ts', '/s/d.ts'], ['/s/lonely.ts']]);
    expect(targets.get('/s/c.ts')).toEqual(['/s/d.ts']);
  });

  it('gives the same groups whatever order the files come in', () => {
    expect(partitionByImports([...modules].reverse(), resolve).groups).toEqual(partitionByImports(modules, resolve).groups);
  });
});

describe('shards', () => {
  it('reads i/n and refuses anything else with a usage error', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', 'two/4', '1-4', '']) expect(() => parseShard(bad)).toThrow(/--shard must be <i>\/<n>/);
  });

  const groups = [['/w/apps/api/a.ts', '/w/apps/api/b.ts'], ['/w/apps/api/c.ts'], ['/w/apps/web/d.ts'], ['/w/lib/e.ts', '/w/lib/f.ts', '/w/lib/g.ts'], ['/w/tools/h.ts']];
  const packages = ['/w/apps/api', '/w/apps/web', '/w/lib'];

  it('deals every group to exactly one shard, never splitting a workspace package', () => {
    const shards = [1, 2, 3].map((index) => groupsOfShard(groups, packages, { index, count: 3 }));
    expect(shards.flat().sort()).toEqual([...groups].sort());
    const shardOf = (file: string): number => shards.findIndex((shard) => shard.some((group) => group.includes(file)));
    expect(shardOf('/w/apps/api/a.ts')).toBe(shardOf('/w/apps/api/c.ts'));
  });

  it('balances by files: the largest units first, each to the least loaded shard', () => {
    const sizes = [1, 2].map((index) => groupsOfShard(groups, packages, { index, count: 2 }).flat().length);
    // Units: api (3 files), lib (3), web (1), tools (1): 3+1 and 3+1.
    expect(sizes).toEqual([4, 4]);
  });

  it('one shard of one is everything', () => {
    expect(groupsOfShard(groups, packages, { index: 1, count: 1 })).toEqual(groups);
  });
});
