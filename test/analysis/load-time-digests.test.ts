import { describe, expect, it } from 'vitest';
import { loadTimeContributionsOf } from '../../src/facts/load-time-sites.js';
import { factsOf } from '../helpers/module-facts.js';

/** The digest a file contributes to `call:<name>`: what a cached verdict about that callee read here. */
function callDigest(source: string, name: string): string | undefined {
  const facts = factsOf(source);
  return loadTimeContributionsOf(facts).find((contribution) => contribution.key === `call:${name}`)?.digest;
}

/** `start()` called in a handler that mentions `word`, with `name` imported from `module`. */
function withImport(name: string, module: string, word = name): string {
  return [`import { ${name} } from '${module}';`, `export function handle() {`, `  return [${word}].map(() => start());`, `}`].join('\n');
}

describe('load-time digests: the imports a call site mentions', () => {
  it('change when an import the enclosing code mentions comes from another module', () => {
    expect(callDigest(withImport('db', './a'), 'start')).not.toBe(callDigest(withImport('db', './b'), 'start'));
  });

  it('stay when an import the call site does not mention changes', () => {
    const mentioned = (module: string): string => `import { other } from '${module}';\n${withImport('db', './a')}`;
    expect(callDigest(mentioned('./x'), 'start')).toBe(callDigest(mentioned('./y'), 'start'));
  });

  it('count whole words only: `db` is not mentioned by `dbx` or `$db`', () => {
    for (const word of ['dbx', '$db', 'db2']) {
      const source = (module: string): string => `import { db } from '${module}';\nconst ${word} = 1;\n${withImport('db', './a', word).split('\n').slice(1).join('\n')}`;
      expect(callDigest(source('./a'), 'start'), word).toBe(callDigest(source('./b'), 'start'));
    }
  });

  it('find names with `$` and names outside ASCII', () => {
    for (const name of ['$', '$db', 'café']) {
      expect(callDigest(withImport(name, './a'), 'start'), name).not.toBe(callDigest(withImport(name, './b'), 'start'));
    }
  });

  it('do not find a name outside ASCII inside a longer word', () => {
    const source = (module: string): string => `import { café } from '${module}';\nconst xcafé = 1;\nexport function handle() {\n  return [xcafé].map(() => start());\n}`;
    expect(callDigest(source('./a'), 'start')).toBe(callDigest(source('./b'), 'start'));
  });

  it('are worked out only for the keys asked for; the other keys are listed without one', () => {
    const facts = factsOf(withImport('db', './a'));
    const contributions = loadTimeContributionsOf(facts, (key) => key === 'call:start');
    expect(contributions.map(({ key, digest }) => [key, digest === undefined])).toEqual([
      ['call:map', true],
      ['call:start', false],
    ]);
    expect(contributions.find(({ key }) => key === 'call:start')?.digest).toBe(callDigest(withImport('db', './a'), 'start'));
  });
});
