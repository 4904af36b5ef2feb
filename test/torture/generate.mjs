// The torture corpus: checkouts built to break a scanner (deep nesting of each kind, huge lines,
// special files, odd encodings, hostile names, malformed package.json / tsconfig / YAML, shard
// reports with absurd counts). Each case is a folder and the command line to run in it;
// test/torture.test.ts runs every case through the CLI with a time and a memory bound.
//   node test/torture/generate.mjs <folder>   writes the corpus and prints the cases as JSON
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const STATE = 'const seen = new Map();\nexport function keep(id: string) { seen.set(id, 1); }\n';
const terms = (count) => Array.from({ length: count }, (_, index) => `"t${index}"`).join(' + ');
const nest = (open, inner, close, depth) => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

/** Every case: name, files (text, Buffer, or { link } / { fifo: true }), and the arguments. */
function cases() {
  const list = [];
  const add = (name, files, args = ['scan', '.', '-f', 'json']) => list.push({ name, files: { 'src/cache.ts': STATE, ...files }, args });

  // Deep nesting of each kind: chains the parser reads in a loop, and nesting it recurses on.
  add('deep-chains', {
    'src/concat.ts': `export const s = ${terms(30_000)};\n`,
    'src/member.ts': `declare const a: any;\nexport const s = a${'.b'.repeat(30_000)};\n`,
    'src/calls.ts': `declare const a: any;\nexport const s = a${'.b()'.repeat(10_000)};\n`,
  });
  add('deep-nesting', {
    'src/parens.ts': `export const s = ${nest('(', '1', ')', 5_000)};\n`,
    'src/arrays.ts': `export const s = ${nest('[', '1', ']', 5_000)};\n`,
    'src/objects.ts': `export const s = ${nest('{a:', '1', '}', 5_000)};\n`,
    'src/blocks.ts': `export function f(x: number) {${nest('if (x) {', 'x++;', '}', 5_000)}}\n`,
    'src/arrows.ts': `export const f = ${'() => '.repeat(5_000)}1;\n`,
    'src/ternary.ts': `declare const x: any;\nexport const s = ${'x ? 1 : '.repeat(5_000)}2;\n`,
    'src/jsx.tsx': `export const s = ${nest('<div>', '', '</div>', 5_000)};\n`,
    'src/template.ts': `export const s = ${nest('`${', '1', '}`', 5_000)};\n`,
    'src/else-if.ts': `export function f(x: number) { ${'if (x) x++; else '.repeat(5_000)}x--; }\n`,
    'src/classes.ts': `export const C = ${'class { m() { return '.repeat(2_000)}1${'; } }'.repeat(2_000)};\n`,
  });

  // Huge lines and files.
  add('huge-line', { 'src/huge.ts': `export const s = "${'x'.repeat(1_000_000)}";\n` });
  add('over-the-limit', { 'src/huge.ts': `export const s = "${'x'.repeat(2_000_000)}";\n` });
  add('many-statements', { 'src/many.ts': 'seen.set(1, 2);\n'.repeat(20_000) });

  // Special files: not regular files, links out, loops.
  add('special-files', { 'src/zero.ts': { link: '/dev/zero' }, 'infra/random.ts': { link: '/dev/urandom' }, 'src/pipe.ts': { fifo: true }, 'package.json': { link: '/dev/zero' }, 'tsconfig.json': { link: '/dev/zero' } });
  add('links-out-and-loops', { 'src/passwd.ts': { link: '/etc/passwd' }, 'src/etc': { link: '/etc' }, 'src/loop-a': { link: 'loop-b' }, 'src/loop-b': { link: 'loop-a' }, 'src/dangling.ts': { link: 'missing.ts' } });

  // Odd encodings.
  const body = 'const cache = new Map();\nexport function put(k: string) { cache.set(k, "é€😀"); }\n';
  add('encodings', {
    'src/utf16le.ts': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]),
    'src/utf16be.ts': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(body, 'utf16le').swap16()]),
    'src/utf16-odd.ts': Buffer.from([0xff, 0xfe, 0x41]),
    'src/utf8bom.ts': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]),
    'src/latin1.ts': Buffer.from('export const s = "caf\xe9";\n', 'latin1'),
    'src/invalid-utf8.ts': Buffer.from([0x65, 0x78, 0x70, 0x6f, 0x72, 0x74, 0x20, 0xc3, 0x28, 0xff, 0xfe, 0x0a]),
    'src/nul-late.ts': `export const s = 1;\n${' '.repeat(9000)}\u0000\n`,
    'src/crlf.ts': body.replace(/\n/g, '\r\n'),
    'src/cr-only.ts': body.replace(/\n/g, '\r'),
    'src/separators.ts': 'export const s = 1;\u2028export const t = 2;\u2029\n',
    'src/empty.ts': '',
  });

  // Hostile names.
  add('hostile-names', {
    'src/b\n::stop-commands::tok.ts': STATE,
    'src/\u001b[31mred\u0007.ts': STATE,
    'src/::error::x.ts': STATE,
    'src/-rf.ts': STATE,
    'src/rtl\u202egnp.ts': STATE,
    [`src/${'n'.repeat(240)}.ts`]: STATE,
    'src/%0A%25.ts': STATE,
    'src/<script>alert(1)<\u2044script>.ts': STATE,
  });
  add('hostile-names-table', { 'src/b\n::stop-commands::tok.ts': STATE, 'src/x\u001b]0;t\u0007.ts': 'export function (( {\n' }, ['scan', '.']);
  add('hostile-names-github', { 'src/b\n::stop-commands::tok.ts': STATE, 'src/x\r\n::error::y.ts': 'let = ;\n' }, ['scan', '.', '-f', 'github']);

  // Malformed package.json, tsconfig, YAML and workspace files.
  add('package-json-types', { 'package.json': JSON.stringify({ name: 5, main: [], scripts: { start: 5, serve: null }, workspaces: [5, null, {}], bin: { x: 5 }, exports: 5, dependencies: 'x', __proto__: { main: 'x' } }) });
  add('package-json-broken', { 'package.json': '{ "scripts": ' });
  add('package-json-deep', { 'package.json': `{"a": ${nest('[', '1', ']', 100_000)}}` });
  add('package-json-huge', { 'package.json': JSON.stringify({ name: 'x', description: 'x'.repeat(5_000_000) }) });
  add('workspace-garbage', { 'package.json': JSON.stringify({ workspaces: { packages: 'x' } }), 'pnpm-workspace.yaml': 'packages:\n  - [[[\n  - "**"\n  - !!js/function "x"\n' });
  add('tsconfig-broken', { 'tsconfig.json': '{ "include": ' });
  add('tsconfig-types', { 'tsconfig.json': JSON.stringify({ include: 5, files: [5, null], references: 'x', compilerOptions: 5 }) });
  add('tsconfig-extends-loop', { 'tsconfig.json': JSON.stringify({ extends: './b.json' }), 'b.json': JSON.stringify({ extends: './tsconfig.json' }) });
  add('tsconfig-references-loop', { 'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './a' }] }), 'a/tsconfig.json': JSON.stringify({ include: ['.'], references: [{ path: '..' }, { path: '../missing' }] }), 'a/index.ts': STATE });
  add('yaml-billion-laughs', { '.hiddenstaterc.yaml': ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, index) => `${String.fromCharCode(98 + index)}: &${String.fromCharCode(98 + index)} [*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)}]`), 'include: *j'].join('\n') });
  add('yaml-invalid', { '.hiddenstaterc': 'rules:\n\t- [\n' });
  add('yaml-code-tag', { '.hiddenstaterc.yml': 'include: !!js/function "function () { return 1 }"\n' });
  add('config-proto', { '.hiddenstaterc.json': '{ "__proto__": { "failOn": "none" }, "constructor": 1 }' });
  add('config-is-a-folder', { '.hiddenstaterc/x': 'x' });
  add('config-code-not-run', { 'hiddenstate.config.js': "require('fs').writeFileSync('ran', 'x'); module.exports = {};\n" });

  // Shard reports with absurd counts (merge reads them).
  const report = (shard, extra = {}) =>
    JSON.stringify({
      tool: { name: 'hidden-state', version: '0.1.0' },
      verdict: 'stateless',
      summary: { files: 1, findings: 0, instanceLocal: 0, externalized: 0, bySeverity: { error: 0, warning: 0, info: 0 }, byKind: {} },
      tiers: [],
      findings: [],
      errors: [],
      shard,
      ...extra,
    });
  const merge = (name, shard, extra) => list.push({ name, files: { 'shard.json': report(shard, extra) }, args: ['merge', 'shard.json'] });
  merge('shard-count-1e9', { index: 1, count: 1e9 });
  merge('shard-count-huge', { index: 1, count: 1e300 });
  merge('shard-index-fraction', { index: 0.5, count: 2 });
  merge('shard-index-string', { index: '1', count: 2 });
  merge('shard-files-absurd', { index: 1, count: 1 }, { summary: { files: 1e300, findings: -5, instanceLocal: 0, externalized: 0, bySeverity: {}, byKind: {} } });
  merge('shard-findings-garbage', { index: 1, count: 1 }, { findings: [{ file: 5 }] });
  list.push({ name: 'shard-not-json', files: { 'shard.json': '{"tool": ' }, args: ['merge', 'shard.json'] });
  list.push({ name: 'shard-flag-huge', files: {}, args: ['scan', '.', '--shard', '1/99999999999999999999'] });
  return list;
}

/** Writes every case below `root` and returns the cases with their folders. */
export function writeTortureCorpus(root) {
  rmSync(root, { recursive: true, force: true });
  return cases().map(({ name, files, args }) => {
    const folder = join(root, name);
    mkdirSync(folder, { recursive: true });
    for (const [path, content] of Object.entries(files)) {
      const target = join(folder, path);
      mkdirSync(dirname(target), { recursive: true });
      if (content && typeof content === 'object' && 'link' in content) symlinkSync(content.link, target);
      else if (content && typeof content === 'object' && 'fifo' in content) execFileSync('mkfifo', [target]);
      else writeFileSync(target, content);
    }
    return { name, folder, args };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(writeTortureCorpus(process.argv[2] ?? '.torture'), null, 2));
}
