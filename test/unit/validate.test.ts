// Table-driven checks of input validation and awsQuery decoding, the pieces every service's input goes through.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeProblems, pattern, s } from '../../src/core/shapes.js';
import { validateInput } from '../../src/core/validate.js';
import { queryToInput } from '../../src/protocols/aws-query.js';

const shape = s.structure({
  Name: s.required(s.string({ min: 1, max: 3 })),
  Code: s.optional(s.string({ pattern: { regex: /^[a-z]+$/, text: '[a-z]+' } })),
  Count: s.optional(s.integer({ min: 1, max: 10 })),
  Flag: s.optional(s.boolean()),
  Data: s.optional(s.blob()),
  Kind: s.optional(s.string({ enum: ['a', 'b'] })),
  Items: s.optional(s.list(s.structure({ Id: s.required(s.string()) }), { flattened: true }), 'Item'),
  Tags: s.optional(s.map(s.string(), { flattened: true, keyName: 'Key', valueName: 'Value' }), 'Tag'),
  Nested: s.optional(s.list(s.string())),
});

describe('validateInput', () => {
  const cases: [string, Record<string, unknown>, 'json' | 'query', string[]][] = [
    ['accepts a valid input', { Name: 'ab', Count: 3 }, 'json', []],
    ['reports a missing required member', {}, 'json', ['missing name Member must not be null']],
    ['counts code points, not UTF-16 units', { Name: '𝄞𝄞𝄞' }, 'json', []],
    [
      'reports a string too long',
      { Name: 'abcd' },
      'json',
      ['constraint name Member must have length less than or equal to 3'],
    ],
    [
      'reports an integer out of range',
      { Name: 'a', Count: 11 },
      'json',
      ['constraint count Member must have value less than or equal to 10'],
    ],
    [
      'rejects a string where JSON needs an integer',
      { Name: 'a', Count: '5' },
      'json',
      ['type count Member must be an integer'],
    ],
    ['coerces a query string to an integer', { Name: 'a', Count: '5' }, 'query', []],
    [
      'rejects a non-integer query string',
      { Name: 'a', Count: '5.5' },
      'query',
      ['type count Member must be an integer'],
    ],
    ['coerces query booleans', { Name: 'a', Flag: 'true' }, 'query', []],
    [
      'rejects bad base64',
      { Name: 'a', Data: '!!' },
      'json',
      ['type data Member must be base64-encoded binary data'],
    ],
    [
      'checks enums',
      { Name: 'a', Kind: 'c' },
      'json',
      ['constraint kind Member must satisfy enum value set: [a, b]'],
    ],
    [
      'checks patterns, printed as AWS prints them',
      { Name: 'a', Code: 'A1' },
      'json',
      ['constraint code Member must satisfy regular expression pattern: [a-z]+'],
    ],
    [
      'checks nested structures',
      { Name: 'a', Items: [{}] },
      'json',
      ['missing items.1.member.id Member must not be null'],
    ],
    [
      'rejects a list given as an object',
      { Name: 'a', Nested: {} },
      'json',
      ['type nested Member must be a list'],
    ],
  ];
  for (const [title, input, source, expected] of cases) {
    it(title, () => {
      const { problems } = validateInput(shape, input, source);
      assert.deepEqual(
        problems.map((p) => `${p.kind} ${p.path} ${p.constraint}`),
        expected,
      );
    });
  }

  it('reports every failed constraint of one value, its pattern before its length', () => {
    // As AWS does: "2 validation errors detected: Value '' at 'backupName' failed to satisfy constraint:
    // Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'backupName' failed to
    // satisfy constraint: Member must have length greater than or equal to 3" (observed, DynamoDB).
    const named = s.structure({
      BackupName: s.required(s.string({ min: 3, max: 255, pattern: pattern('[a-zA-Z0-9_.-]+') })),
    });
    const { problems } = validateInput(named, { BackupName: '' }, 'json');
    assert.equal(
      describeProblems(problems),
      "2 validation errors detected: Value '' at 'backupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
        "Value '' at 'backupName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    );
  });

  it("reports a list or map of scalars once, at the container, with its members' constraints", () => {
    // AWS: "Value '[a b]' at 'ids' failed to satisfy constraint: Member must satisfy constraint: [Member must
    // have length less than or equal to 64, …, Member must not be null]"; "Map value must satisfy …" for maps.
    const ids = s.structure({
      Ids: s.optional(s.list(s.string({ min: 1, max: 3, pattern: pattern('[a-z]+') }))),
      Tags: s.optional(s.map(s.string({ max: 2 }))),
    });
    const { problems } = validateInput(
      ids,
      { Ids: ['ok', 'a b', 'toolong'], Tags: { k: 'abc', j: 'x' } },
      'json',
    );
    assert.equal(
      describeProblems(problems),
      "2 validation errors detected: Value '[ok, a b, toolong]' at 'ids' failed to satisfy constraint: Member must satisfy constraint: " +
        '[Member must have length less than or equal to 3, Member must have length greater than or equal to 1, ' +
        'Member must satisfy regular expression pattern: [a-z]+, Member must not be null]; ' +
        "Value '{k=abc, j=x}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: " +
        '[Member must have length less than or equal to 2, Member must not be null]',
    );
  });

  it('checks types and required members only when asked to leave constraints to the service', () => {
    const { problems } = validateInput(shape, { Count: 11, Kind: 'c' }, 'json', { constraints: false });
    assert.deepEqual(
      problems.map((p) => `${p.kind} ${p.path}`),
      ['missing name'],
    );
  });

  it('validates a shape that contains itself', () => {
    const node = s.recursive();
    s.complete(node, { Name: s.required(s.string({ min: 1 })), Children: s.optional(s.list(node)) });
    const tree = s.structure({ Root: s.required(node) });
    const { problems } = validateInput(
      tree,
      { Root: { Name: 'a', Children: [{ Name: '' }, { Children: [] }] } },
      'json',
    );
    assert.deepEqual(
      problems.map((p) => `${p.kind} ${p.path} ${p.constraint}`),
      [
        'constraint root.children.1.member.name Member must have length greater than or equal to 1',
        'missing root.children.2.member.name Member must not be null',
      ],
    );
  });

  it("words problems as AWS's generic validation message", () => {
    const { problems } = validateInput(shape, { Name: 'a', Count: 11 }, 'json');
    assert.equal(
      describeProblems(problems),
      "1 validation error detected: Value '11' at 'count' failed to satisfy constraint: Member must have value less than or equal to 10",
    );
  });
});

describe('queryToInput', () => {
  it('rebuilds flattened lists and maps and nested lists from numbered parameters', () => {
    const params = new Map(
      Object.entries({
        Name: 'a',
        'Item.1.Id': 'x',
        'Item.2.Id': 'y',
        'Tag.1.Key': 'k1',
        'Tag.1.Value': 'v1',
        'Tag.2.Key': 'k2',
        'Tag.2.Value': 'v2',
        'Nested.member.1': 'n1',
        'Nested.member.2': 'n2',
        Ignored: 'z',
      }),
    );
    // Maps are built without a prototype; compare them as plain data.
    assert.deepEqual(JSON.parse(JSON.stringify(queryToInput(shape, params))), {
      Name: 'a',
      Items: [{ Id: 'x' }, { Id: 'y' }],
      Tags: { k1: 'v1', k2: 'v2' },
      Nested: ['n1', 'n2'],
    });
  });

  it('stops a list at the first missing index', () => {
    const params = new Map(Object.entries({ 'Item.1.Id': 'x', 'Item.3.Id': 'z' }));
    assert.deepEqual(queryToInput(shape, params), { Items: [{ Id: 'x' }] });
  });
});
