import { ts } from '../shared/typescript.cjs';
import type { ModuleLinker } from './cross-file.js';
import type { ModuleFacts } from './module-facts.js';
import type { ModuleBinding } from './module-bindings.js';
import { enclosingClassOfThis, enclosingFunction, hasModifier, isInStaticMember, skipOuterExpressions, staticName } from './syntax.js';

/** A function or static method of the scan, and how to recognise a call of it. */
export interface Callee {
  name: string;
  facts: ModuleFacts;
  /**
   * For instance methods: true when a call of the same name, not tied to this method, may still
   * be one (its receiver's type is unknown). Such a call leaves the method undecided.
   */
  mayBeNamedBy?(expression: ts.Expression, where: ModuleFacts): boolean;
  /** True when `expression`, written in `where`, names this function. */
  isNamedBy(expression: ts.Expression, where: ModuleFacts): boolean;
}

/**
 * A top-level function (or `const f = () => …`), a static method of a top-level class, or the
 * constructor of a top-level class (called by `new C()`).
 */
export function describeCallee(fn: ts.FunctionLikeDeclaration, linker: ModuleLinker): Callee | undefined {
  const facts = linker.factsOf(fn.getSourceFile());
  if (!facts) return undefined;
  if (ts.isConstructorDeclaration(fn) && ts.isClassDeclaration(fn.parent) && fn.parent.name) {
    const className = fn.parent.name.text;
    if (facts.bindings.get(className)?.declaration !== fn.parent) return undefined;
    return {
      name: className,
      facts,
      isNamedBy: (expression, where) => {
        const target = skipOuterExpressions(expression);
        return ts.isIdentifier(target) && isConstructed(target) && refersTo(target, where, facts, className, linker);
      },
    };
  }
  if (ts.isMethodDeclaration(fn) && hasModifier(fn, ts.SyntaxKind.StaticKeyword) && ts.isClassDeclaration(fn.parent) && fn.parent.name) {
    const className = fn.parent.name.text;
    const name = staticName(fn.name);
    if (!name || facts.bindings.get(className)?.declaration !== fn.parent) return undefined;
    const classNode = fn.parent;
    return {
      name,
      facts,
      isNamedBy(expression, where) {
        const target = skipOuterExpressions(expression);
        if (!ts.isPropertyAccessExpression(target) || target.name.text !== name) return false;
        const owner = skipOuterExpressions(target.expression);
        if (owner.kind === ts.SyntaxKind.ThisKeyword) return enclosingClassOfThis(target) === classNode && isInStaticMember(target);
        return ts.isIdentifier(owner) && refersTo(owner, where, facts, className, linker);
      },
    };
  }
  if (ts.isMethodDeclaration(fn) && ts.isClassDeclaration(fn.parent) && fn.parent.name && facts.bindings.get(fn.parent.name.text)?.declaration === fn.parent) {
    const name = staticName(fn.name);
    return name === undefined ? undefined : instanceMethod(name, fn.parent as ts.ClassDeclaration & { name: ts.Identifier }, facts, linker);
  }
  const property = arrowProperty(fn);
  if (property && property.classNode.name && facts.bindings.get(property.classNode.name.text)?.declaration === property.classNode) {
    return instanceMethod(property.name, property.classNode as ts.ClassDeclaration & { name: ts.Identifier }, facts, linker);
  }
  const name = topLevelName(fn, facts);
  if (!name) return undefined;
  return {
    name,
    facts,
    isNamedBy(expression, where) {
      const target = skipOuterExpressions(expression);
      if (ts.isIdentifier(target)) return refersTo(target, where, facts, name, linker);
      if (!ts.isPropertyAccessExpression(target) || !ts.isIdentifier(target.expression) || target.name.text !== name) return false;
      // ns.f() with `import * as ns`, `const ns = require(…)`, or a default export that is an
      // object of the module's functions (`export default { loadPackages }`, then `packages.loadPackages()`).
      const namespace = where.importOf(target.expression);
      return (namespace?.imported === '*' || namespace?.imported === 'default') && linker.resolveModule(where, namespace.module) === facts;
    },
  };
}

/**
 * An instance method, called on `this`, on a field typed as its class (`this.users` with
 * `private readonly users: UserService`, how NestJS injects providers), or on a module
 * constant built with `new`. Other receivers of the same method name leave it undecided.
 */
