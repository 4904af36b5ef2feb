import { testRule } from '../helpers/rule-tester.js';

testRule('idempotency-set', {
  valid: [
    {
      name: 'a set of known event ids filled at load',
      code: [
        "const REPLAYED_EVENT_IDS = new Set(['evt_1', 'evt_2']);",
        "REPLAYED_EVENT_IDS.add('evt_3');",
        'export function isReplay(event: { id: string }) { return REPLAYED_EVENT_IDS.has(event.id); }',
      ],
    },
  ],
  invalid: [
    {
      name: 'check-then-record on an idempotency key, with exactly one line per holder',
      code: [
        'const handled = new Map<string, number>();',
        'export function accept(headers: Record<string, string>) {',
        "  const requestId = headers['x-request-id'];",
        '  if (handled.has(requestId)) return false;',
        '  handled.set(requestId, Date.now());',
        '  return true;',
        '}',
      ],
      findings: [
        {
          line: 1,
          message: 'Map `handled` remembers processed `requestId` in process memory (`.has()` then `.set()` in accept)',
          evidence: [{ line: 4 }, { line: 5 }],
        },
      ],
    },
    {
      name: 'an array of processed ids checked with includes',
      code: [
        'const processedDeliveries: string[] = [];',
        'export async function onDelivery(delivery: { id: string }) {',
        '  if (processedDeliveries.includes(delivery.id)) return;',
        '  processedDeliveries.push(delivery.id);',
        '}',
      ],
      findings: [{ line: 1, confidence: 'high' }],
    },
    {
      name: 'less sure when only the name says so and the key is not an id',
      code: [
        'const seenTitles = new Set<string>();',
        'export function announce(title: string) {',
        '  if (seenTitles.has(title)) return;',
        '  seenTitles.add(title);',
        '}',
      ],
      findings: [{ line: 1, confidence: 'medium' }],
    },
    {
      name: 'a cache keyed by an ordinary id is left to module-cache',
      code: [
        'const customers = new Map<string, object>();',
        'export async function customer(customerId: string) {',
        '  if (customers.has(customerId)) return customers.get(customerId);',
        '  const loaded = await fetch(`/customers/${customerId}`).then((response) => response.json());',
        '  customers.set(customerId, loaded);',
        '  return loaded;',
        '}',
      ],
      findings: [{ line: 1, ruleId: 'module-cache', confidence: 'medium' }],
    },
    {
      name: 'a check and a record made in unrelated functions or on different keys are no pair',
      code: [
        'const processedEventIds = new Set<string>();',
        'export function isDuplicate(event: { id: string }) { return processedEventIds.has(event.id); }',
        'export function remember(event: { id: string }) { processedEventIds.add(event.id); }',
        'const processedMessages = new Set<string>();',
        'export function handle(message: { messageId: string; replyTo: string }) {',
        '  if (processedMessages.has(message.messageId)) return;',
        '  processedMessages.add(message.replyTo);',
        '}',
      ],
      findings: [
        { line: 1, ruleId: 'module-cache', confidence: 'medium' },
        { line: 4, ruleId: 'module-cache', confidence: 'medium' },
      ],
    },
  ],
});
