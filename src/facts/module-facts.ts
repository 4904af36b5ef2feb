import { ts } from '../shared/typescript.cjs';
import { collectionKindOf } from './collections.js';
import { loadedFolderOf } from './dynamic-loads.js';
import { ExecutionContexts } from './execution.js';
import { ReadRecorder, usesKey } from './reads.js';
import { collectDirectives, collectModuleBindings, runtimeImportSpecifier, type ModuleBinding } from './module-bindings.js';
import { ALL_SELECTOR, factoryKey, IMPORT_KEY_PREFIX, importKey, isSelected, isWrite, selectorFacets, WRITE_USES, type Use, type UseKind, type UseSelector } from './uses.js';
import { collectImports, requireSpecifier, type ImportBinding, type ImportTable } from './imports.js';
import { ScopeNames } from './scope.js';
import { enclosingClassOfThis, isFunctionLike, isInStaticMember, skipOuterExpressions, staticName } from './syntax.js';

/** Facts about one file that every rule shares: imports, top-level names, and how holders are used. */
export class ModuleFacts {
  readonly imports: ImportTable;
  readonly bindings: ReadonlyMap<string, ModuleBinding>;
  readonly execution: ExecutionContexts;
  /** `'use client'` / `'use server'` directives at the top of the module (React server components). */
  readonly directives: ReadonlySet<string>;
  private readonly scope = new ScopeNames();
  private readonly uses = new Map<string, Use[]>();
  private readonly specifiers = new Set<string>();
  private readonly folders = new Set<string>();
  private readonly calls: ts.CallExpression[] = [];
  private readonly constructions: ts.NewExpression[] = [];
  private readonly callbackArguments: ts.Expression[] = [];
  private readonly keysBySelector = new Map<UseSelector, Map<string, readonly string[]>>();

  constructor(
    readonly sourceFile: ts.SourceFile,
    private readonly recorder: ReadRecorder = new ReadRecorder(false),
  ) {
    this.imports = collectImports(sourceFile);
    this.bindings = collectModuleBindings(sourceFile, this.imports);
    this.execution = new ExecutionContexts(sourceFile);
    this.directives = collectDirectives(sourceFile);
    for (const statement of sourceFile.statements) {
      const specifier = runtimeImportSpecifier(statement);
      if (specifier) this.specifiers.add(specifier);
    }
  }

  /** Every module specifier this file imports, statically or with `require()` / `import()` anywhere. */
  dependencies(): string[] {
    return [...this.specifiers].sort();
  }

  /** Folders this file loads modules from without naming them (see dynamic-loads.ts), sorted. */
  loadedFolders(): string[] {
    return [...this.folders].sort();
  }

  /**
   * The recorded uses of a holder, in this file and (once linked) in the files that import it:
   * all of them, or those `selector` names.
   */
  usesOf(holder: string, selector?: UseSelector): readonly Use[] {
    const all = this.uses.get(holder) ?? [];
    const uses = selector ? all.filter((use) => isSelected(use, selector)) : all;
    if (this.recorder.enabled) {
      // Which importers make such uses is a read, their absence too; so is how each use's context was decided.
      for (const key of this.usesKeys(holder, selector)) this.recorder.key(key);
      for (const use of uses) this.recorder.link(use.reads);
    }
    return uses;
  }

  /** The keys a reader of `holder`'s uses through `selector` depends on; several rules ask alike. */
  private usesKeys(holder: string, selector: UseSelector | undefined): readonly string[] {
    let byHolder = this.keysBySelector.get(selector ?? ALL_SELECTOR);
    if (!byHolder) this.keysBySelector.set(selector ?? ALL_SELECTOR, (byHolder = new Map()));
    let keys = byHolder.get(holder);
    if (!keys) byHolder.set(holder, (keys = selectorFacets(selector).map((facet) => usesKey(this.sourceFile.fileName, holder, facet))));
    return keys;
  }

  /** Calls of named functions and methods made in this file (`init()`, `Registry.add(…)`). */
  namedCalls(): readonly ts.CallExpression[] {
    return this.calls;
  }

  /** `new X(…)` of named classes made in this file. */
  namedConstructions(): readonly ts.NewExpression[] {
    return this.constructions;
  }

  /** Names passed as arguments (`app.use(handler)`): functions that something else will call. */
  passedFunctions(): readonly ts.Expression[] {
    return this.callbackArguments;
  }

  /** Every recorded use, of every holder. */
  allUses(): Use[] {
    return [...this.uses.values()].flat();
  }

