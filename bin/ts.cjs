// The compiler API, the copy ts-morph bundles. The scan imports it as `#ts` (package.json
// "imports"): importing ts-morph's CommonJS build from an ES module makes Node scan all of its
// source for export names first (about 50 ms of every run); this small file is what gets scanned.
exports.ts = require('ts-morph').ts;
