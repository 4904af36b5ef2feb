// The compiler API, through the public entry of ts-morph's common package: the copy of TypeScript
// that ts-morph bundles. Plain CommonJS on purpose: `require` loads it as it is, where importing
// CommonJS from an ES module first scans the package's 3 MB bundle for export names (about
// 150 ms of every run, measured). The build copies this file beside the compiled modules.
'use strict';

exports.ts = require('@ts-morph/common').ts;
