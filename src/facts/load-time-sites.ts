import { hash } from 'node:crypto';
import { ts } from '../shared/typescript.cjs';
import type { ModuleFacts } from './module-facts.js';
import { callKey, passedKey } from './reads.js';
import { declaredBy } from './scope.js';
import { isFunctionLike, skipOuterExpressions, staticName } from './syntax.js';

// The calls and passed functions of the scan by name, which load-time verdicts read, and the
// digests the cache keeps of them (see incremental.ts).

export interface NamedSite {
  node: ts.Expression;
  call?: ts.CallExpression | ts.NewExpression;
  facts: ModuleFacts;
}

export type CallSite = NamedSite & { call: ts.CallExpression | ts.NewExpression };

/** A call, `new` or function passed as an argument, by the name it is written with. */
interface Site extends NamedSite {
  name: string;
}

/** A module's named calls and `new`s (with `call`), then the named functions it passes as arguments. */
function namedSitesOf(facts: ModuleFacts): Site[] {
  const sites: Site[] = [];
  const add = (node: ts.Expression, call?: ts.CallExpression | ts.NewExpression): void => {
    const name = staticName(skipOuterExpressions(node));
    if (name) sites.push({ name, node, facts, ...(call ? { call } : {}) });
  };
  for (const call of facts.namedCalls()) add(call.expression, call);
  for (const call of facts.namedConstructions()) add(call.expression, call);
  for (const node of facts.passedFunctions()) add(node);
  return sites;
}

/** Every named call and `new` of the scan, and every named function passed, by name. */
export function indexSites(modules: readonly ModuleFacts[]): { calls: Map<string, CallSite[]>; passed: Map<string, NamedSite[]> } {
  const calls = new Map<string, CallSite[]>();
  const passed = new Map<string, NamedSite[]>();
  for (const facts of modules) {
    for (const site of namedSitesOf(facts)) {
      if (site.call) push(calls, site.name, site as CallSite);
      else push(passed, site.name, site);
    }
  }
  return { calls, passed };
}

/**
 * What a module adds to the load-time indexes: its calls and passed functions, by name, each
 * with a digest of everything a verdict reads of this file about them (see `siteSignatures`),
 * the imports of the names written there, and what else names resolve through (top-level
 * variables and the imports they use, the names of top-level functions and classes). Positions
 * are left out: a verdict is a yes or no. An edit to other code of the file, even in the same
 * function, leaves the digest as it was, and the verdicts that read it need not be worked out
 * again. Digests are worked out only for the keys `withDigest` names (those someone reads).
 */
export function loadTimeContributionsOf(facts: ModuleFacts, withDigest: (key: string) => boolean = () => true): { key: string; digest?: string }[] {
  const keys = new Set<string>();
  const sites: { key: string; site: ts.Node; named: ts.Node }[] = [];
  for (const { name, node, call } of namedSitesOf(facts)) {
    const key = call ? callKey(name) : passedKey(name);
    keys.add(key);
    if (withDigest(key)) sites.push({ key, site: call ?? node, named: node });
  }
  const digests = sites.length === 0 ? new Map<string, string>() : siteDigests(facts, sites);
  return [...keys].map((key) => {
    const digest = digests.get(key);
    return digest === undefined ? { key } : { key, digest };
  });
}

/** The digest of each key's sites in one module (see `loadTimeContributionsOf`). */
function siteDigests(facts: ModuleFacts, sites: readonly { key: string; site: ts.Node; named: ts.Node }[]): Map<string, string> {
  const { sourceFile, imports } = facts;
  const importsIn = importsMentioned(imports);
  const shared: string[] = [];
  for (const statement of sourceFile.statements) {
    if (ts.isVariableStatement(statement)) {
      const text = statement.getText(sourceFile);
      shared.push(text, ...importsIn(text));
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      shared.push(statement.name.text);
    }
  }
  const sharedDigest = hash('sha1', shared.join('\0'), 'base64');
  const signatureOf = siteSignatures(sourceFile, importsIn);
  const byKey = new Map<string, { texts: string[]; imports: Set<string> }>();
  for (const { key, site, named } of sites) {
    const signature = signatureOf(site, named);
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { texts: [], imports: new Set() }));
    entry.texts.push(signature.text);
    for (const used of signature.imports) entry.imports.add(used);
  }
  return new Map(
    [...byKey].map(([key, { texts, imports: used }]) => [key, hash('sha1', `${sharedDigest}\0${texts.join('\0')}\0${[...used].sort().join('\0')}`, 'base64')]),
  );
}

/**
 * The imports of the names a piece of code mentions, in import order: a word that is not an
 * imported name adds nothing. Words are the maximal runs of `[\w$]`; a name with other
 * characters (a Unicode identifier) is looked for with a pattern of its own.
 */
