import { ts } from 'ts-morph';
import { MUTATING_METHODS } from './collections.js';
import { ExecutionContexts, type ExecutionContext } from './execution.js';
import { collectImports, type ImportBinding, type ImportTable } from './imports.js';
import { ScopeNames, addBindingNames } from './scope.js';
import { enclosingClassOfThis, hasModifier, isInStaticMember, skipOuterExpressions, staticName } from './syntax.js';

/** A name declared at the top level of a module. */
export interface ModuleBinding {
  name: string;
  declaration: ts.VariableDeclaration | ts.FunctionDeclaration | ts.ClassDeclaration;
  /** The value it starts with, for variables. */
  initializer?: ts.Expression;
  declarationKind: 'const' | 'let' | 'var' | 'function' | 'class';
}

export type UseKind = 'call' | 'assign' | 'member-assign' | 'update' | 'delete' | 'iterate';

/** One place a holder is used: a method call on it, an assignment to it or into it, a loop over it. */
export interface Use {
  /** The holder's key: a module binding's name, `Class#field` or `Class.staticField`. */
  holder: string;
  kind: UseKind;
  /** For `call`: the method called (`set`, `push`, `has`). */
  method?: string;
  /** For `member-assign` and `delete`: true when the key is computed (`cache[key] = v`). */
  computedKey?: boolean;
  node: ts.Node;
  context: ExecutionContext;
}

/** Facts about one file that every rule shares: imports, top-level names, and how holders are used. */
export class ModuleFacts {
  readonly imports: ImportTable;
  readonly bindings: ReadonlyMap<string, ModuleBinding>;
  readonly execution: ExecutionContexts;
  private readonly scope = new ScopeNames();
  private readonly uses = new Map<string, Use[]>();

  constructor(readonly sourceFile: ts.SourceFile) {
    this.imports = collectImports(sourceFile);
    this.bindings = collectModuleBindings(sourceFile, this.imports);
    this.execution = new ExecutionContexts(sourceFile);
  }

  /** Every recorded use of a holder. Complete once the file has been walked. */
  usesOf(holder: string): readonly Use[] {
    return this.uses.get(holder) ?? [];
  }

  /** Uses that change the holder after the module has loaded. */
  runtimeWritesOf(holder: string): Use[] {
    return this.usesOf(holder).filter((use) => use.context.runtime && isWrite(use));
  }

  /** The module binding an identifier refers to, unless a local declaration shadows it. */
  bindingOf(identifier: ts.Identifier): ModuleBinding | undefined {
    const binding = this.bindings.get(identifier.text);
    if (!binding || identifier === declarationName(binding)) return undefined;
    return this.scope.isShadowed(identifier) ? undefined : binding;
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
  holderOf(expression: ts.Expression): string | undefined {
    const target = skipOuterExpressions(expression);
    if (ts.isIdentifier(target)) return this.bindingOf(target) ? target.text : undefined;
    if (!ts.isPropertyAccessExpression(target)) return undefined;
    const owner = skipOuterExpressions(target.expression);
    const field = staticName(target.name)!;
    if (owner.kind === ts.SyntaxKind.ThisKeyword) {
      const classNode = enclosingClassOfThis(target);
      if (!classNode?.name) return undefined;
      return isInStaticMember(target) ? `${classNode.name.text}.${field}` : `${classNode.name.text}#${field}`;
    }
    if (ts.isIdentifier(owner) && this.bindingOf(owner)?.declarationKind === 'class') return `${owner.text}.${field}`;
    return undefined;
  }

  /** Records uses of holders; the engine calls it for the node kinds in `USE_NODE_KINDS`. */
  recordUse(node: ts.Node): void {
    if (ts.isCallExpression(node)) this.recordCall(node);
    else if (ts.isBinaryExpression(node)) this.recordAssignment(node);
    else if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) this.recordUpdate(node);
    else if (ts.isDeleteExpression(node)) this.recordMemberWrite(node.expression, node, 'delete');
    else if (ts.isForOfStatement(node)) this.add(this.holderOf(node.expression), 'iterate', node);
  }

  private recordCall(call: ts.CallExpression): void {
    const callee = skipOuterExpressions(call.expression);
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

/** The node kinds whose visits feed `ModuleFacts.recordUse`. */
export const USE_NODE_KINDS: readonly ts.SyntaxKind[] = [
  ts.SyntaxKind.CallExpression,
  ts.SyntaxKind.BinaryExpression,
  ts.SyntaxKind.PrefixUnaryExpression,
  ts.SyntaxKind.PostfixUnaryExpression,
  ts.SyntaxKind.DeleteExpression,
  ts.SyntaxKind.ForOfStatement,
];

/** True when a use changes what the holder holds. */
export function isWrite(use: Use): boolean {
  switch (use.kind) {
    case 'assign':
    case 'member-assign':
    case 'update':
    case 'delete':
      return true;
    case 'call':
      return MUTATING_METHODS.has(use.method!);
    default:
      return false;
  }
}

function collectModuleBindings(sourceFile: ts.SourceFile, imports: ImportTable): Map<string, ModuleBinding> {
  const bindings = new Map<string, ModuleBinding>();
  for (const statement of sourceFile.statements) {
    if (ts.isVariableStatement(statement)) {
      const flags = statement.declarationList.flags;
      const declarationKind = flags & ts.NodeFlags.Const ? 'const' : flags & ts.NodeFlags.Let ? 'let' : 'var';
      for (const declaration of statement.declarationList.declarations) {
        const names = new Set<string>();
        addBindingNames(declaration.name, names);
        for (const name of names) {
          if (imports.get(name)?.node === declaration) continue;
          const initializer = ts.isIdentifier(declaration.name) ? declaration.initializer : undefined;
          bindings.set(name, { name, declaration, initializer, declarationKind });
        }
      }
    } else if (ts.isFunctionDeclaration(statement) && statement.name) {
      bindings.set(statement.name.text, { name: statement.name.text, declaration: statement, declarationKind: 'function' });
    } else if (ts.isClassDeclaration(statement) && statement.name && !hasModifier(statement, ts.SyntaxKind.DeclareKeyword)) {
      bindings.set(statement.name.text, { name: statement.name.text, declaration: statement, declarationKind: 'class' });
    }
  }
  return bindings;
}

function declarationName(binding: ModuleBinding): ts.Node | undefined {
  return binding.declaration.name;
}
