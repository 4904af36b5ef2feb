import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/report/finding.js';
import { folderWith } from '../helpers/run-cli.js';
import { scanWithDefaults } from '../helpers/scan-fixture.js';
import { linesOf, source } from '../rules/lines.js';

/** Scans a small service written into a temporary folder: `{ path: text }`. */
function scanFiles(files: Record<string, string>): Finding[] {
  return scanWithDefaults(['.'], folderWith(files)).report.findings;
}

const describeFinding = (finding: Finding): string => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.confidence}`;

describe('what reaches the code that writes state', () => {
  it('follows a route handler through a helper in another module: high confidence, the handler named', () => {
    const findings = scanFiles({
      'src/carts.ts': 'const carts = new Map<string, string[]>();\nexport function addToCart(user: string, sku: string) {\n  carts.set(user, [...(carts.get(user) ?? []), sku]);\n}\n',
      'src/server.ts': "import express from 'express';\nimport { addToCart } from './carts';\nconst app = express();\napp.post('/cart', (req, res) => { addToCart(req.body.user, req.body.sku); res.end(); });\napp.listen(3000);\n",
    });
    expect(findings.map(describeFinding)).toEqual(['src/carts.ts:1 module-cache high']);
  });

  it('does not report a registry that only start-up code fills, whatever the depth', () => {
    const findings = scanFiles({
      'src/registry.ts': 'const handlers = new Map<string, () => void>();\nexport function register(name: string, handler: () => void) {\n  handlers.set(name, handler);\n}\nexport function handlerFor(name: string) {\n  return handlers.get(name);\n}\n',
      'src/plugins.ts': "import { register } from './registry';\nexport function loadPlugins() {\n  register('audit', () => undefined);\n}\n",
      // An anonymous main that starts listening is start-up code, whatever its name.
      'src/server.ts': "import express from 'express';\nimport { loadPlugins } from './plugins';\nimport { handlerFor } from './registry';\nexport default function () {\n  const app = express();\n  loadPlugins();\n  app.get('/run/:name', (req, res) => { handlerFor(req.params.name)?.(); res.end(); });\n  app.listen(3000);\n}\n",
    });
    expect(findings.map(describeFinding)).toEqual([]);
  });

  it('follows calls through a default-exported object of functions (`packages.load()`)', () => {
    const findings = scanFiles({
      'src/packages.ts': 'const loaded = new Map<string, string>();\nfunction load(name: string) {\n  loaded.set(name, name);\n}\nexport default { load };\n',
      'src/server.ts': "import packages from './packages';\nexport function bootstrap() {\n  packages.load('theme');\n}\n",
    });
    expect(findings.map(describeFinding)).toEqual([]);
  });

  it('reports a write that code the scan cannot see may make (an exported function nothing calls), at medium confidence', () => {
    expect(linesOf(source('const seen = new Set<string>();', 'export function remember(id: string) {', '  seen.add(id);', '}'))).toEqual(['1 module-cache Y medium']);
  });

  it('counts timers and message listeners as serving clients, and lifecycle listeners as not', () => {
    const text = source(
      "import { Server } from 'socket.io';",
      'const io = new Server();',
      'let ticks = 0;',
      'let lastMessage = "";',
      'let stopping = "no";',
      'setInterval(() => { ticks += 1; }, 1000);',
      "io.on('connection', (socket) => { socket.on('chat', (text: string) => { lastMessage = text; }); });",
      "process.on('SIGTERM', () => { stopping = 'yes'; });",
      "io.on('close', () => { stopping = 'closed'; });",
    );
    const lines = linesOf(text).filter((line) => line.includes('mutable-global'));
    expect(lines).toEqual(['3 mutable-global Y medium', '4 mutable-global Y medium']);
  });

  it('counts the verify callback of a passport strategy as run per login', () => {
    const text = source(
      "import passport from 'passport';",
      "import { Strategy as LocalStrategy } from 'passport-local';",
      'const lastLogin = new Map<string, number>();',
      'passport.use(new LocalStrategy((user: string, password: string, done: (e: null, u: string) => void) => {',
      '  lastLogin.set(user, Date.now());',
      '  done(null, user);',
      '}));',
    );
    expect(linesOf(text)).toEqual(['3 module-cache Y high']);
  });
});

describe('one line per place', () => {
  it('reports the maps of one registry, kept together by several functions, as one line naming them all', () => {
    const text = source(
      'const nodes = new Map<string, object>();',
      'const types = new Map<string, string>();',
      'export function add(id: string, type: string) { nodes.set(id, {}); types.set(type, id); }',
      'export function remove(id: string, type: string) { nodes.delete(id); types.delete(type); }',
    );
    expect(linesOf(text)).toEqual(['1 module-cache Y medium']);
  });

  it('keeps two caches that one function happens to write as two lines', () => {
    const text = source(
      'const carts = new Map<string, string[]>();',
      'const lastSeen = new Map<string, number>();',
      'export function addToCart(user: string, sku: string) { carts.set(user, [sku]); lastSeen.set(user, Date.now()); }',
    );
    expect(linesOf(text)).toEqual(['1 module-cache Y medium', '2 module-cache Y medium']);
  });
});
