// What AppSync refuses in APPSYNC_JS code before running it: syntax errors, the language features the
// runtime does not support, and imports other than AppSync's own modules. CreateResolver/CreateFunction
// answer "The code contains one or more errors." and EvaluateCode lists the problems in `codeErrors`.
// https://docs.aws.amazon.com/appsync/latest/devguide/supported-features.html
// https://docs.aws.amazon.com/appsync/latest/APIReference/API_CodeError.html

import { type Node, type Program, parse } from 'acorn';
import type { CodeError } from '../contract.js';

export const CODE_ERRORS_MESSAGE = 'The code contains one or more errors.';
export const MODULES = ['@aws-appsync/utils', '@aws-appsync/utils/dynamodb'] as const;

type AnyNode = Node & Record<string, unknown>;

/** Each unsupported construct and what AppSync's supported-features page calls it. */
function unsupported(node: AnyNode): string | undefined {
  switch (node.type) {
    case 'TryStatement':
      return 'try/catch/finally statements are not supported';
    case 'ThrowStatement':
      return 'throw statements are not supported';
    case 'WhileStatement':
      return 'while statements are not supported';
    case 'DoWhileStatement':
      return 'do-while statements are not supported';
    case 'ForStatement':
      return 'for(initialization; condition; afterthought) statements are not supported; use for-in or for-of';
    case 'ContinueStatement':
      return 'continue statements are not supported';
    case 'LabeledStatement':
      return 'labeled statements are not supported';
    case 'UpdateExpression':
      return `the ${String(node.operator)} operator is not supported`;
    case 'UnaryExpression':
      return node.operator === '~' ? 'the ~ operator is not supported' : undefined;
    case 'BinaryExpression':
      return node.operator === 'in' ? 'the in operator is not supported; use Object.hasOwn' : undefined;
    case 'AwaitExpression':
      return 'await is not supported';
    case 'YieldExpression':
      return 'generators are not supported';
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      if (node.async) return 'async functions are not supported';
      if (node.generator) return 'generators are not supported';
      return undefined;
    case 'ImportExpression':
      return 'dynamic import is not supported';
    default:
      return undefined;
  }
}

function lineColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1] as string).length + 1 };
}

function visit(node: unknown, found: (n: AnyNode) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, found);
    return;
  }
  if (!node || typeof node !== 'object' || typeof (node as AnyNode).type !== 'string') return;
  found(node as AnyNode);
  for (const [key, value] of Object.entries(node as AnyNode)) {
    if (key !== 'loc' && value && typeof value === 'object') visit(value, found);
  }
}

export function parseModule(source: string): Program {
  return parse(source, { ecmaVersion: 2022, sourceType: 'module', locations: false });
}

/** Every problem in `source`, in order; none means AppSync accepts it. */
export function codeErrors(source: string): CodeError[] {
  let program: Program;
  try {
    program = parseModule(source);
  } catch (error) {
    const pos = (error as { pos?: number }).pos ?? 0;
    const at = lineColumn(source, pos);
    return [
      {
        errorType: 'PARSER_ERROR',
        value: (error as Error).message.replace(/\s*\(\d+:\d+\)$/, ''),
        location: { ...at, span: 1 },
      },
    ];
  }
  const errors: CodeError[] = [];
  visit(program, (node) => {
    let problem = unsupported(node);
    if (node.type === 'ImportDeclaration') {
      const from = String((node.source as { value?: unknown }).value);
      if (!(MODULES as readonly string[]).includes(from)) problem = `Cannot find module '${from}'`;
    }
    if (problem) {
      errors.push({
        errorType: 'UNSUPPORTED_FEATURE',
        value: problem,
        location: { ...lineColumn(source, node.start), span: node.end - node.start },
      });
    }
  });
  return errors;
}
