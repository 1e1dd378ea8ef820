// Every ```js / ```ts code block of both READMEs — the npm package's (pkg-template/README.md, the one
// shipped in the tarball) and the repository's (README.md) — is extracted and type-checked against
// the installed package (TypeScript strict; JS blocks with checkJs), and blocks marked `run` are run
// in Node. A block can be marked by an HTML comment on the line(s) right before its fence (invisible
// on npm and GitHub, and it moves with its block):
//   <!-- check: fragment -->            an excerpt: only parsed (syntax), not type-checked
//   <!-- check: run -->                 type-checked, then run with Node (must exit 0)
//   <!-- check: declare …; import …; --> type-checked with these TypeScript declarations and imports
//                                       in scope: the names a snippet assumes, e.g.
//                                       `<!-- check: declare const formData: unknown; -->`
// Also: the package README's links resolve on the npm page (absolute; links into the repository
// name files that exist; in-page anchors name headings), and the repository URL agrees with
// Cargo.toml and package.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { eco, pkgDir, run } from './support.mjs';

const repo = resolve(eco, '../..');
const READMES = { npm: join(repo, 'pkg-template', 'README.md'), repository: join(repo, 'README.md') };
const repositoryUrl = /^repository\s*=\s*"([^"]+)"/m.exec(readFileSync(join(repo, 'Cargo.toml'), 'utf8'))[1].replace(/\/$/, '');

/** The ```js/```ts blocks of a markdown text: { lang, code, line, marks: { fragment, run, declare } }. */
export function codeBlocks(text) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\w+)?\s*$/.exec(lines[i]);
    if (!open) continue;
    const lang = open[2] ?? '';
    let j = i + 1;
    while (j < lines.length && !/^\s*```\s*$/.test(lines[j])) j++;
    const code = lines.slice(i + 1, j).map((l) => l.slice(open[1].length)).join('\n');
    // the HTML comments right above the fence (blank lines allowed between)
    const marks = { fragment: false, run: false, declare: [] };
    let k = i - 1;
    while (k >= 0 && lines[k].trim() === '') k--;
    let comment = [];
    while (k >= 0 && (comment.length || /-->\s*$/.test(lines[k]))) {
      comment.unshift(lines[k]);
      if (/^\s*<!--/.test(lines[k])) {
        const body = comment.join('\n').replace(/^\s*<!--/, '').replace(/-->\s*$/, '').trim();
        const flag = /^check:\s*(fragment|run)\s*$/.exec(body);
        const declared = /^check:\s*((?:declare|import)\b[\s\S]*)$/.exec(body);
        if (flag) marks[flag[1]] = true;
        else if (declared) marks.declare.push(declared[1].trim());
        else if (/^check:/.test(body)) throw new Error(`unknown mark <!-- ${body} --> above line ${i + 1}`);
        comment = [];
        k--;
        while (k >= 0 && lines[k].trim() === '') k--;
        if (!/-->\s*$/.test(lines[k] ?? '')) break;
        continue;
      }
      k--;
    }
    if (['js', 'javascript', 'ts', 'typescript', 'mjs'].includes(lang)) blocks.push({ lang: lang.startsWith('t') ? 'ts' : 'js', code, line: i + 1, marks });
    i = j;
  }
  return blocks;
}

const out = join(eco, '.readme');

/** A `declare` mark's TypeScript as a module exporting what it declares and imports (values). */
function context(source) {
  const sf = ts.createSourceFile('context.d.mts', source, ts.ScriptTarget.ES2022, true);
  const declared = [];
  const imported = [];
  const edits = [];
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && !st.importClause?.isTypeOnly) {
      for (const el of st.importClause?.namedBindings?.elements ?? []) if (!el.isTypeOnly) imported.push(el.name.text);
    } else if (st.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) {
      if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) declared.push(d.name.getText(sf));
      else if (st.name) declared.push(st.name.text);
      edits.push(st.getStart(sf));
    }
  }
  let text = source;
  for (const at of edits.reverse()) text = `${text.slice(0, at)}export ${text.slice(at)}`;
  return { text: `${text}\nexport { ${imported.join(', ')} };\n`, names: [...declared, ...imported] };
}

/** Writes each checked block as a module file (its declared context first); returns the files. */
function extract(name) {
  const blocks = codeBlocks(readFileSync(READMES[name], 'utf8'));
  const dir = join(out, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  const files = [];
  const syntax = [];
  for (const b of blocks) {
    const file = join(dir, `line-${b.line}.${b.lang === 'ts' ? 'mts' : 'mjs'}`);
    if (b.marks.fragment) {
      const sf = ts.createSourceFile(file, b.code, ts.ScriptTarget.ES2022, true);
      for (const d of sf.parseDiagnostics) syntax.push(`${name} README, block at line ${b.line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      continue;
    }
    // The declared context is TypeScript: it goes in a companion .d.mts whose names (declared
    // consts/functions/classes, and value imports it re-exports) the block imports.
    let prefix = '';
    if (b.marks.declare.length) {
      const { text, names } = context(b.marks.declare.join('\n'));
      const companion = file.replace(/\.m[jt]s$/, '.context');
      writeFileSync(`${companion}.d.mts`, text);
      writeFileSync(`${companion}.mjs`, 'export {};\n');
      prefix = `import { ${names.join(', ')} } from './${companion.split('/').at(-1)}.mjs';\n`;
    }
    writeFileSync(file, `${prefix}${b.code}\nexport {};\n`);
    files.push({ file, block: b, offset: prefix ? 1 : 0 });
  }
  return { blocks, files, syntax, dir };
}

