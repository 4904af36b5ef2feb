import { formatFactor, formatNumber, formatPercent } from '../shared/number-format.js';

export type StoreEngine = 'memcached' | 'redis';

/** What one node serves, roughly: the range usually quoted, and its low end, which plans use. */
export const NODE_CAPACITY: Record<StoreEngine, { name: string; low: number; high: number; pair: string }> = {
  memcached: { name: 'Memcached', low: 200_000, high: 200_000, pair: 'two nodes, each session written to both' },
  redis: { name: 'Redis', low: 100_000, high: 150_000, pair: 'a primary and a replica' },
};

export const STORE_ENGINES = Object.keys(NODE_CAPACITY) as StoreEngine[];
/** Share of requests that write the session back when nobody says: a session touched on change only. */
export const DEFAULT_WRITE_RATIO = 0.3;
/** The growth every plan is checked against. */
export const GROWTH_FACTOR = 2;

/** What sizing the session store needs to know. */
export interface EstimateInput {
  /** Peak requests per second across the whole tier. */
  peakRps: number;
  /** Share of requests that write the session back, 0 to 1. */
  writeRatio: number;
  store: StoreEngine;
  /** Operations per second one node serves; by default the low end of the store's usual range. */
  nodeCapacity?: number;
  /** Planned instances, to show what each one sends. */
  instances?: number;
}

export interface SessionStoreEstimate {
  input: EstimateInput;
  /** One read per request. */
  reads: number;
  /** `writeRatio` × requests. */
  writes: number;
  total: number;
  /** Operations per second planned for one node. */
  capacity: number;
  /** Shards needed at today's peak; 1 means one HA pair. */
  shards: number;
  /** How many times the peak can grow before today's layout is full. */
  headroom: number;
  growth: { factor: number; total: number; shards: number };
  perInstance?: { instances: number; rps: number; ops: number; rpsAfterLoss?: number };
}

/** Session-store load at peak (R reads/s + w·R writes/s) against one node's capacity, now and at 2× growth. */
export function estimateSessionLoad(input: EstimateInput): SessionStoreEstimate {
  const reads = Math.round(input.peakRps);
  const writes = Math.round(input.peakRps * input.writeRatio);
  const total = reads + writes;
  const capacity = input.nodeCapacity ?? NODE_CAPACITY[input.store].low;
  const shards = Math.max(1, Math.ceil(total / capacity));
  const growthTotal = total * GROWTH_FACTOR;
  const estimate: SessionStoreEstimate = {
    input,
    reads,
    writes,
    total,
    capacity,
    shards,
    headroom: total === 0 ? Infinity : (shards * capacity) / total,
    growth: { factor: GROWTH_FACTOR, total: growthTotal, shards: Math.max(1, Math.ceil(growthTotal / capacity)) },
  };
  if (input.instances !== undefined) {
    const { instances } = input;
    estimate.perInstance = {
      instances,
      rps: input.peakRps / instances,
      ops: total / instances,
      ...(instances > 1 ? { rpsAfterLoss: input.peakRps / (instances - 1) } : {}),
    };
  }
  return estimate;
}

/** The estimate in sentences: the headline answer, then the arithmetic behind it. */
export interface EstimateText {
  /** "One Redis HA pair suffices …" or "Needs 3 Redis shards …". */
  headline: string;
  details: string[];
}

export function describeEstimate(estimate: SessionStoreEstimate): EstimateText {
  const { input, shards, growth } = estimate;
  const store = NODE_CAPACITY[input.store];
  const load = `${formatNumber(estimate.reads, 0)} reads/s (one per request) + ${formatNumber(estimate.writes, 0)} writes/s (${formatPercent(input.writeRatio)} of requests) = ${formatNumber(estimate.total, 0)} ops/s at a peak of ${formatNumber(input.peakRps)} req/s.`;
  const capacity = input.nodeCapacity === undefined
    ? `One ${store.name} node serves about ${rangeOf(store.low, store.high)} ops/s; the plan uses ${formatNumber(estimate.capacity, 0)}.`
    : `One ${store.name} node serves ${formatNumber(estimate.capacity, 0)} ops/s (as given).`;
  const headline = shards === 1
    ? `One ${store.name} HA pair (${store.pair}) suffices: the peak takes ${formatPercent(estimate.total / estimate.capacity)} of one node.`
    : `Needs ${shards} ${store.name} shards, each an HA pair: the peak is ${formatFactor(estimate.total / estimate.capacity)} one node.`;
  const growthLine = growth.shards > shards
    ? `At ${growth.factor}× growth (${formatNumber(growth.total, 0)} ops/s) it needs ${growth.shards} shards: ${shards === 1 ? 'shard' : 'add shards'} before the peak grows about ${formatFactor(estimate.headroom)}.`
    : `At ${growth.factor}× growth (${formatNumber(growth.total, 0)} ops/s) the same layout still holds (${formatPercent(growth.total / (shards * estimate.capacity))} of its capacity).`;
  const details = [load, capacity, growthLine];
  const perInstance = estimate.perInstance;
  if (perInstance) {
    const loss = perInstance.rpsAfterLoss === undefined
      ? ''
      : `; with one instance down, each of the other ${formatNumber(perInstance.instances - 1)} takes ${formatLoad(perInstance.rpsAfterLoss)} req/s`;
    const fleet = perInstance.instances === 1 ? 'With one instance it' : `At ${formatNumber(perInstance.instances)} instances each`;
    details.push(`${fleet} serves ${formatLoad(perInstance.rps)} req/s and sends ${formatLoad(perInstance.ops)} ops/s to the store${loss}.`);
  }
  if (input.store === 'memcached') details.push('Memcached does not replicate: a failed node loses the sessions it held unless the client writes each session to two nodes.');
  return { headline, details };
}

/** Whole numbers from 100 up; one decimal below, where it matters. */
function formatLoad(value: number): string {
  return formatNumber(value, value >= 100 ? 0 : 1);
}

function rangeOf(low: number, high: number): string {
  return low === high ? formatNumber(low, 0) : `${formatNumber(low, 0)}–${formatNumber(high, 0)}`;
}
