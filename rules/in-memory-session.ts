import type { ts } from '../src/shared/typescript.cjs';
import { libraryStateAt, reportLibraryState } from './utils/library-calls.js';
import { keyedCollectionsNamed } from './utils/named-collections.js';
import { describeWrites, writeEvidence } from './utils/write-evidence.js';
import { defineRule, type RuleContext } from '../src/engine/rule.js';

const SESSION_NAME = /session/i;

type MessageId = 'library' | 'libraryShared' | 'handMade';

export default defineRule({
  id: 'in-memory-session',
  kind: 'session',
  title: 'Sessions kept in process memory',
  description:
    'Flags session middleware without a shared store (express-session on its default MemoryStore, memorystore, @fastify/session without a store) and hand-made session maps; a session store on Redis, a database or a signed cookie is reported as Instance-local N.',
  severity: 'error',
  impact:
    'A user whose next request lands on another instance is not logged in there: the session and everything in it (cart, CSRF token, flash messages) is missing, and every restart or deploy logs everyone out.',
  move: 'Store sessions in a shared store with a TTL (connect-redis, connect-pg-simple, connect-mongo), or carry small sessions in a signed cookie.',
  precedence: 40,
  messages: {
    library: '{{label}} keeps sessions in process memory',
    libraryShared: '{{label}} keeps sessions outside the instance',
    handMade: 'hand-made session store `{{name}}` ({{writes}})',
  },
  docs: {
    rationale:
      'A session is the state a user carries from request to request. Held in one process, it exists only on the instance that created it.',
    notState:
      'express-session with a `store` such as connect-redis, cookie-session and other signed-cookie sessions keep nothing on the instance and get an Instance-local N line.',
    flagged: [
      "import session from 'express-session';",
      "import express from 'express';",
      'const app = express();',
      "app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));",
    ].join('\n'),
    notFlagged: [
      "import express from 'express';",
      "const app = express();",
      "const sessionCookieName = 'sid';",
      "app.get('/logout', (req, res) => res.clearCookie(sessionCookieName).end());",
    ].join('\n'),
  },
  create(context) {
    const check = (node: ts.CallExpression | ts.NewExpression): void => reportSessionMiddleware(node, context);
    return {
      CallExpression: check,
      NewExpression: check,
      'Program:exit'() {
        reportHandMadeSessions(context);
      },
    };
  },
});

function reportSessionMiddleware(node: ts.CallExpression | ts.NewExpression, context: RuleContext<MessageId>): void {
  const state = libraryStateAt(node, 'in-memory-session', context);
  if (state) reportLibraryState(context, state, { local: 'library', shared: 'libraryShared' });
}

function reportHandMadeSessions(context: RuleContext<MessageId>): void {
  for (const { holder, writes } of keyedCollectionsNamed(context, SESSION_NAME)) {
    context.report({
      node: holder.declaration,
      messageId: 'handMade',
      data: { name: holder.name, writes: describeWrites(writes) },
      symbol: holder.name,
      confidence: 'high',
      evidence: writeEvidence(holder, writes),
    });
  }
}