  /** Uses of names this file imports, by `import:` key, for linking to their modules. */
  importedUses(): [key: string, uses: readonly Use[]][] {
    return [...this.uses].filter(([key]) => key.startsWith(IMPORT_KEY_PREFIX));
  }

  /** Adds uses made in another file of a binding this file exports. */
  addImportedUses(binding: string, uses: readonly Use[]): void {
    const list = this.uses.get(binding);
    const linked = uses.map((use) => ({ ...use, holder: binding }));
    if (list) list.push(...linked);
    else this.uses.set(binding, linked);
  }

  /** Uses that change the holder after the module has loaded. */
  runtimeWritesOf(holder: string): Use[] {
    return this.usesOf(holder, WRITE_USES).filter((use) => use.context.runtime && isWrite(use));
  }

  /** The module binding an identifier refers to, unless a local declaration shadows it. */
  bindingOf(identifier: ts.Identifier): ModuleBinding | undefined {
    const binding = this.bindings.get(identifier.text);
    if (!binding || identifier === declarationName(binding)) return undefined;
    return this.scope.isShadowed(identifier) ? undefined : binding;
  }

  /** The initializer of the local `const` an identifier names (`const scratch = join(tmpdir(), …)`). */
  localConstValue(identifier: ts.Identifier): ts.Expression | undefined {
    return this.scope.localConstInitializer(identifier);
  }

  /** The import an identifier refers to, unless a local declaration shadows it. */
  importOf(identifier: ts.Identifier): ImportBinding | undefined {
    const binding = this.imports.get(identifier.text);
    return binding && !this.scope.isShadowed(identifier) ? binding : undefined;
  }

  /**
   * The holder an expression designates: a module binding (`cache`), an instance field
   * (`this.cache` -> `Class#cache`) or a static field (`Class.cache`, `this.cache` in a static member).
   */
  holderOf(expression: ts.Expression, aliasHops = 0): string | undefined {
    const target = skipOuterExpressions(expression);
    if (ts.isIdentifier(target)) return this.holderOfIdentifier(target, aliasHops);
    if (!ts.isPropertyAccessExpression(target)) return undefined;
    const owner = skipOuterExpressions(target.expression);
    const field = staticName(target.name)!;
    if (ts.isIdentifier(owner)) {
      const namespace = this.importOf(owner);
      if (namespace?.imported === '*') return importKey(namespace.module, field);
    }
    if (owner.kind === ts.SyntaxKind.ThisKeyword) {
      const classNode = enclosingClassOfThis(target);
      if (!classNode?.name) return undefined;
      return isInStaticMember(target) ? `${classNode.name.text}.${field}` : `${classNode.name.text}#${field}`;
    }
    if (ts.isIdentifier(owner) && this.bindingOf(owner)?.declarationKind === 'class') return `${owner.text}.${field}`;
    return undefined;
  }

  /** A module binding, an imported name (linked across files later), or a local `const` alias of either. */
  private holderOfIdentifier(identifier: ts.Identifier, aliasHops: number): string | undefined {
    const binding = this.bindings.get(identifier.text);
    if (binding && identifier === declarationName(binding)) return undefined;
    const scope = this.scope.scopeDeclaring(identifier);
    if (scope) {
      const captured = this.capturedByFactory(scope, identifier.text);
      if (captured) return captured;
      const alias = aliasHops < MAX_ALIAS_HOPS ? this.scope.localConstInitializer(identifier) : undefined;
      return alias ? this.holderOf(alias, aliasHops + 1) : undefined;
    }
    if (binding) return identifier.text;
    const imported = this.imports.get(identifier.text);
    return imported && imported.imported !== '*' ? importKey(imported.module, imported.imported) : undefined;
  }

