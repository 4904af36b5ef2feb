import { describe, expect, it } from 'vitest';
import { ModuleLinker } from '../../src/facts/cross-file.js';
import { collectStateHolders } from '../../src/facts/holders.js';
import { findModuleScopeInstances } from '../../src/facts/instances.js';
import type { ModuleFacts } from '../../src/facts/module-facts.js';
import { factsOf } from '../helpers/module-facts.js';

/** The holders of one module, with module-scope instances computed as the engine does. */
function holdersOf(source: string) {
  const facts = factsOf(source);
  return collectStateHolders(facts, findModuleScopeInstances(new ModuleLinker([facts], () => undefined)));
}

const summary = (facts: ModuleFacts, holder: string) =>
  facts.runtimeWritesOf(holder).map((use) => `${use.kind}${use.method ? `:${use.method}` : ''} in ${use.context.where}`);

describe('runtime writes', () => {
  it('counts writes inside functions and ignores writes while the module loads', () => {
    const facts = factsOf(`
      const carts = new Map();
      carts.set('seed', []);
      [1, 2].forEach((n) => carts.set(String(n), []));
      (() => carts.set('iife', []))();
      export function addItem(user, sku) { carts.set(user, [sku]); }
    `);
    expect(summary(facts, 'carts')).toEqual(['call:set in addItem']);
  });

  it('treats callbacks deferred once with process.nextTick, setImmediate or queueMicrotask as running with their caller', () => {
    const facts = factsOf(`
      const settings = {};
      process.nextTick(() => { settings['a'] = 1; });
      setImmediate(() => { settings['b'] = 2; });
      export function later(key) { queueMicrotask(() => { settings[key] = 3; }); }
    `);
    expect(summary(facts, 'settings')).toEqual(['member-assign in later']);
  });

  it('does not count a local variable that shadows the module binding', () => {
    const facts = factsOf(`
      const cache = new Map();
      export function handler() { const cache = new Map(); cache.set('k', 1); return cache; }
      export function other(cache) { cache.set('k', 2); }
    `);
    expect(summary(facts, 'cache')).toEqual([]);
  });

  it('records assignments, computed writes, deletes and updates', () => {
    const facts = factsOf(`
      let counter = 0;
      const byId = {};
      export function touch(id) { counter++; byId[id] = Date.now(); delete byId[id]; }
    `);
    expect(summary(facts, 'counter')).toEqual(['update in touch']);
    expect(facts.runtimeWritesOf('byId').map((use) => [use.kind, use.computedKey])).toEqual([
      ['member-assign', true],
      ['delete', true],
    ]);
  });

  it('names route handlers and marks them as request paths', () => {
    const facts = factsOf(`
      import express from 'express';
      const app = express();
      const seen = new Set();
      app.post('/orders', (req, res) => { seen.add(req.body.id); res.end(); });
    `);
    const [write] = facts.runtimeWritesOf('seen');
    expect(write?.context).toMatchObject({ runtime: true, where: 'POST /orders handler', requestPath: true });
  });

  it('keys this.field writes by class, and static ones by Class.field', () => {
    const facts = factsOf(`
      export class Registry {
        static instances = new Map();
        private items = new Map();
        add(id) { this.items.set(id, 1); Registry.instances.set(id, this); }
        static reset() { this.instances.clear(); }
      }
    `);
    expect(summary(facts, 'Registry#items')).toEqual(['call:set in Registry.add']);
    expect(summary(facts, 'Registry.instances')).toEqual(['call:set in Registry.add', 'call:clear in Registry.reset']);
  });
});

describe('state holders', () => {
  it('treats NestJS providers as singletons unless request- or transient-scoped', () => {
    const holders = holdersOf(`
      import { Injectable, Scope } from '@nestjs/common';
      @Injectable()
      export class PriceService { private cache = new Map(); }
      @Injectable({ scope: Scope.REQUEST })
      export class RequestContext { private values = new Map(); }
    `);
    const names = holders.map((holder) => holder.name);
    expect(names).toContain('PriceService.cache');
    expect(names).not.toContain('RequestContext.values');
  });

  it('treats a class instantiated once at module scope as a singleton, including constructor fields', () => {
    const all = holdersOf(`
      class SessionStore { constructor() { this.sessions = new Map(); } }
      class Helper { constructor() { this.items = []; } }
      export const store = new SessionStore();
      export const a = new Helper();
      export const b = new Helper();
    `);
    const holders = all.filter((holder) => holder.owner);
    expect(holders.map((holder) => [holder.name, holder.owner?.reason])).toEqual([
      ['SessionStore.sessions', 'instantiated once at module scope as `store`'],
    ]);
  });

  it('treats variables captured by a factory called once at module scope as holders', () => {
    const holders = holdersOf(`
      function createStore() { const items = new Map(); return { add: (id) => items.set(id, 1) }; }
      const makeTemp = () => { const scratch = []; return scratch; };
      export const store = createStore();
    `);
    expect(holders.filter((holder) => holder.owner).map((holder) => [holder.key, holder.owner?.reason])).toEqual([
      ['createStore()#items', 'called once at module scope as `store`'],
    ]);
  });
});

describe('ModuleFacts member writes', () => {
  it('records a write keyed by a variable as a computed key, and a literal key as a fixed slot', () => {
    const facts = factsOf(
      ['const prices: Record<string, number> = {};', 'export function set(sku: string) {', '  prices[sku] = 1;', "  prices['total'] = 2;", '  prices[0] = 3;', '}'].join('\n'),
    );
    expect(facts.usesOf('prices').map((use) => [use.kind, use.computedKey])).toEqual([
      ['member-assign', true],
      ['member-assign', false],
      ['member-assign', false],
    ]);
  });
});