const BASE = {
  strict: true,
  noEmit: true,
  // the declarations themselves are checked by types.test.mjs; here, the blocks
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  // a browser, Workers-like and Node environment at once: the DOM lib and @types/node
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: ['node'],
  typeRoots: [join(eco, 'node_modules', '@types')],
};

for (const name of Object.keys(READMES)) {
  test(`${name} README: every js/ts block type-checks against the installed package (strict)`, async (t) => {
    const { blocks, files, syntax } = extract(name);
    assert.ok(blocks.length > 5, `${name} README: only ${blocks.length} code blocks found`);
    assert.deepEqual(syntax, []);
    const problems = [];
    // TypeScript blocks strict; JavaScript blocks strict too (null checks, calls checked against the
    // declarations), but untyped parameters are fine in JavaScript.
    for (const [lang, options] of [['ts', BASE], ['js', { ...BASE, allowJs: true, checkJs: true, noImplicitAny: false }]]) {
      const mine = files.filter((f) => f.block.lang === lang);
      if (!mine.length) continue;
      const program = ts.createProgram({ rootNames: mine.map((f) => f.file), options });
      // only the installed package's declarations (TypeScript would go on up the tree to another copy)
      const foreign = program.getSourceFiles().filter((f) => /\/node_modules\/oms-wasm\//.test(f.fileName) && !f.fileName.startsWith(`${pkgDir}/`));
      for (const f of foreign) problems.push(`${name} README: ${f.fileName} is not the installed package (a subpath it does not export?)`);
      for (const d of ts.getPreEmitDiagnostics(program)) {
        const f = mine.find((x) => x.file === d.file?.fileName);
        const where = f && d.start !== undefined ? `block at line ${f.block.line}, its line ${d.file.getLineAndCharacterOfPosition(d.start).line + 1 - f.offset}` : d.file?.fileName ?? 'global';
        problems.push(`${name} README, ${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      }
    }
    assert.deepEqual(problems, []);
    // blocks marked `run`: run by Node (oms-wasm resolves to the installed package)
    for (const { file, block } of files.filter((f) => f.block.marks.run)) {
      await t.test(`run the block at line ${block.line}`, async () => {
        await run(process.execPath, [file], { cwd: eco, timeout: 60_000 });
      });
    }
  });
}

test('npm README: links resolve on the npm page (absolute, into files of the repository, or to a heading)', () => {
  const text = readFileSync(READMES.npm, 'utf8');
  const headings = new Set(
    text
      .split('\n')
      .filter((l) => /^#{1,6} /.test(l))
      .map((l) => l.replace(/^#+ /, '').trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-')),
  );
  const links = [...text.replace(/```[\s\S]*?```/g, '').matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  assert.ok(links.length > 5);
  const bad = [];
  for (const link of links) {
    if (link.startsWith('#')) {
      if (!headings.has(link.slice(1))) bad.push(`${link}: no such heading`);
    } else if (link.startsWith(`${repositoryUrl}/`) || link === repositoryUrl) {
      const m = /^\/(?:blob|tree)\/main\/([^#?]+)/.exec(link.slice(repositoryUrl.length));
      if (link !== repositoryUrl && !m) bad.push(`${link}: a repository link must be ${repositoryUrl}/blob/main/<path> or /tree/main/<path>`);
      else if (m && !existsSync(join(repo, decodeURIComponent(m[1])))) bad.push(`${link}: ${m[1]} does not exist in the repository`);
    } else if (/^https:\/\//.test(link)) {
      if (new URL(link).hostname.endsWith('.invalid')) bad.push(`${link}: a placeholder host other than the repository's (${repositoryUrl})`);
    } else {
      bad.push(`${link}: relative (npm resolves it against nothing useful): use an absolute link`);
    }
  }
  assert.deepEqual(bad, []);
});

test('the shipped README is the npm one, and package.json points at the repository of Cargo.toml', () => {
  assert.equal(readFileSync(join(pkgDir, 'README.md'), 'utf8'), readFileSync(READMES.npm, 'utf8'));
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  assert.deepEqual(pkg.repository, { type: 'git', url: `git+${repositoryUrl}.git` });
  assert.equal(pkg.homepage, `${repositoryUrl}#readme`);
  assert.equal(pkg.bugs?.url, `${repositoryUrl}/issues`);
});
