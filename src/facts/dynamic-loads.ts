import { ts } from '../shared/typescript.cjs';
import { FS_MODULES, resolveImportedReference, type ImportTable } from './imports.js';
import { propertyValue, skipOuterExpressions, staticName } from './syntax.js';

/** Packages that load every module of a folder they are given. */
const FOLDER_LOADERS = new Set(['@fastify/autoload', 'fastify-autoload', 'require-directory', 'require-all', 'require-dir']);
/** Options of those loaders that name the folder. */
const FOLDER_OPTIONS = ['dir', 'dirname', 'path'];
const READDIR = new Set(['readdir', 'readdirSync', 'opendir', 'opendirSync']);
const PATH_JOINS = new Set(['join', 'resolve']);

/**
 * The folder whose modules a call loads without naming them, as a specifier relative to the
 * calling file (`./routes`): a folder loader's folder (`@fastify/autoload`, `require-directory`),
 * the folder a `readdir` lists (servers require what they find there), or the constant folder of a
 * `require()` / `import()` whose path ends in a variable (`import(\`./handlers/${name}\`)`).
 * Servers load plugins, routes and handlers this way; the module graph counts them as reached.
 */
export function loadedFolderOf(call: ts.CallExpression, imports: ImportTable): string | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
    const argument = call.arguments[0];
    return argument && !ts.isStringLiteralLike(argument) ? folderPrefixOf(argument) : undefined;
  }
  const reference = resolveImportedReference(callee, imports);
  if (reference && FOLDER_LOADERS.has(reference.module)) return loaderFolder(call);
  if (isReaddir(callee, imports)) {
    const argument = call.arguments[0];
    return argument ? folderOf(argument) : undefined;
  }
  // fastify.register(autoload, { dir: ... }): the loader is an argument, not the callee.
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'register') {
    const plugin = call.arguments[0];
    const loaded = plugin && resolveImportedReference(plugin, imports);
    if (loaded && FOLDER_LOADERS.has(loaded.module)) return loaderFolder(call);
  }
  return undefined;
}

function isReaddir(callee: ts.Expression, imports: ImportTable): boolean {
  if (ts.isIdentifier(callee)) {
    const binding = imports.get(callee.text);
    return binding !== undefined && FS_MODULES.has(binding.module) && READDIR.has(binding.imported);
  }
  if (!ts.isPropertyAccessExpression(callee) || !READDIR.has(callee.name.text)) return false;
  // fs.readdirSync(...), fs.promises.readdir(...)
  let object = skipOuterExpressions(callee.expression);
  if (ts.isPropertyAccessExpression(object) && object.name.text === 'promises') object = skipOuterExpressions(object.expression);
  const reference = resolveImportedReference(object, imports);
  return reference !== undefined && FS_MODULES.has(reference.module);
}

/** The folder named by a loader call: a folder argument, or the `dir` option of an options object. */
function loaderFolder(call: ts.CallExpression): string | undefined {
  for (const argument of call.arguments) {
    const value = skipOuterExpressions(argument);
    if (ts.isObjectLiteralExpression(value)) {
      for (const option of FOLDER_OPTIONS) {
        const folder = propertyValue(value, option);
        const found = folder && folderOf(folder);
        if (found) return found;
      }
      continue;
    }
    const found = folderOf(value);
    if (found) return found;
  }
  return undefined;
}

/**
 * A folder written relative to the file: `'./routes'`, `path.join(__dirname, 'routes')`,
 * `join(import.meta.dirname, 'routes')`, `` `${__dirname}/routes` ``, `new URL('./routes', import.meta.url)`.
 */
function folderOf(expression: ts.Expression): string | undefined {
  const value = skipOuterExpressions(expression);
  if (ts.isStringLiteralLike(value)) return relativeFolder(value.text);
  if (ts.isCallExpression(value)) {
    const name = calleeName(value);
    if (name === 'fileURLToPath' && value.arguments[0]) return folderOf(value.arguments[0]);
    if (name && PATH_JOINS.has(name)) return joinedFolder(value.arguments);
    return undefined;
  }
  if (ts.isNewExpression(value) && calleeName(value) === 'URL' && value.arguments?.[0] && isFileFolder(value.arguments[1])) {
    return folderOf(value.arguments[0]);
  }
  // `${__dirname}/routes`: the whole template is the folder.
  if (ts.isTemplateExpression(value) && value.head.text === '' && value.templateSpans.length === 1 && isFileFolder(value.templateSpans[0]!.expression)) {
    return relativeFolder(`.${value.templateSpans[0]!.literal.text}`);
  }
  return undefined;
}

/** The constant folder in front of a variable part: `` `./handlers/${name}` `` -> `./handlers`. */
function folderPrefixOf(expression: ts.Expression): string | undefined {
  const value = skipOuterExpressions(expression);
  if (ts.isTemplateExpression(value)) {
    const [first, ...rest] = value.templateSpans;
    // `${__dirname}/routes/${name}`: the folder after the file's own folder.
    if (first && isFileFolder(first.expression)) {
      const tail = [first.literal.text, ...rest.map((span) => `\${}${span.literal.text}`)].join('');
      return relativeFolder(`.${tail.slice(0, tail.indexOf('${}') < 0 ? undefined : tail.indexOf('${}'))}`, true);
    }
    return relativeFolder(value.head.text, true);
  }
  if (ts.isCallExpression(value)) {
    const name = calleeName(value);
    if (name && PATH_JOINS.has(name)) return joinedFolder(value.arguments, true);
  }
  if (ts.isBinaryExpression(value) && value.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = skipOuterExpressions(value.left);
    if (ts.isStringLiteralLike(left)) return relativeFolder(left.text, true);
  }
  return undefined;
}

/** `join(__dirname, 'a', 'b')` -> `./a/b`; with `partial`, the constant parts before the first variable. */
function joinedFolder(parts: ts.NodeArray<ts.Expression>, partial = false): string | undefined {
  const [first, ...rest] = parts;
  if (!first || !isFileFolder(first)) return undefined;
  const names: string[] = [];
  for (const part of rest) {
    const value = skipOuterExpressions(part);
    if (!ts.isStringLiteralLike(value)) {
      if (partial) break;
      return undefined;
    }
    names.push(value.text);
  }
  return relativeFolder(['.', ...names].join('/'));
}

/** `__dirname`, `import.meta.dirname`, `import.meta.url`, `path.dirname(...)`: the file's own folder. */
function isFileFolder(expression: ts.Expression | undefined): boolean {
  if (!expression) return false;
  const value = skipOuterExpressions(expression);
  if (ts.isIdentifier(value)) return value.text === '__dirname' || value.text === 'dirname';
  if (ts.isPropertyAccessExpression(value) && ts.isMetaProperty(value.expression)) return value.name.text === 'dirname' || value.name.text === 'url';
  return ts.isCallExpression(value) && calleeName(value) === 'dirname';
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = skipOuterExpressions(call.expression);
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? staticName(callee.name) : undefined;
}

/** A relative folder specifier, or nothing for an absolute path, a package or the file's own folder alone. */
function relativeFolder(text: string, cutAtLastSlash = false): string | undefined {
  let folder = text.replace(/\\/g, '/');
  if (cutAtLastSlash) folder = folder.slice(0, folder.lastIndexOf('/') + 1);
  folder = folder.replace(/\/+$/, '');
  if (!folder.startsWith('./') && !folder.startsWith('../')) return undefined;
  return folder === '.' ? undefined : folder;
}
