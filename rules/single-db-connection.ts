import { ts } from '../src/shared/typescript.cjs';
import { libraryStateAt, type LibraryState } from './utils/library-calls.js';
import type { Use, UseSelector } from '../src/facts/uses.js';
import { defineRule, type EvidenceInput, type RuleContext } from '../src/engine/rule.js';

type MessageId = 'connection';

/** Statements that leave state on the connection for whoever sends the next query. */
const SESSION_STATEMENTS: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /^\s*(BEGIN|START\s+TRANSACTION)\b/i, what: 'opens a transaction' },
  { pattern: /^\s*SET\s/i, what: 'sets session state' },
  { pattern: /\bset_config\s*\(/i, what: 'sets session state' },
  { pattern: /^\s*(LISTEN|PREPARE|LOCK\s+TABLE)\b/i, what: 'leaves session state' },
  { pattern: /^\s*CREATE\s+TEMP(ORARY)?\s+TABLE\b/i, what: 'creates a session-local table' },
  { pattern: /\bpg_advisory_lock\s*\(/i, what: 'takes a session-level advisory lock' },
];
const SESSION_METHODS: Readonly<Record<string, string>> = { beginTransaction: 'opens a transaction', changeUser: 'switches the session user' };
const QUERY_METHODS: ReadonlySet<string> = new Set(['query', 'execute', 'exec', 'raw']);
const CLOSE_METHODS: ReadonlySet<string> = new Set(['end', 'close', 'destroy']);
/** What the rule looks at on the connection: closing it, and what may leave session state on it. */
const CONNECTION_USES: UseSelector = { kinds: ['call'], methods: new Set([...CLOSE_METHODS, ...Object.keys(SESSION_METHODS), ...QUERY_METHODS]) };

export default defineRule({
  id: 'single-db-connection',
  kind: 'connection',
  title: 'One database connection shared by every request',
  description:
    'Flags a single long-lived database connection kept for the life of the process (pg `Client`, mysql/mysql2/mariadb `createConnection`, tedious `Connection`, oracledb `getConnection`), with higher confidence when session state (SET, set_config, BEGIN … COMMIT) is put on it. Pools are not flagged.',
  severity: 'warning',
  impact:
    'Transaction-local and session-local state leaks between users: a `SET` or an open `BEGIN` from one request applies to the queries of every other request on this instance; every query waits in one line, and the connection dies with the instance.',
  move: 'Use a pool (pg.Pool, mysql.createPool) and check a client out per request; keep each transaction inside one request on one checked-out client, and pass per-user settings with SET LOCAL inside it.',
  precedence: 26,
  messages: {
    connection: '{{label}} connection `{{name}}` is shared by every request{{session}}',
  },
  docs: {
    rationale:
      'A connection carries state beyond the query in flight: the open transaction, SET variables, temporary tables, advisory locks. One connection shared by all requests of a process hands that state from one user to the next and ties the service to one socket.',
    notState:
      'Pools (pg.Pool, mysql.createPool, mongodb MongoClient, knex, Prisma, TypeORM DataSource) hand each request its own connection and are not flagged. A client created and ended within one function is per-call. SQLite (sqlite3, better-sqlite3, sqlite) is not a connection to a shared server: its database is a file on this instance, which local-disk-write reports.',
    flagged: [
      "import { Client } from 'pg';",
      'const db = new Client({ connectionString: process.env.DATABASE_URL });',
      'await db.connect();',
      'export async function ordersOf(tenantId: string) {',
      "  await db.query(`SET app.tenant_id = '${tenantId}'`);",
      "  return db.query('SELECT * FROM orders');",
      '}',
    ].join('\n'),
    notFlagged: [
      "import { Client } from 'pg';",
      'export async function migrate() {',
      '  const client = new Client();',
      '  await client.connect();',
      "  await client.query('CREATE TABLE IF NOT EXISTS orders (id text)');",
      '  await client.end();',
      '}',
    ].join('\n'),
  },
  create(context) {
    const connections: LibraryState[] = [];
    const collect = (node: ts.CallExpression | ts.NewExpression): void => {
      const state = libraryStateAt(node, 'single-db-connection', context);
      if (state?.site.lifetime) connections.push(state);
    };
    return {
      CallExpression: collect,
      NewExpression: collect,
      // The uses of the connection are complete only once the whole file has been walked.
      'Program:exit'() {
        for (const state of connections) reportConnection(state, context);
      },
    };
  },
});

function reportConnection(state: LibraryState, context: RuleContext<MessageId>): void {
  const uses = state.site.holder ? context.facts.usesOf(state.site.holder.key, CONNECTION_USES) : [];
  // A script that connects, works and ends while the module loads holds nothing between requests.
  if (uses.some((use) => use.kind === 'call' && CLOSE_METHODS.has(use.method!) && !use.context.runtime)) return;
  const sessionEvidence = uses.flatMap((use) => sessionStateAt(use));
  const sessionState = sessionEvidence.length > 0;
  context.report({
    node: state.site.node,
    messageId: 'connection',
    data: { label: state.match.source.label, name: state.site.name, session: sessionState ? ', with session state set on it' : '' },
    symbol: state.site.name,
    confidence: sessionState ? 'high' : 'medium',
    evidence: [creationEvidence(state), ...sessionEvidence.slice(0, 5)],
  });
}

function creationEvidence(state: LibraryState): EvidenceInput {
  return { node: state.match.call, message: `one connection made by ${state.match.source.label} (${state.site.lifetime})` };
}

/** What a use of the connection leaves on it: `query('SET …')`, `query('BEGIN')`, `beginTransaction()`. */
function sessionStateAt(use: Use): EvidenceInput[] {
  if (use.kind !== 'call') return [];
  const method = use.method!;
  const where = use.context.where;
  if (SESSION_METHODS[method]) return [{ node: use.node, message: `.${method}() ${SESSION_METHODS[method]} on the shared connection in ${where}` }];
  if (!QUERY_METHODS.has(method)) return [];
  const sql = leadingSql((use.node as ts.CallExpression).arguments[0]);
  if (sql === undefined) return [];
  const statement = SESSION_STATEMENTS.find(({ pattern }) => pattern.test(sql));
  if (!statement) return [];
  return [{ node: use.node, message: `\`${sql.trim().split(/\s+/).slice(0, 3).join(' ')}\` ${statement.what} on the shared connection in ${where}` }];
}

/** The literal start of a query: a string, the head of a template, or the `text` of a query config. */
function leadingSql(argument: ts.Expression | undefined): string | undefined {
  if (!argument) return undefined;
  if (ts.isStringLiteralLike(argument)) return argument.text;
  if (ts.isTemplateExpression(argument)) return argument.head.text;
  if (ts.isObjectLiteralExpression(argument)) {
    const text = argument.properties.find((property) => ts.isPropertyAssignment(property) && property.name.getText() === 'text');
    return text && ts.isPropertyAssignment(text) ? leadingSql(text.initializer) : undefined;
  }
  return undefined;
}
