import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/integrations/eslint-plugin.js';
import { ROOT } from './helpers/scan-fixture.js';

const RULE = 'hidden-state/instance-local-state';
const CART = join(ROOT, 'fixtures/express-shop/src/routes/cart.ts');
const LOGIN = join(ROOT, 'fixtures/express-cross-file/src/routes/login.ts');

/** Lints `text` as the file at `path` with ESLint's own Linter, the plugin's rule on, as an editor does on each change. */
function lint(path: string, text = readFileSync(path, 'utf8')): Linter.LintMessage[] {
  const linter = new Linter({ cwd: ROOT });
  const config: Linter.Config[] = [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser }, plugins: { 'hidden-state': plugin }, rules: { [RULE]: 'error' } }];
  return linter.verify(text, config, { filename: path });
}

const brief = (message: Linter.LintMessage): [number, number, string] => [message.line, message.column, message.message.replace(/\]\..*/, ']')];

describe('the ESLint plugin (hidden-state/eslint)', () => {
  it('reports the state of the file being linted, with the rule id, where the CLI does, and not its look-alikes', () => {
    const messages = lint(CART);
    expect(messages.map((message) => message.ruleId)).toEqual([RULE]);
    expect(messages.map(brief)).toEqual([[6, 7, 'Map `carts` written at run time (.set()) [hidden-state module-cache]']]);
    expect(messages[0]).toMatchObject({ endLine: 6, endColumn: 42, severity: 2 });
    expect(messages[0]!.message).toMatch(/Proposed move: Keep the data in a shared store/);
  });

  it("reads the editor's text, not the file on disk", () => {
    const disk = readFileSync(CART, 'utf8');
    const withSeenSet = disk.replace("export const cartRouter = Router();\n", "export const cartRouter = Router();\nconst seenOrders = new Set<string>();\ncartRouter.post('/orders/:id', (req, res) => {\n  seenOrders.add(req.params.id);\n  res.end();\n});\n");
    expect(lint(CART, withSeenSet).map(brief)).toEqual([
      [4, 7, 'Set `seenOrders` written at run time (.add()) [hidden-state module-cache]'],
      [11, 7, 'Map `carts` written at run time (.set()) [hidden-state module-cache]'],
    ]);
    const withoutWrite = disk.replace('  carts.set(req.params.userId, items);\n', '');
    expect(lint(CART, withoutWrite)).toEqual([]);
  });

  it('honours suppression comments', () => {
    const text = readFileSync(CART, 'utf8').replace('const carts =', '// hidden-state-ignore-next-line module-cache -- per-instance cart preview, rebuilt on login\nconst carts =');
    expect(lint(CART, text)).toEqual([]);
  });

  it('follows the files it imports: state held there and written here is shown on the writes', () => {
    expect(lint(LOGIN).map(brief)).toEqual([
      [11, 1, 'hand-made session store `sessions` (.set()), held at fixtures/express-cross-file/src/state/sessions.ts:2, written here [hidden-state in-memory-session]'],
      [17, 1, 'object `recentlyViewed` written at run time ([key] =), held at fixtures/express-cross-file/src/state/sessions.ts:4, written here [hidden-state module-cache]'],
    ]);
  });

  it('reports nothing for text that is not a file on disk', () => {
    expect(lint(join(ROOT, 'fixtures/express-shop/src/routes/not-saved-yet.ts'), 'const seen = new Set(); export const f = (id: string) => seen.add(id);\n')).toEqual([]);
  });

  it("a broken configuration is one message on line 1, not a crash", () => {
    const linter = new Linter({ cwd: join(ROOT, 'test/data/eslint-bad-config') });
    const messages = linter.verify('export const x = 1;\n', [{ plugins: { 'hidden-state': plugin }, rules: { [RULE]: 'warn' } }], { filename: join(ROOT, 'test/data/eslint-bad-config/server.js') });
    expect(messages.map(brief)).toEqual([[1, 1, "hidden-state could not analyse this file: .hiddenstaterc.json: unknown key 'rulez' (allowed: include, exclude, entry, tsconfig, rules, failOn, includeTests, maxFileSize, sources, externalized, instances, peakRps)"]]);
  });

  it("works through the package's export with ESLint's ESLint class and the recommended config, which leaves test files out", async () => {
    const { default: exported } = (await import('hidden-state/eslint')) as { default: typeof plugin };
    const eslint = new ESLint({
      cwd: ROOT,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser } }, exported.configs.recommended],
    });
    const [result] = await eslint.lintFiles(['fixtures/express-shop/src/routes/cart.ts']);
    expect(result!.messages.map((message) => [message.ruleId, message.line, message.severity])).toEqual([[RULE, 6, 1]]);
    const [test] = await eslint.lintText(readFileSync(CART, 'utf8'), { filePath: join(ROOT, 'fixtures/express-shop/test/cart.test.ts') });
    expect(test!.messages).toEqual([]);
  });
});