function instanceMethod(name: string, classNode: ts.ClassDeclaration & { name: ts.Identifier }, facts: ModuleFacts, linker: ModuleLinker): Callee {
  const className = classNode.name.text;
  const isOurClass = (identifier: ts.Identifier, where: ModuleFacts): boolean => refersTo(identifier, where, facts, className, linker);
  return {
    name,
    facts,
    mayBeNamedBy: (expression, where) => receiverMayBeAnything(expression, where, linker),
    isNamedBy(expression, where) {
      const target = skipOuterExpressions(expression);
      if (ts.isIdentifier(target)) return isMethodOfInstance(target, where, name, isOurClass, linker);
      if (!ts.isPropertyAccessExpression(target) || target.name.text !== name) return false;
      const owner = skipOuterExpressions(target.expression);
      if (owner.kind === ts.SyntaxKind.ThisKeyword) return enclosingClassOfThis(target) === classNode && !isInStaticMember(target);
      if (ts.isPropertyAccessExpression(owner) && owner.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const typeName = fieldTypeName(enclosingClassOfThis(owner), owner.name.text);
        return typeName !== undefined && isOurClass(typeName, where);
      }
      if (!ts.isIdentifier(owner)) return false;
      const parameterType = parameterTypeName(owner);
      if (parameterType) return isOurClass(parameterType, where);
      const constant = moduleConstantOf(owner, where, linker);
      const created = constant?.initializer && skipOuterExpressions(constant.initializer);
      return created !== undefined && ts.isNewExpression(created) && ts.isIdentifier(created.expression) && isOurClass(created.expression, constant!.facts);
    },
  };
}

/** A function-valued instance field (`allow = (…) => { … }`), the method of a class written as a property. */
function arrowProperty(fn: ts.FunctionLikeDeclaration): { name: string; classNode: ts.ClassDeclaration } | undefined {
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return undefined;
  const property = fn.parent;
  if (!ts.isPropertyDeclaration(property) || property.initializer !== fn || hasModifier(property, ts.SyntaxKind.StaticKeyword)) return undefined;
  const name = staticName(property.name);
  return name !== undefined && ts.isClassDeclaration(property.parent) ? { name, classNode: property.parent } : undefined;
}

/**
 * True when `identifier` is a method taken off the module's one instance of the class:
 * `const cancan = new CanCan(); export const { allow } = cancan;`, then `allow(…)` here or in a
 * module that imports it.
 */
function isMethodOfInstance(
  identifier: ts.Identifier,
  where: ModuleFacts,
  name: string,
  isOurClass: (identifier: ts.Identifier, where: ModuleFacts) => boolean,
  linker: ModuleLinker,
): boolean {
  const bound = moduleBindingOf(identifier, where, linker);
  const declaration = bound?.binding.declaration;
  if (!bound || !declaration || !ts.isVariableDeclaration(declaration) || !ts.isObjectBindingPattern(declaration.name) || !declaration.initializer) return false;
  const element = declaration.name.elements.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === bound.binding.name);
  const source = skipOuterExpressions(declaration.initializer);
  if (!element || element.dotDotDotToken || staticName(element.propertyName ?? element.name) !== name || !ts.isIdentifier(source)) return false;
  const constant = moduleConstantOf(source, bound.facts, linker);
  const created = constant?.initializer && skipOuterExpressions(constant.initializer);
  return created !== undefined && ts.isNewExpression(created) && ts.isIdentifier(created.expression) && isOurClass(created.expression, constant!.facts);
}

/** The module binding an identifier names and the module that declares it (its own, or the one it is imported from). */
function moduleBindingOf(identifier: ts.Identifier, where: ModuleFacts, linker: ModuleLinker): { facts: ModuleFacts; binding: ModuleBinding } | undefined {
  const local = where.bindingOf(identifier);
  if (local) return { facts: where, binding: local };
  const imported = where.importOf(identifier);
  if (!imported || imported.imported === '*') return undefined;
  const declaration = linker.importedDeclaration(where, imported.module, imported.imported);
  const binding = declaration?.facts.bindings.get(declaration.binding);
  return binding && { facts: declaration!.facts, binding };
}

