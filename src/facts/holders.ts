import { ts } from '../shared/typescript.cjs';
import { decoratorNames } from './execution.js';
import type { ModuleScopeInstances } from './instances.js';
import { type ModuleFacts } from './module-facts.js';
import { factoryKey } from './uses.js';
import { type ModuleBinding } from './module-bindings.js';
import { hasModifier, propertyValue, skipOuterExpressions, staticName } from './syntax.js';

/** Something that lives as long as the process: a module variable, a static field, a singleton's field. */
export interface StateHolder {
  /** The key its uses are recorded under (see `ModuleFacts.holderOf`). */
  key: string;
  /** Display name: `cache`, `CartService.items`. */
  name: string;
  /** Where the finding is reported. */
  declaration: ts.Node;
  /** The value it starts with, if known. */
  initializer?: ts.Expression;
  declarationKind: 'const' | 'let' | 'var' | 'field' | 'static-field';
  /** For fields: the class and why it lives as long as the process. */
  owner?: { className: string; reason: string; node: ts.Node };
}

const NEST_SINGLETON_DECORATORS = new Set(['Injectable', 'Controller', 'WebSocketGateway', 'Resolver', 'Processor']);
const NON_SINGLETON_SCOPES = new Set(['REQUEST', 'TRANSIENT']);

/** Every holder declared in the file, in source order. */
export function collectStateHolders(facts: ModuleFacts, instances: ModuleScopeInstances): StateHolder[] {
  const holders: StateHolder[] = [];
  const onlyInstance = (declaration: ts.Node): string | undefined => {
    const names = instances.get(declaration as ts.ClassDeclaration);
    return names?.length === 1 ? names[0] : undefined;
  };
  for (const binding of facts.bindings.values()) {
    const factory = factoryFunctionOf(binding);
    if (factory) {
      const instance = onlyInstance(factory);
      if (instance) holders.push(...capturedCollections(binding.name, factory, instance));
      continue;
    }
    if (binding.declarationKind === 'function') continue;
    if (binding.declarationKind !== 'class') {
      holders.push({
        key: binding.name,
        name: binding.name,
        declaration: binding.declaration,
        initializer: binding.initializer,
        declarationKind: binding.declarationKind,
      });
      continue;
    }
    const classNode = binding.declaration as ts.ClassDeclaration;
    const reason = singletonReason(classNode, onlyInstance(classNode));
    holders.push(...classFieldHolders(classNode, reason));
  }
  return holders;
}

/** Why instances of this class live as long as the process, or undefined when they need not. */
export function singletonReason(classNode: ts.ClassDeclaration, moduleInstance?: string): string | undefined {
  const nest = decoratorNames(classNode).find((name) => NEST_SINGLETON_DECORATORS.has(name));
  if (nest && !declaresShortScope(classNode)) return `NestJS @${nest}() (singleton scope)`;
  if (moduleInstance) return `instantiated once at module scope as \`${moduleInstance}\``;
  return undefined;
}

/** `@Injectable({ scope: Scope.REQUEST })` and its TRANSIENT twin make a new instance per request or injection. */
function declaresShortScope(classNode: ts.ClassDeclaration): boolean {
  for (const decorator of ts.getDecorators(classNode) ?? []) {
    const expression = skipOuterExpressions(decorator.expression);
    if (!ts.isCallExpression(expression)) continue;
    for (const argument of expression.arguments) {
      if (!ts.isObjectLiteralExpression(argument)) continue;
      const scope = propertyValue(argument, 'scope');
      if (scope && NON_SINGLETON_SCOPES.has(staticName(scope) ?? '')) return true;
    }
  }
  return false;
}

