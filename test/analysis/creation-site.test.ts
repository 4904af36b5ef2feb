import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { creationSiteOf } from '../../src/facts/creation-site.js';
import { ModuleLinker } from '../../src/facts/cross-file.js';
import { collectStateHolders } from '../../src/facts/holders.js';
import { findModuleScopeInstances } from '../../src/facts/instances.js';
import { ModuleFacts } from '../../src/facts/module-facts.js';
import { parseText } from '../../src/engine/parse.js';

/** The creation site of every `new Client()` in the text, as `name lifetime`. */
function sitesOf(text: string): string[] {
  const { sourceFile } = parseText('site.ts', text);
  const facts = new ModuleFacts(sourceFile);
  const holders = collectStateHolders(facts, findModuleScopeInstances(new ModuleLinker([facts], () => undefined)));
  const sites: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && node.expression.getText(sourceFile) === 'Client') {
      const site = creationSiteOf(node, facts, holders);
      sites.push(`${site.name} ${site.lifetime ?? 'per-call'}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return sites;
}

describe('creationSiteOf', () => {
  it('follows assignments to a module variable made at run time', () => {
    const text = [
      'declare class Client {}',
      'let lazy: Client | undefined;',
      'let fallback: Client | undefined;',
      'let reassigned: Client | undefined;',
      'export function get() {',
      '  lazy ??= new Client();',
      '  fallback = fallback ?? new Client();',
      '  reassigned = new Client();',
      '}',
    ].join('\n');
    expect(sitesOf(text)).toEqual(['lazy module scope', 'fallback module scope', 'reassigned module scope']);
  });

  it('follows `this.field = …` in a method of a singleton class', () => {
    const text = [
      'declare class Client {}',
      'class Repository {',
      '  private client: Client | undefined;',
      '  connect() { this.client = new Client(); }',
      '}',
      'export const repository = new Repository();',
    ].join('\n');
    expect(sitesOf(text)).toEqual(['Repository.client field of Repository, instantiated once at module scope as `repository`']);
  });

  it('keeps a value assigned to a local variable per call', () => {
    const text = ['declare class Client {}', 'export function get() {', '  let local: Client;', '  local = new Client();', '  return local;', '}'].join('\n');
    expect(sitesOf(text)).toEqual(['Client() per-call']);
  });
});
