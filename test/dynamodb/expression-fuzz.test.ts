// A fuzz of the expression parsers and evaluator: random token soups and random well-formed expressions
// against random items must either work or throw DynamoDB's ValidationException — never a TypeError or
// a RangeError that would surface as a 500. Seeded, so a failure reproduces.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ServiceError } from '../../src/core/errors.js';
import { ExpressionScope } from '../../src/services/dynamodb/expressions/ast.js';
import { applyUpdate, evaluateCondition, project } from '../../src/services/dynamodb/expressions/evaluate.js';
import {
  parseCondition,
  parseProjection,
  parseUpdate,
} from '../../src/services/dynamodb/expressions/parser.js';
import { checkItem, type Item } from '../../src/services/dynamodb/values.js';
import { random } from '../support/helpers.js';

const TOKENS = [
  'a',
  'b',
  'c',
  '#n',
  '#m',
  ':s',
  ':n',
  ':l',
  ':ss',
  ':m',
  '=',
  '<>',
  '<',
  '<=',
  '>',
  '>=',
  '(',
  ')',
  '[',
  ']',
  '[0]',
  '[1]',
  '.',
  ',',
  '+',
  '-',
  'AND',
  'OR',
  'NOT',
  'BETWEEN',
  'IN',
  'SET',
  'REMOVE',
  'ADD',
  'DELETE',
  'size',
  'attribute_exists',
  'attribute_not_exists',
  'attribute_type',
  'begins_with',
  'contains',
  'if_not_exists',
  'list_append',
  ':',
  '#',
  '!',
  '"',
  '7',
  'status',
];
const NAMES = { '#n': 'a', '#m': 'b' };
const VALUES = checkItem({
  ':s': { S: 'x' },
  ':n': { N: '1.5' },
  ':l': { L: [{ S: 'y' }] },
  ':ss': { SS: ['x', 'z'] },
  ':m': { M: { k: { BOOL: true } } },
});
const ITEMS: Item[] = [
  {},
  checkItem({ a: { S: 'xy' }, b: { N: '2' }, c: { L: [{ N: '1' }, { M: { d: { S: 'e' } } }] } }),
  checkItem({ a: { SS: ['x'] }, b: { M: { c: { L: [] } } }, c: { NULL: true } }),
  checkItem({ a: { N: '-1' }, b: { L: [{ S: 'x' }] }, c: { B: 'AAE=' } }),
];

function expectServiceError(fn: () => void, context: string): void {
  try {
    fn();
  } catch (error) {
    assert.ok(
      error instanceof ServiceError,
      `${context}: ${error instanceof Error ? error.stack : String(error)}`,
    );
    assert.equal(error.code, 'ValidationException', context);
  }
}

describe('DynamoDB expression fuzz', () => {
  it('parses 3000 random token soups without crashing', () => {
    const next = random(4242);
    for (let i = 0; i < 3000; i++) {
      const length = 1 + Math.floor(next() * 9);
      const source = Array.from({ length }, () => TOKENS[Math.floor(next() * TOKENS.length)]).join(' ');
      const kind = i % 3;
      expectServiceError(() => {
        const scope = new ExpressionScope(NAMES, VALUES);
        if (kind === 0) {
          const condition = parseCondition(source, 'ConditionExpression', scope);
          for (const item of ITEMS) evaluateCondition(condition, item, 'ConditionExpression');
        } else if (kind === 1) {
          const update = parseUpdate(source, scope);
          for (const item of ITEMS) expectServiceError(() => applyUpdate(item, update), `apply ${source}`);
        } else {
          const paths = parseProjection(source, scope);
          for (const item of ITEMS) project(item, paths);
        }
      }, source);
    }
  });

  it('evaluates random well-formed conditions and updates on random items without crashing', () => {
    const next = random(777);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const path = () => pick(['a', 'b', 'c', '#n', 'c[0]', 'c[1].d', 'b.c', 'b[0]', 'a.z']);
    const value = () => pick([':s', ':n', ':l', ':ss', ':m']);
    const operand = () => (next() < 0.5 ? path() : next() < 0.8 ? value() : `size(${path()})`);
    const condition = (depth: number): string => {
      const roll = next();
      if (depth < 2 && roll < 0.2)
        return `(${condition(depth + 1)}) ${pick(['AND', 'OR'])} ${condition(depth + 1)}`;
      if (depth < 2 && roll < 0.3) return `NOT ${condition(depth + 1)}`;
      if (roll < 0.5) return `${operand()} ${pick(['=', '<>', '<', '<=', '>', '>='])} ${operand()}`;
      if (roll < 0.6) return `${operand()} BETWEEN ${value()} AND ${value()}`;
      if (roll < 0.7) return `${operand()} IN (${value()}, ${value()})`;
      return `${pick(['attribute_exists', 'attribute_not_exists'])}(${path()})`;
    };
    const setValue = () =>
      pick([
        value(),
        path(),
        `${path()} + ${value()}`,
        `if_not_exists(${path()}, ${value()})`,
        `list_append(${path()}, :l)`,
      ]);
    for (let i = 0; i < 2000; i++) {
      const source = condition(0);
      const update = `SET ${path()} = ${setValue()} ${pick(['', `REMOVE ${path()}`, `ADD ${path()} ${value()}`, `DELETE ${path()} :ss`])}`;
      for (const item of ITEMS) {
        expectServiceError(() => {
          const scope = new ExpressionScope(NAMES, VALUES);
          evaluateCondition(
            parseCondition(source, 'ConditionExpression', scope),
            item,
            'ConditionExpression',
          );
        }, source);
        expectServiceError(
          () => applyUpdate(item, parseUpdate(update, new ExpressionScope(NAMES, VALUES))),
          update,
        );
      }
    }
  });
});