  /**
   * A collection declared in the body of a top-level function (`function createStore() { const
   * items = new Map(); return { … } }`): recorded under `createStore()#items`, a holder when the
   * function is called once at module scope (see holders.ts).
   */
  private capturedByFactory(scope: ts.Node, name: string): string | undefined {
    if (!ts.isBlock(scope) || !isFunctionLike(scope.parent)) return undefined;
    const factoryName = this.topLevelFunctionName(scope.parent);
    if (!factoryName) return undefined;
    for (const statement of scope.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      const declaration = statement.declarationList.declarations.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name);
      if (declaration) return collectionKindOf(declaration.initializer) ? factoryKey(factoryName, name) : undefined;
    }
    return undefined;
  }

  private topLevelFunctionName(fn: ts.FunctionLikeDeclaration): string | undefined {
    if (ts.isFunctionDeclaration(fn) && ts.isSourceFile(fn.parent)) return fn.name?.text;
    const declaration = fn.parent;
    if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return undefined;
    return this.bindings.get(declaration.name.text)?.declaration === declaration ? declaration.name.text : undefined;
  }

  /** Records uses of holders; the engine calls it for the node kinds in `USE_NODE_KINDS`. */
  recordUse(node: ts.Node): void {
    if (ts.isCallExpression(node)) this.recordCall(node);
    else if (ts.isBinaryExpression(node)) this.recordAssignment(node);
    else if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) this.recordUpdate(node);
    else if (ts.isDeleteExpression(node)) this.recordMemberWrite(node.expression, node, 'delete');
    else if (ts.isForOfStatement(node)) this.add(this.holderOf(node.expression), 'iterate', node);
    else if (ts.isNewExpression(node) && ts.isIdentifier(skipOuterExpressions(node.expression))) this.constructions.push(node);
  }

  private recordCall(call: ts.CallExpression): void {
    const required = requireSpecifier(call);
    if (required) this.specifiers.add(required);
    else {
      const folder = loadedFolderOf(call, this.imports);
      if (folder) this.folders.add(folder);
    }
    const callee = skipOuterExpressions(call.expression);
    if (ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee)) this.calls.push(call);
    for (const argument of call.arguments) {
      const value = skipOuterExpressions(argument);
      if (ts.isIdentifier(value) || ts.isPropertyAccessExpression(value)) this.callbackArguments.push(value);
    }
    if (ts.isPropertyAccessExpression(callee)) {
      this.add(this.holderOf(callee.expression), 'call', call, { method: callee.name.text });
      // Object.assign(holder, …) writes into the holder.
      const firstArgument = call.arguments[0];
      if (firstArgument && callee.name.text === 'assign' && callee.expression.getText() === 'Object') {
        this.add(this.holderOf(firstArgument), 'member-assign', call, { computedKey: true });
      }
    }
  }

  private recordAssignment(node: ts.BinaryExpression): void {
    const operator = node.operatorToken.kind;
    if (operator < ts.SyntaxKind.FirstAssignment || operator > ts.SyntaxKind.LastAssignment) return;
    const left = skipOuterExpressions(node.left);
    const holder = this.holderOf(left);
    if (holder) {
      this.add(holder, 'assign', node);
      return;
    }
    this.recordMemberWrite(left, node, 'member-assign');
  }

  private recordUpdate(node: ts.PrefixUnaryExpression | ts.PostfixUnaryExpression): void {
    const operator = node.operator;
    if (operator !== ts.SyntaxKind.PlusPlusToken && operator !== ts.SyntaxKind.MinusMinusToken) return;
    const operand = skipOuterExpressions(node.operand);
    const holder = this.holderOf(operand);
    if (holder) this.add(holder, 'update', node);
    else this.recordMemberWrite(operand, node, 'member-assign');
  }

  /** `holder[key] = v`, `holder.prop = v`, `delete holder[key]`, `holder[key]++`. */
  private recordMemberWrite(target: ts.Expression, node: ts.Node, kind: UseKind): void {
    const member = skipOuterExpressions(target);
    if (ts.isElementAccessExpression(member)) {
      // `cache[key]` is keyed by a value; only `cache['name']` and `cache[0]` name a fixed slot.
      const key = skipOuterExpressions(member.argumentExpression);
      const computedKey = !ts.isStringLiteralLike(key) && !ts.isNumericLiteral(key);
      this.add(this.holderOf(member.expression), kind, node, { computedKey });
    } else if (ts.isPropertyAccessExpression(member)) {
      this.add(this.holderOf(member.expression), kind, node, { method: member.name.text, computedKey: false });
    }
  }

  private add(holder: string | undefined, kind: UseKind, node: ts.Node, extra: Partial<Use> = {}): void {
    if (!holder) return;
    const use: Use = { holder, kind, node, context: this.execution.of(node), ...extra };
    const list = this.uses.get(holder);
    if (list) list.push(use);
    else this.uses.set(holder, [use]);
  }
}

const MAX_ALIAS_HOPS = 3;

function declarationName(binding: ModuleBinding): ts.Node | undefined {
  return binding.declaration.name;
}

/** The node kinds whose visits feed `ModuleFacts.recordUse`. */
export const USE_NODE_KINDS: readonly ts.SyntaxKind[] = [
  ts.SyntaxKind.CallExpression,
  ts.SyntaxKind.BinaryExpression,
  ts.SyntaxKind.PrefixUnaryExpression,
  ts.SyntaxKind.PostfixUnaryExpression,
  ts.SyntaxKind.DeleteExpression,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.NewExpression,
];
