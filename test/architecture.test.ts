import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/scan-fixture.js';

/** Every TypeScript file below a folder, with its import specifiers. */
function modulesBelow(folder: string): { file: string; imports: string[]; text: string }[] {
  const found: { file: string; imports: string[]; text: string }[] = [];
  for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true })) {
    const path = join(ROOT, folder, entry.name);
    if (entry.isDirectory()) found.push(...modulesBelow(relative(ROOT, path)));
    else if (entry.name.endsWith('.ts')) {
      const text = readFileSync(path, 'utf8');
      const imports = [...text.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((match) => match[1]!);
      found.push({ file: relative(ROOT, path).split('\\').join('/'), imports, text });
    }
  }
  return found;
}

const SOURCES = [...modulesBelow('src'), ...modulesBelow('rules')];

describe('layering (STYLE.md)', () => {
  it('reporters import only the report types and each other, never ts-morph, config or fs', () => {
    for (const module of SOURCES.filter((candidate) => candidate.file.startsWith('src/reporters/'))) {
      for (const specifier of module.imports) {
        expect(specifier, module.file).not.toMatch(/^(ts-morph|#ts|node:fs|fs|cosmiconfig|commander)$|config\.js$|engine\.js$|analysis\//);
      }
    }
  });

  it('only src/project.ts parses or creates a ts-morph Project', () => {
    const creators = SOURCES.filter((module) => /new Project\(|createSourceFile\(/.test(module.text)).map((module) => module.file);
    expect(creators).toEqual(['src/project.ts']);
  });

  it('only src/cli.ts imports commander', () => {
    const users = SOURCES.filter((module) => module.imports.includes('commander')).map((module) => module.file);
    expect(users).toEqual(['src/cli.ts']);
  });

  it('rules do not import other rules; shared analysis does not import rules', () => {
    for (const module of SOURCES) {
      if (module.file.startsWith('rules/') && module.file !== 'rules/index.ts') {
        const ruleImports = module.imports.filter((specifier) => specifier.startsWith('./') && specifier !== './catalogue.js');
        expect(ruleImports, module.file).toEqual([]);
      }
      if (module.file.startsWith('src/analysis/') || module.file === 'src/engine.ts') {
        expect(module.imports.some((specifier) => specifier.includes('rules/')), module.file).toBe(false);
      }
    }
  });

  it('the engine and analysis do no file-system or console I/O', () => {
    for (const module of SOURCES.filter((candidate) => candidate.file.startsWith('src/analysis/') || candidate.file === 'src/engine.ts')) {
      expect(module.imports.some((specifier) => /^(node:)?fs/.test(specifier)), module.file).toBe(false);
      expect(module.text, module.file).not.toMatch(/console\.|process\.(stdout|stderr|exit)/);
    }
  });
});
