// The layering of ARCHITECTURE.md, checked by `npm test` (test/architecture.test.ts).
// Each layer lists the layers it may import; everything else is forbidden.
const LAYERS = {
  shared: [],
  report: ['shared'],
  facts: ['shared'],
  catalogue: ['facts', 'report', 'shared'],
  engine: ['facts', 'catalogue', 'report', 'shared'],
  rules: ['engine', 'facts', 'catalogue', 'report', 'shared'],
  cache: ['engine', 'facts', 'report', 'shared'],
  review: ['report', 'shared'],
  reporters: ['review', 'report', 'shared'],
  pipeline: ['cache', 'engine', 'facts', 'catalogue', 'review', 'report', 'shared'],
  ci: ['pipeline', 'engine', 'reporters', 'report', 'shared'],
  config: ['pipeline', 'rules', 'catalogue', 'report', 'shared'],
  api: ['config', 'pipeline', 'report', 'shared'],
  integrations: ['api', 'pipeline', 'report', 'shared'],
};

const PATHS = {
  shared: '^src/shared/',
  report: '^src/report/',
  facts: '^src/facts/',
  catalogue: '^src/catalogue/',
  engine: '^src/engine/',
  rules: '^rules/',
  cache: '^src/cache/',
  review: '^src/review/',
  reporters: '^src/reporters/',
  pipeline: '^src/pipeline/',
  ci: '^src/ci/',
  config: '^src/config/',
  api: '^src/api\\.ts$',
  integrations: '^src/integrations/',
};

const OWN_CODE = '^(src|rules)/';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Modules import each other: one of them belongs lower.', from: {}, to: { circular: true } },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A module nothing imports is dead code (the entry points excepted).',
      from: { orphan: true, pathNot: ['\\.d\\.ts$', '^src/api\\.ts$', '^src/integrations/eslint-plugin\\.ts$', '^src/cli/cli\\.ts$', '^bin/'] },
      to: {},
    },
    ...Object.entries(LAYERS).map(([layer, allowed]) => ({
      name: `${layer}-imports-only-lower-layers`,
      severity: 'error',
      comment: `${PATHS[layer]} may import only: ${allowed.join(', ') || 'itself'} (ARCHITECTURE.md).`,
      from: { path: PATHS[layer] },
      to: { path: OWN_CODE, pathNot: [PATHS[layer], ...allowed.map((name) => PATHS[name])] },
    })),
    {
      name: 'nothing-imports-the-cli',
      severity: 'error',
      from: { pathNot: ['^src/cli/', '^bin/'] },
      to: { path: '^src/cli/' },
    },
    {
      name: 'rules-do-not-import-rules',
      severity: 'error',
      comment: 'A rule file stands alone; shared helpers live in rules/utils/ or src/facts/.',
      from: { path: '^rules/(?!index\\.ts$)[^/]+\\.ts$' },
      to: { path: '^rules/[^/]+\\.ts$' },
    },
    {
      name: 'rule-utils-do-not-import-rules',
      severity: 'error',
      from: { path: '^rules/utils/' },
      to: { path: '^rules/[^/]+\\.ts$' },
    },
    {
      name: 'commander-only-in-the-cli',
      severity: 'error',
      from: { pathNot: '^src/cli/' },
      to: { path: 'node_modules/commander/' },
    },
    {
      name: 'no-file-system-below-the-pipeline',
      severity: 'error',
      comment: 'The engine, facts, rules, review and reporters work on text and data they are given.',
      from: { path: ['^src/(engine|facts|report|review|reporters|catalogue)/', '^rules/'] },
      to: { path: '^(node:)?fs(/promises)?$', dependencyTypes: ['core'] },
    },
    {
      name: 'reporters-know-no-syntax-trees',
      severity: 'error',
      from: { path: ['^src/(reporters|review|report)/'] },
      to: { path: ['node_modules/(ts-morph|@ts-morph|typescript)/', '^bin/ts\\.cjs$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^dist/' },
  },
};
