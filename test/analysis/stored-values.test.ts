import { describe, expect, it } from 'vitest';
import { storedValues } from '../../rules/utils/stored-values.js';
import { factsOf } from '../helpers/module-facts.js';

describe('storedValues', () => {
  it('finds what adds, sets, index writes and writes into a nested collection store', () => {
    const facts = factsOf(
      [
        'const rooms = new Map<string, Set<string>>();',
        'export function join(room: string, member: string) {',
        '  rooms.set(room, new Set());',
        '  rooms.get(room)!.add(member);',
        '  rooms.get(room)?.has(member);',
        '}',
        'const byId: Record<string, string> = {};',
        'export function name(id: string, value: string) { byId[id] = value; }',
      ].join('\n'),
    );
    const describe = (holder: string) =>
      facts.usesOf(holder).map((use) => {
        const stored = storedValues(use);
        return stored ? `${stored.operation} ${stored.values.map((value) => value.getText()).join(', ')}` : `${use.method ?? use.kind}: nothing`;
      });
    expect(describe('rooms')).toEqual(['.set() room, new Set()', '.get().add() member', 'get: nothing']);
    expect(describe('byId')).toEqual(['[key] = value']);
  });
});
