import { ts } from '../src/shared/typescript.cjs';
import { FS_MODULES } from '../src/facts/imports.js';
import { matchSourceCall, type SourceCall } from './utils/library-calls.js';
import { calleeReference, objectLiteralOf, originOf } from '../src/facts/origins.js';
import { propertyValue, shortText } from '../src/facts/syntax.js';
import { defineRule, type RuleContext } from '../src/engine/rule.js';

type MessageId = 'fileWrite' | 'uploadDir' | 'uploadShared' | 'databaseFile';

/** Deleting in the same function is the temp-file pattern: written, used and removed in one request. */
const FILE_REMOVALS = new Set(['unlink', 'unlinkSync', 'rm', 'rmSync', 'remove', 'removeSync', 'promises.unlink', 'promises.rm']);
const TEMPORARY_WORDS = new Set(['tmp', 'temp', 'tmpdir', 'tempdir', 'temporary', 'mkdtemp', 'mkdtempsync']);

export default defineRule({
  id: 'local-disk-write',
  kind: 'local-disk',
  title: 'Files written to local disk',
  description:
    'Flags run-time writes to the local filesystem (fs and fs/promises writes, appends, write streams, renames and copies, fs-extra), upload middleware that stores files on disk (multer `dest` or `diskStorage`, formidable `uploadDir`) and embedded databases kept in a local file (sqlite3, better-sqlite3, sqlite, lowdb, NeDB, LevelDB), also through write-file-atomic and steno.',
  severity: 'error',
  impact:
    'A user whose next request lands on another instance cannot read the file this instance wrote (an upload, an export, a generated report), and the file is lost when the instance is replaced.',
  move: 'Write to object storage (S3, GCS, Azure Blob) or the database, and keep local files only as scratch space removed within the same request.',
  precedence: 12,
  messages: {
    fileWrite: 'writes to local disk with {{label}} in {{where}}',
    uploadDir: '{{label}} stores uploaded files on local disk',
    uploadShared: '{{label}} sends uploads to shared storage',
    databaseFile: '{{label}} keeps a database in the local file {{path}}',
  },
  docs: {
    rationale:
      'The local disk of an instance is private to it and usually ephemeral. Files written while serving requests exist on one instance only.',
    notState:
      'Reads are not flagged, nor writes while the module loads (start-up set-up), nor a temporary file removed in the same function, nor multer with memory storage, nor an in-memory SQLite database (`:memory:`). multer with S3 storage is reported as Instance-local N.',
    flagged: [
      "import { writeFile } from 'node:fs/promises';",
      'export async function saveAvatar(userId: string, image: Buffer) {',
      '  await writeFile(`uploads/${userId}.png`, image);',
      '}',
    ].join('\n'),
    notFlagged: [
      "import { readFile } from 'node:fs/promises';",
      'export async function loadTemplate(name: string) {',
      '  return readFile(`templates/${name}.html`, "utf8");',
      '}',
    ].join('\n'),
  },
  create(context) {
    const fileWrites: SourceCall[] = [];
    const removals = new Set<string>();
    return {
      CallExpression(node) {
        if (isFileRemoval(node, context)) {
          removals.add(removalKey(node, node.arguments[0], context.sourceFile));
          return;
        }
        visitCreation(node, context, fileWrites);
      },
      NewExpression(node) {
        visitCreation(node, context, fileWrites);
      },
      'Program:exit'() {
        for (const write of fileWrites) {
          if (isScratchFile(write, removals, context)) continue;
          // Written by start-up code only (a schema emitted while the service boots): not per request.
          if (!context.program.loadTime.contextOf(write.call, context.facts).runtime) continue;
          reportFileWrite(write, context);
        }
      },
    };
  },
});

function visitCreation(node: ts.CallExpression | ts.NewExpression, context: RuleContext<MessageId>, fileWrites: SourceCall[]): void {
  const match = matchSourceCall(node, 'local-disk-write', context.facts, context.catalogue, context.program.factories);
  if (!match) return;
  if (match.source.databaseFile) {
    reportDatabaseFile(match, context);
    return;
  }
  if (match.source.runtimeOnly) {
    if (context.facts.execution.of(node).runtime) fileWrites.push(match);
    return;
  }
  reportUploadMiddleware(match, context);
}

function reportFileWrite(write: SourceCall, context: RuleContext<MessageId>): void {
  const execution = context.facts.execution.of(write.call);
  const symbol = `${shortText(write.call.expression, context.sourceFile, 40)}()`;
  context.report({
    node: write.call,
    messageId: 'fileWrite',
    data: { label: write.source.label, where: execution.where },
    symbol,
    confidence: execution.requestPath ? 'high' : 'medium',
    evidence: [{ node: write.call, message: `${write.source.label} in ${execution.where}` }],
  });
}

