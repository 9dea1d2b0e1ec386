import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every form that posts must carry the CSRF token as its FIRST field: the server refuses a post
// without it (web/app/lib/csrf.server.ts) and reads a multipart upload's token from its first
// part only. This reads the JSX of the whole app, so a new form cannot forget it.

const appDir = join(import.meta.dirname, '../../web/app');

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsxFiles(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : [],
  );
}

interface PostForm {
  where: string;
  firstChild: string | null;
}

function postFormsIn(file: string): PostForm[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: PostForm[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxElement(node)) {
      const tag = node.openingElement.tagName.getText(source);
      const isForm = tag === 'form' || tag === 'Form' || tag.endsWith('.Form');
      const method = node.openingElement.attributes.properties.find(
        (p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText(source) === 'method',
      );
      const literal = method?.initializer && ts.isStringLiteral(method.initializer) ? method.initializer.text.toLowerCase() : null;
      // A computed method could be "post": it has to be written out to be checked.
      if (isForm && method && literal !== 'get') {
        const first = node.children.find((c) => !(ts.isJsxText(c) && c.containsOnlyTriviaWhiteSpaces));
        const firstChild =
          first && ts.isJsxSelfClosingElement(first)
            ? first.tagName.getText(source)
            : first && ts.isJsxElement(first)
              ? first.openingElement.tagName.getText(source)
              : null;
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        found.push({ where: `${relative(appDir, file)}:${line + 1}`, firstChild });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('forms that post', () => {
  const forms = tsxFiles(appDir).flatMap(postFormsIn);

  it('are found (the scan itself works)', () => {
    expect(forms.length).toBeGreaterThanOrEqual(20);
  });

  it('each start with <CsrfField />', () => {
    expect(forms.filter((f) => f.firstChild !== 'CsrfField').map((f) => f.where)).toEqual([]);
  });
});