function importsMentioned(imports: ModuleFacts['imports']): (text: string) => string[] {
  const entries = [...imports].map(([name, binding]) => `${name}=${binding.module}#${binding.imported}`);
  if (entries.length === 0) return () => [];
  const names = [...imports.keys()];
  // Import index by name, for the names that are words; the others get a pattern each.
  const wordIndex = new Map<string, number>();
  const patterns: { index: number; name: string; pattern: RegExp }[] = [];
  names.forEach((name, index) => {
    if (WORD.test(name)) wordIndex.set(name, index);
    else patterns.push({ index, name, pattern: new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`) });
  });
  return (text) => {
    const found = new Set<number>();
    for (const word of text.match(WORDS) ?? []) {
      const index = wordIndex.get(word);
      if (index !== undefined) found.add(index);
    }
    for (const { index, name, pattern } of patterns) if (text.includes(name) && pattern.test(text)) found.add(index);
    return [...found].sort((a, b) => a - b).map((index) => entries[index]!);
  };
}

const WORD = /^[\w$]+$/;
const WORDS = /[\w$]+/g;

/**
 * What a verdict reads of a call (or passed function) and the code around it, written out: the
 * callee, and for each enclosing node up to the top level its kind, plus what decides the
 * execution context (the functions around it, their parameters and modifiers, the calls they
 * are passed to and at which argument), what a name may be shadowed by (the names each scope
 * declares) and what a receiver's type is declared as (fields and parameters of the classes
 * around it). Bodies of other functions, other statements and expressions do not appear. With
 * it, the imports of the names it mentions. Sites share their enclosing nodes: each node is
 * written out, and its imports found, once per file.
 */
function siteSignatures(
  sourceFile: ts.SourceFile,
  importsIn: (text: string) => string[],
): (site: ts.Node, named: ts.Node) => { text: string; imports: string[] } {
  const written = new Map<ts.Node, { text: string; imports: string[] }>();
  const describe = (node: ts.Node): { text: string; imports: string[] } => {
    let described = written.get(node);
    if (!described) {
      const text = describeNode(node, sourceFile);
      written.set(node, (described = { text, imports: importsIn(text) }));
    }
    return described;
  };
  return (site, named) => {
    const namedText = named.getText(sourceFile);
    const parts = [ts.SyntaxKind[site.kind], namedText];
    const imports = importsIn(namedText);
    for (let child: ts.Node = site, node = site.parent; node && !ts.isSourceFile(node); child = node, node = node.parent) {
      const described = describe(node);
      parts.push(described.text);
      imports.push(...described.imports);
      // Whether a function runs right away depends on where it is passed.
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) parts.push(child === node.expression ? 'callee' : `argument ${node.arguments?.indexOf(child as ts.Expression)}`);
    }
    return { text: parts.join('\n'), imports };
  };
}

function describeNode(node: ts.Node, sourceFile: ts.SourceFile): string {
  let text = ts.SyntaxKind[node.kind];
  if (isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node)) {
    const modifiers = ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []).map((modifier) => ts.SyntaxKind[modifier.kind]).join(' ') : '';
    const name = 'name' in node && node.name ? node.name.getText(sourceFile) : '';
    const parameters = isFunctionLike(node) ? node.parameters.map((parameter) => parameter.getText(sourceFile)).join(', ') : '';
    text += ` ${modifiers} ${name}(${parameters})`;
  } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
    text += ` ${node.expression.getText(sourceFile)}`;
  } else if (ts.isClassLike(node)) {
    text += ` ${node.name?.text ?? ''} {${classFieldTypes(node, sourceFile)}}`;
  } else if (ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node)) {
    text += ` ${node.name.getText(sourceFile)}`;
  }
  const declared = declaredBy(node);
  return declared.size > 0 ? `${text} [${[...declared].sort().join(',')}]` : text;
}

/** The fields of a class with the types they are declared with, constructor parameter properties included. */
function classFieldTypes(classNode: ts.ClassLikeDeclaration, sourceFile: ts.SourceFile): string {
  const fields: string[] = [];
  for (const member of classNode.members) {
    if (ts.isPropertyDeclaration(member)) fields.push(`${member.name.getText(sourceFile)}: ${member.type?.getText(sourceFile) ?? ''}`);
    if (ts.isConstructorDeclaration(member)) {
      for (const parameter of member.parameters) {
        if ((ts.getModifiers(parameter)?.length ?? 0) > 0) fields.push(`${parameter.name.getText(sourceFile)}: ${parameter.type?.getText(sourceFile) ?? ''}`);
      }
    }
  }
  return fields.join('; ');
}

function push<T>(index: Map<string, T[]>, name: string, site: T): void {
  const list = index.get(name);
  if (list) list.push(site);
  else index.set(name, [site]);
}
