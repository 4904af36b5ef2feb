import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { collectImports, resolveImportedReference } from '../../src/facts/imports.js';
import { parseText } from '../../src/engine/parse.js';

function referenceOf(source: string, expression: string) {
  const { sourceFile } = parseText('module.ts', `${source}\nconst probe = ${expression};`);
  const imports = collectImports(sourceFile);
  const last = sourceFile.statements.at(-1) as ts.VariableStatement;
  return resolveImportedReference(last.declarationList.declarations[0]!.initializer!, imports);
}

describe('collectImports and resolveImportedReference', () => {
  it.each([
    ["import rateLimit from 'express-rate-limit';", 'rateLimit', { module: 'express-rate-limit', name: 'default' }],
    ["import { rateLimit as limit } from 'express-rate-limit';", 'limit', { module: 'express-rate-limit', name: 'rateLimit' }],
    ["import * as flexible from 'rate-limiter-flexible';", 'flexible.RateLimiterMemory', { module: 'rate-limiter-flexible', name: 'RateLimiterMemory' }],
    ["const rateLimit = require('express-rate-limit');", 'rateLimit', { module: 'express-rate-limit', name: '*' }],
    ["const { RateLimiterMemory: Memory } = require('rate-limiter-flexible');", 'Memory', { module: 'rate-limiter-flexible', name: 'RateLimiterMemory' }],
    ["const memoize = require('lodash').memoize;", 'memoize', { module: 'lodash', name: 'memoize' }],
    ["import _ from 'lodash';", '_.memoize', { module: 'lodash', name: 'memoize' }],
    ["import multer from 'multer';", 'multer.diskStorage', { module: 'multer', name: 'diskStorage' }],
    ["import fs from 'node:fs';", 'fs.promises.writeFile', { module: 'node:fs', name: 'promises.writeFile' }],
    ["import session = require('express-session');", 'session', { module: 'express-session', name: '*' }],
    ["const RedisStore = require('connect-redis')(session);", 'RedisStore', { module: 'connect-redis', name: '()' }],
    ['', "require('express-rate-limit')", { module: 'express-rate-limit', name: '*' }],
    ['', "require('express-rate-limit').default", { module: 'express-rate-limit', name: 'default' }],
  ])('%s %s', (source, expression, expected) => {
    expect(referenceOf(source, expression)).toEqual(expected);
  });

  it('does not resolve names that were never imported', () => {
    expect(referenceOf("import express from 'express';", 'rateLimit')).toBeUndefined();
  });
});
