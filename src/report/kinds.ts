/** The closed list of kinds of hidden state, with the titles every reporter shows. */
export const KIND_TITLES = {
  affinity: 'Load-balancer affinity',
  cache: 'In-process cache',
  connection: 'Long-lived connection',
  'connection-registry': 'Connection registry',
  idempotency: 'Idempotency record',
  'local-disk': 'Local disk',
  lock: 'In-process lock',
  'mutable-global': 'Mutable global',
  queue: 'In-process queue',
  'rate-limit': 'Rate-limit counters',
  scheduler: 'In-process scheduler',
  session: 'Session store',
} as const;

export type Kind = keyof typeof KIND_TITLES;

export const KINDS = Object.keys(KIND_TITLES) as Kind[];