function classFieldHolders(classNode: ts.ClassDeclaration, singleton: string | undefined): StateHolder[] {
  const className = classNode.name!.text;
  const holders: StateHolder[] = [];
  const seen = new Set<string>();
  for (const member of classNode.members) {
    if (!ts.isPropertyDeclaration(member)) continue;
    const field = staticName(member.name);
    if (!field) continue;
    const isStatic = hasModifier(member, ts.SyntaxKind.StaticKeyword);
    if (!isStatic && !singleton) continue;
    seen.add(field);
    holders.push({
      key: isStatic ? `${className}.${field}` : `${className}#${field}`,
      name: `${className}.${field}`,
      declaration: member,
      initializer: member.initializer ?? constructorAssignment(classNode, field),
      declarationKind: isStatic ? 'static-field' : 'field',
      owner: { className, reason: isStatic ? 'static field' : singleton!, node: classNode },
    });
  }
  if (singleton) holders.push(...constructorOnlyFields(classNode, className, singleton, seen));
  return holders;
}

/** Fields a JavaScript class creates in its constructor (`this.cache = new Map()`) without declaring them. */
function constructorOnlyFields(classNode: ts.ClassDeclaration, className: string, reason: string, declared: Set<string>): StateHolder[] {
  const holders: StateHolder[] = [];
  for (const assignment of constructorAssignments(classNode)) {
    const field = staticName(assignment.left);
    if (!field || declared.has(field)) continue;
    declared.add(field);
    holders.push({
      key: `${className}#${field}`,
      name: `${className}.${field}`,
      declaration: assignment,
      initializer: assignment.right,
      declarationKind: 'field',
      owner: { className, reason, node: classNode },
    });
  }
  return holders;
}

function constructorAssignment(classNode: ts.ClassDeclaration, field: string): ts.Expression | undefined {
  return constructorAssignments(classNode).find((assignment) => staticName(assignment.left) === field)?.right;
}

/** Top-level `this.x = …` statements of the constructor. */
function constructorAssignments(classNode: ts.ClassDeclaration): (ts.BinaryExpression & { left: ts.PropertyAccessExpression })[] {
  const constructor = classNode.members.find(ts.isConstructorDeclaration);
  const assignments: (ts.BinaryExpression & { left: ts.PropertyAccessExpression })[] = [];
  for (const statement of constructor?.body?.statements ?? []) {
    if (!ts.isExpressionStatement(statement)) continue;
    const expression = statement.expression;
    if (
      ts.isBinaryExpression(expression) &&
      expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(expression.left) &&
      expression.left.expression.kind === ts.SyntaxKind.ThisKeyword
    ) {
      assignments.push(expression as ts.BinaryExpression & { left: ts.PropertyAccessExpression });
    }
  }
  return assignments;
}

/** The function a binding declares (`function f() {}` or `const f = () => {}`), if any. */
export function factoryFunctionOf(binding: ModuleBinding): ts.FunctionLikeDeclaration | undefined {
  if (ts.isFunctionDeclaration(binding.declaration)) return binding.declaration;
  if (binding.declarationKind !== 'const' || !binding.initializer) return undefined;
  const value = skipOuterExpressions(binding.initializer);
  return ts.isArrowFunction(value) || ts.isFunctionExpression(value) ? value : undefined;
}

/**
 * Variables of a factory called once at module scope (`const store = createStore()`): the object
 * it returns captures them, so they live as long as the process.
 */
function capturedCollections(factoryName: string, factory: ts.FunctionLikeDeclaration, instance: string): StateHolder[] {
  const body = factory.body;
  if (!body || !ts.isBlock(body)) return [];
  const holders: StateHolder[] = [];
  for (const statement of body.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const kind = statement.declarationList.flags & ts.NodeFlags.Const ? 'const' : statement.declarationList.flags & ts.NodeFlags.Let ? 'let' : 'var';
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name)) continue;
      holders.push({
        key: factoryKey(factoryName, declaration.name.text),
        name: `${factoryName}().${declaration.name.text}`,
        declaration,
        initializer: declaration.initializer,
        declarationKind: kind,
        owner: { className: `${factoryName}()`, reason: `called once at module scope as \`${instance}\``, node: factory },
      });
    }
  }
  return holders;
}