/** The initializer of the module binding an identifier names (see `moduleBindingOf`), and whether it is a class. */
function moduleConstantOf(identifier: ts.Identifier, where: ModuleFacts, linker: ModuleLinker): { facts: ModuleFacts; initializer?: ts.Expression; isClass: boolean } | undefined {
  const bound = moduleBindingOf(identifier, where, linker);
  return bound && { facts: bound.facts, initializer: bound.binding.initializer, isClass: bound.binding.declarationKind === 'class' };
}

/**
 * False when the receiver of `x.m()` is known to be something else: an import (a package, a
 * class called statically), a module constant, a typed parameter or field, another class's
 * `this`. True when nothing says what it is.
 */
function receiverMayBeAnything(expression: ts.Expression, where: ModuleFacts, linker: ModuleLinker): boolean {
  const target = skipOuterExpressions(expression);
  if (!ts.isPropertyAccessExpression(target)) return false;
  const owner = skipOuterExpressions(target.expression);
  if (owner.kind === ts.SyntaxKind.ThisKeyword) return false;
  if (ts.isPropertyAccessExpression(owner) && owner.expression.kind === ts.SyntaxKind.ThisKeyword) {
    return fieldTypeName(enclosingClassOfThis(owner), owner.name.text) === undefined;
  }
  if (!ts.isIdentifier(owner)) return true;
  if (where.bindingOf(owner) || where.importOf(owner)) {
    // A class (a static call), a package, or a constant built with `new`: known. Anything else may be ours.
    const constant = moduleConstantOf(owner, where, linker);
    if (!constant || constant.isClass) return false;
    const value = constant.initializer && skipOuterExpressions(constant.initializer);
    return !(value && ts.isNewExpression(value));
  }
  return parameterTypeName(owner) === undefined;
}

/** The class name a field is declared with: a property or a constructor parameter property. */
function fieldTypeName(classNode: ts.ClassLikeDeclaration | undefined, field: string): ts.Identifier | undefined {
  if (!classNode) return undefined;
  const constructor = classNode.members.find(ts.isConstructorDeclaration);
  const declarations: (ts.PropertyDeclaration | ts.ParameterDeclaration)[] = [
    ...classNode.members.filter(ts.isPropertyDeclaration),
    ...(constructor?.parameters.filter((parameter) => ts.canHaveModifiers(parameter) && (ts.getModifiers(parameter)?.length ?? 0) > 0) ?? []),
  ];
  const declaration = declarations.find((candidate) => staticName(candidate.name) === field);
  const type = declaration?.type;
  return type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) ? type.typeName : undefined;
}

/** The class name a parameter of the enclosing function is declared with (`registry: Registry`). */
function parameterTypeName(identifier: ts.Identifier): ts.Identifier | undefined {
  for (let fn = enclosingFunction(identifier); fn; fn = enclosingFunction(fn)) {
    const parameter = fn.parameters.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === identifier.text);
    if (parameter) return parameter.type && ts.isTypeReferenceNode(parameter.type) && ts.isIdentifier(parameter.type.typeName) ? parameter.type.typeName : undefined;
  }
  return undefined;
}

/** True when `identifier`, written in `where`, means the top-level binding `name` of `owner`. */
function refersTo(identifier: ts.Identifier, where: ModuleFacts, owner: ModuleFacts, name: string, linker: ModuleLinker): boolean {
  if (where === owner && identifier.text === name) return where.bindingOf(identifier) !== undefined;
  // Every call of a common name is asked about: decide on the memoized import tables first and
  // walk the scopes (is the import shadowed here?) only for a call that would match.
  const imported = where.imports.get(identifier.text);
  if (!imported || imported.imported === '*') return false;
  const declaration = linker.importedDeclaration(where, imported.module, imported.imported);
  return declaration?.facts === owner && declaration.binding === name && where.importOf(identifier) !== undefined;
}

/** True for the class of a `new` expression (`Store` in `new Store()`), not a call of it. */
function isConstructed(identifier: ts.Identifier): boolean {
  let child: ts.Node = identifier;
  while (ts.isParenthesizedExpression(child.parent)) child = child.parent;
  return ts.isNewExpression(child.parent) && child.parent.expression === child;
}

function topLevelName(fn: ts.FunctionLikeDeclaration, facts: ModuleFacts): string | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name && facts.bindings.get(fn.name.text)?.declaration === fn ? fn.name.text : undefined;
  const declaration = fn.parent;
  if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return undefined;
  return facts.bindings.get(declaration.name.text)?.declaration === declaration ? declaration.name.text : undefined;
}
