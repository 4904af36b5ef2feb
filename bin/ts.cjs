// The compiler API: the copy of TypeScript that ts-morph bundles, loaded on its own. The scan
// imports it as `#ts` (package.json "imports"). Importing ts-morph's CommonJS build from an ES
// module made Node scan all of its source for export names first (about 50 ms of every run), and
// ts-morph's own 4 MB (the wrappers, the type-checker project) are never needed by a scan.
const { createRequire } = require('node:module');

exports.ts = createRequire(require.resolve('ts-morph'))('@ts-morph/common/dist/typescript.js');
