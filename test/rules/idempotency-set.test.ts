import { describe, expect, it } from 'vitest';
import { analyseSnippet } from '../helpers/scan-fixture.js';

function lines(text: string): string[] {
  return analyseSnippet(text).map((finding) => `${finding.line} ${finding.ruleId} ${finding.confidence}`);
}

describe('idempotency-set', () => {
  it('flags check-then-record on an idempotency key with exactly one line per holder', () => {
    const findings = analyseSnippet(
      [
        'const handled = new Map<string, number>();',
        'export function accept(headers: Record<string, string>) {',
        "  const requestId = headers['x-request-id'];",
        '  if (handled.has(requestId)) return false;',
        '  handled.set(requestId, Date.now());',
        '  return true;',
        '}',
      ].join('\n'),
    );
    expect(findings.map((finding) => `${finding.line} ${finding.ruleId}`)).toEqual(['1 idempotency-set']);
    expect(findings[0]?.message).toBe('Map `handled` remembers processed `requestId` in process memory (`.has()` then `.set()` in accept)');
    expect(findings[0]?.evidence.map((item) => item.line)).toEqual([4, 5]);
  });

  it('flags an array of processed ids checked with includes', () => {
    expect(
      lines(
        [
          'const processedDeliveries: string[] = [];',
          'export async function onDelivery(delivery: { id: string }) {',
          '  if (processedDeliveries.includes(delivery.id)) return;',
          '  processedDeliveries.push(delivery.id);',
          '}',
        ].join('\n'),
      ),
    ).toEqual(['1 idempotency-set high']);
  });

  it('is less sure when only the name says so and the key is not an id', () => {
    expect(
      lines(
        [
          'const seenTitles = new Set<string>();',
          'export function announce(title: string) {',
          '  if (seenTitles.has(title)) return;',
          '  seenTitles.add(title);',
          '}',
        ].join('\n'),
      ),
    ).toEqual(['1 idempotency-set medium']);
  });

  it('leaves a cache keyed by an ordinary id to module-cache', () => {
    expect(
      lines(
        [
          'const customers = new Map<string, object>();',
          'export async function customer(customerId: string) {',
          '  if (customers.has(customerId)) return customers.get(customerId);',
          '  const loaded = await fetch(`/customers/${customerId}`).then((response) => response.json());',
          '  customers.set(customerId, loaded);',
          '  return loaded;',
          '}',
        ].join('\n'),
      ),
    ).toEqual(['1 module-cache medium']);
  });

  it('does not pair a check and a record made in unrelated functions or on different keys', () => {
    expect(
      lines(
        [
          'const processedEventIds = new Set<string>();',
          'export function isDuplicate(event: { id: string }) { return processedEventIds.has(event.id); }',
          'export function remember(event: { id: string }) { processedEventIds.add(event.id); }',
          'const processedMessages = new Set<string>();',
          'export function handle(message: { messageId: string; replyTo: string }) {',
          '  if (processedMessages.has(message.messageId)) return;',
          '  processedMessages.add(message.replyTo);',
          '}',
        ].join('\n'),
      ),
    ).toEqual(['1 module-cache medium', '4 module-cache medium']);
  });

  it('does not flag a set of known event ids filled at load', () => {
    expect(
      lines(
        [
          "const REPLAYED_EVENT_IDS = new Set(['evt_1', 'evt_2']);",
          "REPLAYED_EVENT_IDS.add('evt_3');",
          'export function isReplay(event: { id: string }) { return REPLAYED_EVENT_IDS.has(event.id); }',
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});
