// Belt and braces with eslint's import boundaries: processes start only in src/node/runners/, always from an
// argv array, never through a shell. Read from the TypeScript syntax tree, so an alias, a dynamic import or a
// require() is caught as surely as a plain import.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SRC = join(REPO, 'src');
const RUNNERS = 'src/node/runners/';

const SPAWN_MODULES = new Set(['child_process', 'node:child_process', 'execa']);
/** Functions that take a whole command line as one string, or run it through a shell by design. */
const COMMAND_STRING_APIS = new Set(['exec', 'execSync', 'execaCommand', 'execaCommandSync', '$']);

interface Violation {
  file: string;
  line: number;
  rule: string;
  text: string;
}

function sourceFiles(dir: string = SRC): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

function isStringBuilt(node: ts.Expression): boolean {
  if (ts.isTemplateExpression(node)) return true;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return true;
  // `parts.join(' ')` glues an argv back into a command line.
  return (
    ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'join'
  );
}

/** Every violation in one file; `path` is relative to the repository, with forward slashes. */
function scan(path: string, code: string): Violation[] {
  const source = ts.createSourceFile(path, code, ts.ScriptTarget.Latest, true);
  const inRunners = path.startsWith(RUNNERS);
  const violations: Violation[] = [];
  const report = (node: ts.Node, rule: string) =>
    violations.push({
      file: path,
      line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
      rule,
      text: node.getText(source).split('\n')[0]!.slice(0, 120),
    });
  /** Local names bound to functions from a spawning module. */
  const spawners = new Set<string>();
  let loadsSpawnModule = false;
  // Judged once the whole file is read: `shell` means Electron's shell module in most files, and a spawn option
  // only where a spawning module is loaded (an options object may be built far from the call).
  const shellOptions: { node: ts.Node; rule: string }[] = [];

  const moduleOf = (node: ts.Node): string | undefined => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) return node.moduleSpecifier.text;
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const ref = node.moduleReference.expression;
      return ts.isStringLiteral(ref) ? ref.text : undefined;
    }
    if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      return node.moduleSpecifier.text;
    }
    const isLoader =
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'));
    if (isLoader) {
      const [first] = node.arguments;
      if (!first) return undefined;
      // A computed module name could be anything, including child_process.
      return ts.isStringLiteralLike(first) ? first.text : '<computed>';
    }
    return undefined;
  };

  const visit = (node: ts.Node) => {
    const module = moduleOf(node);
    if (module !== undefined) {
      if (module === '<computed>') report(node, 'module name built at run time');
      else if (SPAWN_MODULES.has(module)) {
        loadsSpawnModule = true;
        if (!inRunners) report(node, `imports ${module} outside ${RUNNERS}`);
        if (ts.isImportDeclaration(node) && node.importClause?.namedBindings) {
          const bindings = node.importClause.namedBindings;
          if (ts.isNamespaceImport(bindings)) spawners.add(bindings.name.text);
          else
            for (const element of bindings.elements) {
              const imported = (element.propertyName ?? element.name).text;
              if (COMMAND_STRING_APIS.has(imported))
                report(element, `imports ${imported}, which takes a command string`);
              spawners.add(element.name.text);
            }
        }
        if (ts.isImportDeclaration(node) && node.importClause?.name) spawners.add(node.importClause.name.text);
      }
    }

    if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) {
      if (node.name.text === 'shell' && node.initializer.kind !== ts.SyntaxKind.FalseKeyword) {
        shellOptions.push({ node, rule: 'shell option other than `false`' });
      }
    }
    if (ts.isShorthandPropertyAssignment(node) && node.name.text === 'shell') {
      shellOptions.push({ node, rule: 'shell option from a variable' });
    }

    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : undefined;
      const viaSpawner =
        (ts.isIdentifier(callee) && spawners.has(callee.text)) ||
        (ts.isPropertyAccessExpression(callee) &&
          ts.isIdentifier(callee.expression) &&
          spawners.has(callee.expression.text));
      if (viaSpawner && name && COMMAND_STRING_APIS.has(name)) report(node, `${name}() runs a command string`);
      const [command] = node.arguments;
      if (viaSpawner && command && isStringBuilt(command)) report(command, 'command built from strings');
    }
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && spawners.has(node.tag.text)) {
      report(node, 'command written as a template string');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (loadsSpawnModule) for (const { node, rule } of shellOptions) report(node, rule);
  return violations;
}

describe('starting processes', () => {
  const files = sourceFiles();

  it('finds the sources to check', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((file) => relative(REPO, file).split(sep).join('/').startsWith(RUNNERS))).toBe(true);
  });

  it(`happens only in ${RUNNERS}, from argv arrays, never through a shell`, () => {
    const violations = files.flatMap((file) =>
      scan(relative(REPO, file).split(sep).join('/'), readFileSync(file, 'utf8')),
    );
    expect(violations.map((v) => `${v.file}:${v.line} ${v.rule}: ${v.text}`)).toEqual([]);
  });

  // The scanner is only worth trusting if it catches what it claims to; these are the shapes it must flag.
  it.each([
    ['src/main/a.ts', "import { spawn } from 'node:child_process';", 'imports node:child_process outside'],
    ['src/main/a.ts', "const cp = require('child_process');", 'imports child_process outside'],
    ['src/main/a.ts', "const m = await import('execa');", 'imports execa outside'],
    ['src/main/a.ts', 'const m = await import(name);', 'module name built at run time'],
    ['src/node/runners/x.ts', "import { exec } from 'node:child_process';", 'takes a command string'],
    ['src/node/runners/x.ts', "import { execaCommand as run } from 'execa';", 'takes a command string'],
    ['src/node/runners/x.ts', "import { execa } from 'execa';\nexeca('ls', [], { shell: true });", 'shell option'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a sample of source code for the scanner, not a template
    ['src/node/runners/x.ts', "import { execa } from 'execa';\nexeca(`ls ${dir}`, []);", 'built from strings'],
    ['src/node/runners/x.ts', "import * as cp from 'child_process';\ncp.spawn('ip ' + dev);", 'built from strings'],
    ['src/node/runners/x.ts', "import * as cp from 'child_process';\ncp.execSync('ls');", 'runs a command string'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a sample of source code for the scanner, not a template
    ['src/node/runners/x.ts', "import { execa as $$ } from 'execa';\n$$`ip ${dev}`;", 'template string'],
    ['src/node/runners/x.ts', "import { execa } from 'execa';\nexeca(argv.join(' '));", 'built from strings'],
  ])('flags %s: %s', (path, code, rule) => {
    expect(
      scan(path, code)
        .map((v) => v.rule)
        .join(' | '),
    ).toContain(rule);
  });

  it('flags a shell option built apart from the call', () => {
    const code = "import { execa } from 'execa';\nconst options = { shell };\nexeca(file, args, options);";
    expect(scan('src/node/runners/x.ts', code).map((v) => v.rule)).toEqual(['shell option from a variable']);
  });

  it("leaves Electron's shell module alone in files that start no process", () => {
    const code = "import { shell } from 'electron';\nlockDownContents(contents, { shell, log });";
    expect(scan('src/main/index.ts', code)).toEqual([]);
  });

  it('lets the runner start a process from an argv array without a shell', () => {
    const code = "import { execa } from 'execa';\nexeca(file, args, { shell: false, reject: false });";
    expect(scan('src/node/runners/live.ts', code)).toEqual([]);
  });
});
