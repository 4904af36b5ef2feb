import { ts } from '../shared/typescript.cjs';
import type { ModuleLinker } from './cross-file.js';
import type { ModuleFacts } from './module-facts.js';
import { instancesKey, mergeReads, unresolvedKey, type ReadRecorder, type Reads } from './reads.js';
import { skipOuterExpressions } from './syntax.js';

type Creator = ts.ClassDeclaration | ts.FunctionLikeDeclaration;

/** A class or function of the service, and the module-scope values made from it (`new Store()`, `createStore()`). */
export class ModuleScopeInstances {
  private readonly byCreator = new Map<Creator, string[]>();

  constructor(private readonly recorder: ReadRecorder) {}

  /**
   * The names of the module-scope values made from `creator`, in module order. Which modules
   * make them is a read (their absence too) through the key: the modules' contributions to it
   * say what finding them read, and carry a digest of the names, so that an edit elsewhere in
   * such a module does not reach the readers.
   */
  get(creator: Creator): readonly string[] | undefined {
    this.recorder.key(instancesKey(creator.getSourceFile().fileName, creatorName(creator)));
    return this.byCreator.get(creator);
  }

  add(creator: Creator, name: string): void {
    const names = this.byCreator.get(creator);
    if (names) names.push(name);
    else this.byCreator.set(creator, [name]);
  }
}

/**
 * Finds, across every module, the values created at module scope by `new X()` or `x()` where X
 * is a class or function of the scan (declared locally or imported from another module).
 * Created exactly once, such a value lives as long as the process: so does what it holds.
 */
export function findModuleScopeInstances(linker: ModuleLinker): ModuleScopeInstances {
  const instances = new ModuleScopeInstances(linker.recorder);
  for (const facts of linker.modules) {
    const made = new Map<string, { names: string[]; reads: Reads[] }>();
    for (const { value, name } of moduleScopeValues(facts)) {
      const created = skipOuterExpressions(value);
      if (!ts.isNewExpression(created) && !ts.isCallExpression(created)) continue;
      const { value: declaration, reads } = linker.recorder.collect(() => declarationOfCallee(created.expression, facts, linker), facts.sourceFile.fileName);
      if (!declaration || ts.isNewExpression(created) !== ts.isClassDeclaration(declaration)) {
        // Kept with what it read: once one of those files changes, this may make an instance.
        linker.contribute(facts, unresolvedKey(`instance ${name}`), reads);
        continue;
      }
      instances.add(declaration, name);
      const key = instancesKey(declaration.getSourceFile().fileName, creatorName(declaration));
      const entry = made.get(key) ?? { names: [], reads: [] };
      entry.names.push(name);
      if (reads) entry.reads.push(reads);
      made.set(key, entry);
    }
    for (const [key, { names, reads }] of made) linker.contribute(facts, key, mergeReads(reads), names.join('\0'));
  }
  return instances;
}

/** The binding a class or function is known by in its module (the key of its instances). */
function creatorName(creator: Creator): string {
  if ((ts.isClassDeclaration(creator) || ts.isFunctionDeclaration(creator)) && creator.name) return creator.name.text;
  const parent = creator.parent;
  return ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : '';
}

/** Top-level `const x = …`, `export default …` and `module.exports = …` values. */
function moduleScopeValues(facts: ModuleFacts): { value: ts.Expression; name: string }[] {
  const values: { value: ts.Expression; name: string }[] = [];
  for (const statement of facts.sourceFile.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (declaration.initializer && ts.isIdentifier(declaration.name)) values.push({ value: declaration.initializer, name: declaration.name.text });
      }
    } else if (ts.isExportAssignment(statement)) {
      values.push({ value: statement.expression, name: 'default export' });
    } else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression)) {
      if (statement.expression.left.getText(facts.sourceFile) === 'module.exports') values.push({ value: statement.expression.right, name: 'module.exports' });
    }
  }
  return values;
}

function declarationOfCallee(callee: ts.Expression, facts: ModuleFacts, linker: ModuleLinker): ts.ClassDeclaration | ts.FunctionLikeDeclaration | undefined {
  const target = skipOuterExpressions(callee);
  if (!ts.isIdentifier(target)) return undefined;
  const local = facts.bindings.get(target.text);
  if (local) return declarationOfBinding(local.declaration, local.initializer);
  const imported = facts.importOf(target);
  if (!imported || imported.imported === '*') return undefined;
  const found = linker.importedDeclaration(facts, imported.module, imported.imported);
  const binding = found && found.facts.bindings.get(found.binding);
  return binding && declarationOfBinding(binding.declaration, binding.initializer);
}

function declarationOfBinding(declaration: ts.Node, initializer: ts.Expression | undefined): ts.ClassDeclaration | ts.FunctionLikeDeclaration | undefined {
  if (ts.isClassDeclaration(declaration) || ts.isFunctionDeclaration(declaration)) return declaration;
  const value = initializer && skipOuterExpressions(initializer);
  return value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) ? value : undefined;
}