/** multer and formidable: disk when their directory option is set; multer storage engines decide for themselves. */
function reportUploadMiddleware(match: SourceCall, context: RuleContext<MessageId>): void {
  const { source, call } = match;
  const symbol = `${shortText(call.expression, context.sourceFile, 40)}()`;
  const options = objectLiteralOf(match.options, context.facts);
  if (!source.activeWhen) {
    context.report({ node: call, messageId: 'uploadDir', data: { label: source.label }, symbol, evidence: [{ node: call, message: `${source.label} writes each upload to a local directory` }] });
    return;
  }
  const directory = options && propertyValue(options, source.activeWhen);
  if (directory) {
    context.report({ node: call, messageId: 'uploadDir', data: { label: source.label }, symbol, evidence: [{ node: directory, message: `\`${source.activeWhen}\` is ${shortText(directory, context.sourceFile, 40)}` }] });
    return;
  }
  const storage = source.storageOption && options && propertyValue(options, source.storageOption);
  const origin = storage && originOf(storage, context.facts);
  const store = origin && context.catalogue.storeFor(origin);
  if (!storage || !store) return;
  context.report({
    node: call,
    messageId: 'uploadShared',
    data: { label: source.label },
    symbol,
    instanceLocal: false,
    move: `Keep it shared: ${store.note}.`,
    evidence: [{ node: storage, message: store.note }],
  });
}

/** SQLite keeps the whole database in a file of this instance; `:memory:` keeps it in the process and is left out. */
function reportDatabaseFile(match: SourceCall, context: RuleContext<MessageId>): void {
  const { argument, option, memoryWithout } = match.source.databaseFile!;
  const options = option === undefined ? undefined : objectLiteralOf(match.options, context.facts);
  const path = option === undefined ? match.call.arguments?.[argument ?? 0] : options && propertyValue(options, option);
  if (path && ts.isStringLiteralLike(path) && (path.text === ':memory:' || path.text === '')) return;
  // NeDB without a `filename` keeps its data in memory only.
  if (!path && memoryWithout) return;
  const shown = path ? shortText(path, context.sourceFile, 40) : '(default)';
  context.report({
    node: match.call,
    messageId: 'databaseFile',
    data: { label: match.source.label, path: shown },
    symbol: `${shortText(match.call.expression, context.sourceFile, 40)}()`,
    confidence: path ? 'high' : 'medium',
    move: 'Move the data to a database server every instance reaches (PostgreSQL, MySQL), or keep SQLite only for data each instance may rebuild on its own.',
    evidence: [{ node: path ?? match.call, message: `the database file is ${shown}: every instance has its own copy` }],
  });
}

function isFileRemoval(node: ts.CallExpression, context: RuleContext<MessageId>): boolean {
  const reference = calleeReference(node.expression, context.facts);
  return reference !== undefined && FS_MODULES.has(reference.module) && FILE_REMOVALS.has(reference.name);
}

/** A write whose path the same function removes again (`unlink(scratch)`) is scratch space. */
/**
 * Scratch space, not state: a path under the temporary folder (`os.tmpdir()`, `tmpDir`,
 * `createTmpFile()`), directly or through a local constant, or a file the same function removes.
 */
function isScratchFile(write: SourceCall, removals: ReadonlySet<string>, context: RuleContext<MessageId>): boolean {
  const path = write.call.arguments?.[0];
  if (!path) return false;
  if (removals.has(removalKey(write.call, path, context.sourceFile))) return true;
  const local = ts.isIdentifier(path) ? context.facts.localConstValue(path) : undefined;
  return [path, local].some((expression) => expression !== undefined && namesTemporaryPlace(expression.getText(context.sourceFile)));
}

function namesTemporaryPlace(text: string): boolean {
  const words = text.split(/[^A-Za-z0-9]+|(?=[A-Z][a-z])/).map((word) => word.toLowerCase());
  return words.some((word) => TEMPORARY_WORDS.has(word));
}

/** The enclosing function's position and the path expression's text. */
function removalKey(call: ts.Node, path: ts.Expression | undefined, sourceFile: ts.SourceFile): string {
  let scope: ts.Node = sourceFile;
  for (let current = call.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) {
      scope = current;
      break;
    }
  }
  return `${scope.pos}:${path ? path.getText(sourceFile).replace(/\s+/g, '') : ''}`;
}
