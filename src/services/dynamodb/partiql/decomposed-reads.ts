// How many key reads a SELECT's WHERE clause decomposes into, and DynamoDB's cap on them. A WHERE clause
// that fixes the partition key on every branch is run as one read per combination of key values (each
// value of an IN or each branch of an OR on the partition key, times each value of an IN on the sort key);
// more than 50 is refused. "IN: … at max 50 hash attribute values or at max 100 non-key attribute values"
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-operators.html); the 100 is the
// parser's cap on any IN (parser.ts). The message is DynamoDB's OP_LIMIT_EXCEEDED, as DynamoDB Local's
// PartiQL messages (ValidationExceptionMessages) word it; that a sort-key IN counts too, and that a read
// which scans is not capped, follows another emulator's conformance tests against AWS (floci), so it is
// inferred rather than documented.

import { validation } from '../errors.js';
import type { Condition, Operand } from '../expressions/ast.js';

/** DynamoDB's cap on the reads one statement decomposes into. */
export const MAX_DECOMPOSED_READS = 50;

export function checkDecomposedReads(where: Condition | undefined, hash: string, range?: string): void {
  if (!where) return;
  const { reads, pinned } = spread(where, hash, range);
  if (pinned && reads > MAX_DECOMPOSED_READS)
    throw validation('Too many decomposed read operations for a given query.');
}

/** The reads a condition spreads into, and whether every one of them fixes the partition key. */
interface Spread {
  readonly reads: number;
  readonly pinned: boolean;
}

const ONE: Spread = { reads: 1, pinned: false };

function spread(c: Condition, hash: string, range: string | undefined): Spread {
  switch (c.kind) {
    case 'and': {
      const left = spread(c.left, hash, range);
      const right = spread(c.right, hash, range);
      return { reads: left.reads * right.reads, pinned: left.pinned || right.pinned };
    }
    case 'or': {
      // An OR that names no key is a filter on each read; one that does is read branch by branch.
      if (!namesKey(c, hash, range)) return ONE;
      const left = spread(c.left, hash, range);
      const right = spread(c.right, hash, range);
      return { reads: left.reads + right.reads, pinned: left.pinned && right.pinned };
    }
    case 'in': {
      const name = attribute(c.operand);
      if (name === hash) return { reads: c.list.length, pinned: true };
      if (name !== undefined && name === range) return { reads: c.list.length, pinned: false };
      return ONE;
    }
    case 'compare':
      return c.op === '=' && equalityOn(c.left, c.right) === hash ? { reads: 1, pinned: true } : ONE;
    default:
      return ONE;
  }
}

function namesKey(c: Condition, hash: string, range: string | undefined): boolean {
  switch (c.kind) {
    case 'and':
    case 'or':
      return namesKey(c.left, hash, range) || namesKey(c.right, hash, range);
    case 'not':
      return false;
    case 'in':
    case 'between': {
      const name = attribute(c.operand);
      return name === hash || (name !== undefined && name === range);
    }
    case 'compare': {
      const name = equalityOn(c.left, c.right);
      if (name === hash) return c.op === '=';
      return name !== undefined && name === range && c.op !== '<>';
    }
    case 'call': {
      const name = c.args[0] && attribute(c.args[0]);
      return c.name === 'begins_with' && name !== undefined && name === range;
    }
  }
}

/** The attribute a comparison of an attribute with a value is on (either way round). */
function equalityOn(left: Operand, right: Operand): string | undefined {
  if (right.kind === 'value') return attribute(left);
  if (left.kind === 'value') return attribute(right);
  return undefined;
}

/** A top-level attribute named by itself (`pk`, not `pk.a` or `pk[0]`). */
function attribute(operand: Operand): string | undefined {
  if (operand.kind !== 'path' || operand.elements.length !== 1) return undefined;
  const element = operand.elements[0]!;
  return 'name' in element ? element.name : undefined;
}
