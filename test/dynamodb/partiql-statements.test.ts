// PartiQL beyond the basics, through the AWS SDK v3 and the DocumentClient: SELECT … ORDER BY, EXISTS
// as a transaction's condition check, set_add/set_delete, RETURNING, and statement errors in DynamoDB's
// wording. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.html
// Messages the developer guide does not list are DynamoDB's answers to the same statements.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BatchExecuteStatementCommand,
  type DynamoDBClient,
  ExecuteStatementCommand,
  ExecuteTransactionCommand,
  GetItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  ExecuteStatementCommand as DocExecuteStatement,
  DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { createKeyedTable, dynamodbClient } from './helpers.js';

describe('DynamoDB PartiQL statements', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  const run = (Statement: string, extra: Record<string, unknown> = {}) =>
    ddb.send(new ExecuteStatementCommand({ Statement, ...extra }));
  const transact = (...statements: string[]) =>
    ddb.send(
      new ExecuteTransactionCommand({ TransactStatements: statements.map((Statement) => ({ Statement })) }),
    );
  const keys = (items: Record<string, { S?: string; N?: string }>[] | undefined) =>
    items?.map((i) => `${i.pk?.S}/${i.sk?.N}`);

  before(async () => {
    cloud = await startTestCloud();
    ddb = dynamodbClient(cloud);
    await createKeyedTable(ddb, 'orders');
    for (const pk of ['a', 'b'])
      for (const sk of [1, 2, 3])
        await run(`INSERT INTO orders VALUE {'pk': '${pk}', 'sk': ${sk}, 'n': ${sk * 10}}`);
  });
  after(async () => {
    ddb.destroy();
    await cloud.stop();
  });

  describe('ORDER BY', () => {
    const cases: [string, string, string[]][] = [
      ['the sort key descending', `WHERE pk = 'a' ORDER BY sk DESC`, ['a/3', 'a/2', 'a/1']],
      ['the sort key ascending', `WHERE pk = 'a' ORDER BY sk ASC`, ['a/1', 'a/2', 'a/3']],
      ['the sort key with a filter', `WHERE pk = 'a' AND n > 10 ORDER BY sk DESC`, ['a/3', 'a/2']],
      [
        'two partitions by partition key',
        `WHERE pk IN ['a', 'b'] ORDER BY pk DESC, sk DESC`,
        ['b/3', 'b/2', 'b/1', 'a/3', 'a/2', 'a/1'],
      ],
      [
        'the partition key alone (the sort key descending)',
        `WHERE pk = 'a' ORDER BY pk ASC`,
        ['a/3', 'a/2', 'a/1'],
      ],
      [
        'an OR of partitions',
        `WHERE pk = 'b' OR pk = 'a' ORDER BY pk, sk`,
        ['a/1', 'a/2', 'a/3', 'b/1', 'b/2', 'b/3'],
      ],
    ];
    for (const [name, clause, expected] of cases)
      it(`orders by ${name}`, async () => {
        assert.deepEqual(keys((await run(`SELECT * FROM orders ${clause}`)).Items), expected);
      });

    it('pages an ordered read with Limit and NextToken', async () => {
      const first = await run(`SELECT * FROM orders WHERE pk = 'a' ORDER BY sk DESC`, { Limit: 2 });
      assert.deepEqual(keys(first.Items), ['a/3', 'a/2']);
      const second = await run(`SELECT * FROM orders WHERE pk = 'a' ORDER BY sk DESC`, {
        NextToken: first.NextToken,
      });
      assert.deepEqual(keys(second.Items), ['a/1']);
      const merged = await run(`SELECT * FROM orders WHERE pk IN ['a', 'b'] ORDER BY pk DESC`, { Limit: 4 });
      // The sort key, not named, comes back descending (DynamoDB's observed answer).
      assert.deepEqual(keys(merged.Items), ['b/3', 'b/2', 'b/1', 'a/3']);
      const rest = await run(`SELECT * FROM orders WHERE pk IN ['a', 'b'] ORDER BY pk DESC`, {
        NextToken: merged.NextToken,
      });
      assert.deepEqual(keys(rest.Items), ['a/2', 'a/1']);
      assert.equal(rest.NextToken, undefined);
    });

    const refused: [string, string][] = [
      [
        'SELECT * FROM orders ORDER BY sk',
        'Must have WHERE clause in the statement when using ORDER BY clause.',
      ],
      [
        `SELECT * FROM orders WHERE pk = 'a' ORDER BY n`,
        'Attribute n in ORDER BY clause must be part of the primary key',
      ],
      [
        `SELECT * FROM orders WHERE pk > 'a' ORDER BY sk`,
        'Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.',
      ],
      [
        `SELECT * FROM orders WHERE pk IN ['a', 'b'] ORDER BY sk`,
        'Must have hash key in ORDER BY clause when more than one hash key condition specified in WHERE clause.',
      ],
      [
        `SELECT * FROM orders ORDER BY sk WHERE pk = 'a'`,
        "Statement wasn't well formed, can't be processed: Unexpected token after expression",
      ],
      [
        `DELETE FROM orders WHERE pk = 'a' AND sk = 1 ORDER BY sk`,
        "Statement wasn't well formed, can't be processed: Unexpected token after expression",
      ],
    ];
    for (const [statement, message] of refused)
      it(`refuses ${statement}`, async () => {
        await assert.rejects(run(statement), { name: 'ValidationException', message });
      });
  });

  describe('IN on the partition key', () => {
    it('reads each listed partition in turn, in pages of up to 10 items', async () => {
      for (let sk = 1; sk <= 7; sk++) await run(`INSERT INTO orders VALUE {'pk': 'm1', 'sk': ${sk}}`);
      for (let sk = 1; sk <= 5; sk++) await run(`INSERT INTO orders VALUE {'pk': 'm2', 'sk': ${sk}}`);
      const first = await run(`SELECT * FROM orders WHERE pk IN ['m2', 'm1']`);
      assert.deepEqual(keys(first.Items), [
        ...[1, 2, 3, 4, 5].map((sk) => `m2/${sk}`),
        ...[1, 2, 3, 4, 5].map((sk) => `m1/${sk}`),
      ]);
      assert.ok(first.NextToken);
      const rest = await run(`SELECT * FROM orders WHERE pk IN ['m2', 'm1']`, { NextToken: first.NextToken });
      assert.deepEqual(keys(rest.Items), ['m1/6', 'm1/7']);
      assert.equal(rest.NextToken, undefined);
      const limited = await run(`SELECT * FROM orders WHERE pk IN ['m2', 'm1'] AND sk > 4`, { Limit: 2 });
      assert.deepEqual(keys(limited.Items), ['m2/5', 'm1/5']);
    });
  });

  describe('EXISTS', () => {
    it('checks a condition inside a write transaction, all-or-nothing', async () => {
      await transact(
        `EXISTS(SELECT * FROM orders WHERE pk = 'a' AND sk = 1 AND n = 10)`,
        `UPDATE orders SET checked = true WHERE pk = 'b' AND sk = 1`,
      );
      const { Item } = await ddb.send(
        new GetItemCommand({ TableName: 'orders', Key: { pk: { S: 'b' }, sk: { N: '1' } } }),
      );
      assert.deepEqual(Item?.checked, { BOOL: true });
      await assert.rejects(
        transact(
          `EXISTS(SELECT * FROM orders WHERE pk = 'a' AND sk = 1 AND n = 99)`,
          `UPDATE orders SET checked = false WHERE pk = 'b' AND sk = 1`,
        ),
        (error: Error & { CancellationReasons?: { Code?: string; Message?: string }[] }) => {
          assert.equal(error.name, 'TransactionCanceledException');
          assert.equal(
            error.message,
            'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]',
          );
          assert.deepEqual(error.CancellationReasons, [
            { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
            { Code: 'None' },
          ]);
          return true;
        },
      );
      // A missing item makes the SELECT empty, so EXISTS is false whatever the condition.
      await assert.rejects(
        transact(
          `EXISTS(SELECT * FROM orders WHERE pk = 'zz' AND sk = 1 AND n IS MISSING)`,
          `UPDATE orders SET checked = false WHERE pk = 'b' AND sk = 1`,
        ),
        { name: 'TransactionCanceledException' },
      );
    });

    it('returns the item in CancellationReasons when a statement asks for ALL_OLD', async () => {
      await assert.rejects(
        ddb.send(
          new ExecuteTransactionCommand({
            TransactStatements: [
              {
                Statement: `UPDATE orders SET v = 1 WHERE pk = 'a' AND sk = 3 AND n = 0`,
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
              { Statement: `UPDATE orders SET v = 1 WHERE pk = 'a' AND sk = 2 AND n = 0` },
            ],
          }),
        ),
        (error: Error & { CancellationReasons?: { Code?: string; Item?: unknown }[] }) => {
          assert.deepEqual(error.CancellationReasons?.[0]?.Item, {
            pk: { S: 'a' },
            sk: { N: '3' },
            n: { N: '30' },
          });
          assert.equal(error.CancellationReasons?.[1]?.Code, 'ConditionalCheckFailed');
          assert.equal(error.CancellationReasons?.[1]?.Item, undefined);
          return true;
        },
      );
    });

    const refused: [string, () => Promise<unknown>, string][] = [
      [
        'EXISTS without a condition besides the key',
        () =>
          transact(
            `EXISTS(SELECT * FROM orders WHERE pk = 'a' AND sk = 1)`,
            `DELETE FROM orders WHERE pk = 'x' AND sk = 1`,
          ),
        'Validation failed in TransactStatements[0]: EXISTS() must contain a single item read with additional condition',
      ],
      [
        'EXISTS outside a transaction',
        () => run(`EXISTS(SELECT * FROM orders WHERE pk = 'a' AND sk = 1 AND n = 10)`),
        'EXISTS can only be used in ExecuteTransaction write requests.',
      ],
      [
        'a read and a write in one transaction',
        () =>
          transact(
            `SELECT * FROM orders WHERE pk = 'a' AND sk = 1`,
            `DELETE FROM orders WHERE pk = 'x' AND sk = 1`,
          ),
        'ExecuteTransaction API does not support both read and write operations in the same request.',
      ],
      [
        'a transaction read without the full key',
        () => transact(`SELECT * FROM orders WHERE pk = 'a'`),
        'Validation failed in TransactStatements[0]: Select statements within ExecuteTransaction must specify the primary key in the where clause.',
      ],
      [
        'a malformed statement in a transaction',
        () => transact(`DELETE FROM orders WHERE pk = 'x' AND sk = 1`, `SELECT * FROM orders WHERE`),
        "Validation failed in TransactStatements[1]: Statement wasn't well formed, can't be processed: Unexpected term",
      ],
    ];
    for (const [name, send, message] of refused)
      it(`refuses ${name}`, async () => {
        await assert.rejects(send(), { name: 'ValidationException', message });
      });

    it('refuses two statements on one item, and runs a ClientRequestToken once', async () => {
      await assert.rejects(
        transact(
          `UPDATE orders SET v = 1 WHERE pk = 'a' AND sk = 1`,
          `UPDATE orders SET v = 2 WHERE pk = 'a' AND sk = 1`,
        ),
        {
          name: 'ValidationException',
          message: 'Transaction request cannot include multiple operations on one item',
        },
      );
      await run(`INSERT INTO orders VALUE {'pk': 'tok', 'sk': 1, 'n': 0}`);
      const once = (Statement: string) =>
        ddb.send(
          new ExecuteTransactionCommand({ ClientRequestToken: 'tok-1', TransactStatements: [{ Statement }] }),
        );
      await once(`UPDATE orders SET n = n + 1 WHERE pk = 'tok' AND sk = 1`);
      await once(`UPDATE orders SET n = n + 1 WHERE pk = 'tok' AND sk = 1`);
      await assert.rejects(once(`UPDATE orders SET n = n + 5 WHERE pk = 'tok' AND sk = 1`), {
        name: 'IdempotentParameterMismatchException',
      });
      assert.deepEqual((await run(`SELECT n FROM orders WHERE pk = 'tok' AND sk = 1`)).Items, [
        { n: { N: '1' } },
      ]);
    });

    it('refuses a batch that mixes reads and writes', async () => {
      await assert.rejects(
        ddb.send(
          new BatchExecuteStatementCommand({
            Statements: [
              { Statement: `INSERT INTO orders VALUE {'pk': 'mix', 'sk': 1}` },
              { Statement: `SELECT * FROM orders WHERE pk = 'mix' AND sk = 1` },
            ],
          }),
        ),
        { name: 'ValidationException' },
      );
      assert.deepEqual((await run(`SELECT * FROM orders WHERE pk = 'mix'`)).Items, []);
    });

    it('reports EXISTS in a batch as a ValidationError of that statement', async () => {
      const { Responses } = await ddb.send(
        new BatchExecuteStatementCommand({
          Statements: [{ Statement: `EXISTS(SELECT * FROM orders WHERE pk = 'a' AND sk = 1 AND n = 10)` }],
        }),
      );
      assert.deepEqual(Responses?.[0]?.Error, {
        Code: 'ValidationError',
        Message: 'EXISTS can only be used in ExecuteTransaction write requests.',
      });
    });
  });

  describe('set_add, set_delete and RETURNING', () => {
    it('adds to and deletes from a set, creating and removing it as ADD and DELETE do', async () => {
      await run(`INSERT INTO orders VALUE {'pk': 's', 'sk': 1}`);
      const added = await run(
        `UPDATE orders SET tags = set_add(tags, <<'x', 'y'>>) WHERE pk = 's' AND sk = 1 RETURNING ALL NEW *`,
      );
      assert.deepEqual(added.Items?.[0]?.tags, { SS: ['x', 'y'] });
      const more = await run(
        `UPDATE orders SET tags = set_add(tags, <<'z'>>) WHERE pk = 's' AND sk = 1 RETURNING MODIFIED NEW *`,
      );
      assert.deepEqual(more.Items, [{ tags: { SS: ['x', 'y', 'z'] } }]);
      const less = await run(
        `UPDATE orders SET tags = set_delete(tags, <<'x', 'y'>>) WHERE pk = 's' AND sk = 1 RETURNING MODIFIED OLD *`,
      );
      assert.deepEqual(less.Items, [{ tags: { SS: ['x', 'y', 'z'] } }]);
      const gone = await run(
        `UPDATE orders SET tags = set_delete(tags, <<'z'>>) WHERE pk = 's' AND sk = 1 RETURNING ALL NEW *`,
      );
      assert.deepEqual(gone.Items, [{ pk: { S: 's' }, sk: { N: '1' } }]);
    });

    it('reads old, new and modified as attribute names outside RETURNING', async () => {
      const { Items } = await run(
        `UPDATE orders SET old = 1, new = 2, modified = 3 WHERE pk = 'b' AND sk = 3 RETURNING MODIFIED NEW *`,
      );
      assert.deepEqual(Items, [{ old: { N: '1' }, new: { N: '2' }, modified: { N: '3' } }]);
    });

    it('returns the old item of a DELETE with RETURNING ALL OLD *, and nothing without it', async () => {
      await run(`INSERT INTO orders VALUE {'pk': 'd', 'sk': 1, 'v': 'old'}`);
      const old = await run(`UPDATE orders SET v = 'new' WHERE pk = 'd' AND sk = 1 RETURNING ALL OLD *`);
      assert.deepEqual(old.Items, [{ pk: { S: 'd' }, sk: { N: '1' }, v: { S: 'old' } }]);
      const deleted = await run(`DELETE FROM orders WHERE pk = 'd' AND sk = 1 RETURNING ALL OLD *`);
      assert.deepEqual(deleted.Items, [{ pk: { S: 'd' }, sk: { N: '1' }, v: { S: 'new' } }]);
      assert.deepEqual(
        (await run(`DELETE FROM orders WHERE pk = 'd' AND sk = 1 RETURNING ALL OLD *`)).Items,
        [],
      );
      assert.deepEqual((await run(`UPDATE orders SET v = 1 WHERE pk = 'a' AND sk = 1`)).Items, []);
    });

    const refused: [string, string][] = [
      [
        `DELETE FROM orders WHERE pk = 'a' AND sk = 1 RETURNING ALL NEW *`,
        'Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is allowed in DELETE statements.',
      ],
      [
        `DELETE FROM orders WHERE pk = 'a' AND sk = 1 RETURNING MODIFIED OLD *`,
        'Invalid returning clause: RETURNING MODIFIED OLD *. Only RETURNING ALL OLD * is allowed in DELETE statements.',
      ],
      [
        `INSERT INTO orders VALUE {'pk': 'r', 'sk': 1} RETURNING ALL OLD *`,
        'RETURNING is not supported in INSERT',
      ],
      [
        `UPDATE orders SET v = 1 WHERE pk = 'a' AND sk = 1 RETURNING ALL OLD v`,
        "Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause",
      ],
      [
        `UPDATE orders SET v = 1 WHERE pk = 'a' AND sk = 1 RETURNING ALL OLD *, ALL NEW *`,
        'Invalid syntax with multiple returning elements in RETURNING clause',
      ],
    ];
    for (const [statement, message] of refused)
      it(`refuses ${statement}`, async () => {
        await assert.rejects(run(statement), { name: 'ValidationException', message });
      });
  });

  describe('errors', () => {
    const malformed = "Statement wasn't well formed, can't be processed: ";
    const cases: [string, string][] = [
      [`SELECT * FROM orders WHERE pk = 'a' foo`, `${malformed}Unexpected token after expression`],
      [`SELECT * FROM orders WHERE pk = 'a')`, `${malformed}Unexpected token after expression`],
      [`SELECT * FROM orders WHERE`, `${malformed}Unexpected term`],
      [`SELECT * FROM orders WHERE NOT`, `${malformed}Unexpected term`],
      [
        `SELECT * FROM orders WHERE pk = 'a' AND`,
        `${malformed}Missing right-hand side expression of infix operator`,
      ],
      [`SELECT * FROM orders WHERE ORDER BY pk`, `${malformed}Unexpected keyword`],
      [`SELECT * FROM orders WHERE IS NULL`, `${malformed}Unexpected operator`],
      [`SELECT * FROM orders WHERE pk = 'a' AND x IS FOO`, `${malformed}Expected type name`],
      ['SELECT * FROM', `${malformed}Unexpected term`],
      ['DELETE FROM', `${malformed}Expected identifier for simple path`],
      [`DELETE FROM WHERE pk = 'a'`, `${malformed}Expected identifier for simple path`],
      [`SELECT * FROM orders t WHERE pk = 'a'`, 'Aliasing is not supported'],
      [`SELECT * FROM orders AS t WHERE pk = 'a'`, 'Aliasing is not supported'],
      [`UPDATE orders t SET a = 3 WHERE pk = 'a'`, 'Aliasing is not supported'],
      [`SELEKT * FROM orders`, `${malformed}Unexpected keyword`],
      [`SELECT * FROM orders WHERE pk = 1 # note`, malformed],
      [
        `UPDATE orders SET v = 1 WHERE pk = 'a'`,
        'Where clause does not contain a mandatory equality on all key attributes',
      ],
      [
        `DELETE FROM orders WHERE v = 1`,
        'Where clause does not contain a mandatory equality on all key attributes',
      ],
      [
        `UPDATE orders SET v = 1 WHERE pk = 'a' AND sk = '1'`,
        "Key attribute's data type should match its data type in table's schema: Key sk",
      ],
    ];
    for (const [statement, message] of cases)
      it(`answers ${JSON.stringify(message.replace(malformed, '…'))} to ${statement}`, async () => {
        await assert.rejects(run(statement), { name: 'ValidationException', message });
      });

    it('answers DuplicateItemException and ConditionalCheckFailedException, with the item when asked', async () => {
      await assert.rejects(run(`INSERT INTO orders VALUE {'pk': 'a', 'sk': 1}`), {
        name: 'DuplicateItemException',
        message: 'Duplicate primary key exists in table',
      });
      await assert.rejects(
        run(`UPDATE orders SET v = 2 WHERE pk = 'a' AND sk = 2 AND n = 0`, {
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
        (error: Error & { Item?: Record<string, unknown> }) => {
          assert.equal(error.name, 'ConditionalCheckFailedException');
          assert.equal(error.message, 'The conditional request failed');
          assert.deepEqual(error.Item, { pk: { S: 'a' }, sk: { N: '2' }, n: { N: '20' } });
          return true;
        },
      );
      await assert.rejects(
        run(`UPDATE orders SET v = 2 WHERE pk = 'a' AND sk = 2 AND n = 0`),
        (error: Error & { Item?: unknown }) => {
          assert.equal(error.name, 'ConditionalCheckFailedException');
          assert.equal(error.Item, undefined);
          return true;
        },
      );
    });
  });

  it('runs ORDER BY and RETURNING through the DocumentClient', async () => {
    const doc = DynamoDBDocumentClient.from(ddb);
    const { Items } = await doc.send(
      new DocExecuteStatement({
        Statement: 'SELECT sk FROM orders WHERE pk = ? ORDER BY sk DESC',
        Parameters: ['b'],
      }),
    );
    assert.deepEqual(Items, [{ sk: 3 }, { sk: 2 }, { sk: 1 }]);
    const updated = await doc.send(
      new DocExecuteStatement({
        Statement:
          'UPDATE orders SET labels = set_add(labels, ?) WHERE pk = ? AND sk = ? RETURNING MODIFIED NEW *',
        Parameters: [new Set(['p']), 'b', 2],
      }),
    );
    assert.deepEqual(updated.Items, [{ labels: new Set(['p']) }]);
  });
});
