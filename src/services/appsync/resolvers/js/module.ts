// APPSYNC_JS code as a script node:vm can run: its ES-module imports of AppSync's modules become reads of
// a `__import` the sandbox provides, its exports a `__exports` record; lines keep their numbers so runtime
// errors point at the user's code.
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-reference-overview-js.html

import type { Node } from 'acorn';
import { parseModule } from './check.js';

type AnyNode = Node & Record<string, unknown>;

const nameOf = (node: unknown): string =>
  String((node as { name?: unknown; value?: unknown }).name ?? (node as { value?: unknown }).value);

/** Text of the same line count as the replaced range, so later lines keep their numbers. */
function keepLines(replacement: string, replaced: string): string {
  return replacement + '\n'.repeat((replaced.match(/\n/g) ?? []).length);
}

export function toScript(source: string): string {
  const program = parseModule(source);
  const edits: { start: number; end: number; text: string }[] = [];
  const exported: string[] = [];
  for (const statement of program.body as AnyNode[]) {
    const original = source.slice(statement.start, statement.end);
    if (statement.type === 'ImportDeclaration') {
      const from = JSON.stringify((statement.source as { value: string }).value);
      const parts = (statement.specifiers as AnyNode[]).map((s) => {
        if (s.type === 'ImportNamespaceSpecifier') return `const ${nameOf(s.local)} = __import(${from});`;
        if (s.type === 'ImportDefaultSpecifier')
          return `const ${nameOf(s.local)} = __import(${from}).default;`;
        return `const ${nameOf(s.local)} = __import(${from})[${JSON.stringify(nameOf(s.imported))}];`;
      });
      edits.push({ start: statement.start, end: statement.end, text: keepLines(parts.join(' '), original) });
    } else if (statement.type === 'ExportNamedDeclaration') {
      const declaration = statement.declaration as AnyNode | null;
      if (declaration) {
        if (declaration.type === 'VariableDeclaration') {
          for (const d of declaration.declarations as AnyNode[]) {
            const id = nameOf(d.id);
            exported.push(`${id}: ${id}`);
          }
        } else exported.push(`${nameOf(declaration.id)}: ${nameOf(declaration.id)}`);
        edits.push({ start: statement.start, end: declaration.start, text: '' });
      } else {
        for (const s of statement.specifiers as AnyNode[]) {
          exported.push(`${JSON.stringify(nameOf(s.exported))}: ${nameOf(s.local)}`);
        }
        edits.push({ start: statement.start, end: statement.end, text: keepLines('', original) });
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration as AnyNode;
      edits.push({ start: statement.start, end: declaration.start, text: 'const __default = ' });
      exported.push('default: __default');
    }
  }
  let script = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    script = script.slice(0, edit.start) + edit.text + script.slice(edit.end);
  }
  // Strict mode as AppSync runs it ("functions run in strict mode by default"), on line 1 so numbers hold.
  return `'use strict'; ${script}\n;__exports = { ${exported.join(', ')} };`;
}
