// PartiQL through the AWS SDK v3: ExecuteStatement (SELECT as GetItem, Query or Scan with paging; INSERT,
// UPDATE, DELETE), BatchExecuteStatement and ExecuteTransaction.
// Expected answers follow https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BatchExecuteStatementCommand,
  CreateTableCommand,
  type DynamoDBClient,
  ExecuteStatementCommand,
  ExecuteTransactionCommand,
} from '@aws-sdk/client-dynamodb';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { dynamodbClient } from './helpers.js';

describe('DynamoDB PartiQL', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  const run = (
    Statement: string,
    Parameters?: Record<string, unknown>[],
    extra: Record<string, unknown> = {},
  ) => ddb.send(new ExecuteStatementCommand({ Statement, Parameters: Parameters as never, ...extra }));
  before(async () => {
    cloud = await startTestCloud();
    ddb = dynamodbClient(cloud);
    await ddb.send(
      new CreateTableCommand({
        TableName: 'music',
        AttributeDefinitions: [
          { AttributeName: 'Artist', AttributeType: 'S' },
          { AttributeName: 'Song', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'Artist', KeyType: 'HASH' },
          { AttributeName: 'Song', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  });
  after(async () => {
    ddb.destroy();
    await cloud.stop();
  });

  it('inserts items with literals and parameters, and refuses a duplicate key', async () => {
    await run(
      `INSERT INTO music VALUE {'Artist': 'Acme', 'Song': 'One', 'Year': 2001, 'Tags': <<'rock', 'pop'>>}`,
    );
    await run(`INSERT INTO "music" VALUE {'Artist': ?, 'Song': ?, 'Year': ?}`, [
      { S: 'Acme' },
      { S: 'Two' },
      { N: '2003' },
    ]);
    await run(
      `INSERT INTO music VALUE {'Artist': 'Zed', 'Song': 'Solo', 'Year': 1999, 'Info': {'live': true, 'takes': [1, 2]}}`,
    );
    await assert.rejects(run(`INSERT INTO music VALUE {'Artist': 'Acme', 'Song': 'One'}`), {
      name: 'DuplicateItemException',
      message: 'Duplicate primary key exists in table',
    });
  });

  it('selects by full key, by partition (in sort order, paged) and by scan with a filter', async () => {
    const one = await run(`SELECT Year, Tags FROM music WHERE Artist = 'Acme' AND Song = 'One'`);
    // Sets come back in DynamoDB's order (bytewise), not as written.
    assert.deepEqual(one.Items, [{ Year: { N: '2001' }, Tags: { SS: ['pop', 'rock'] } }]);
    const first = await run(`SELECT Song FROM music WHERE Artist = ?`, [{ S: 'Acme' }], { Limit: 1 });
    assert.deepEqual(first.Items, [{ Song: { S: 'One' } }]);
    assert.ok(first.NextToken);
    const second = await run(`SELECT Song FROM music WHERE Artist = ?`, [{ S: 'Acme' }], {
      NextToken: first.NextToken,
    });
    assert.deepEqual(second.Items, [{ Song: { S: 'Two' } }]);
    const old = await run(`SELECT * FROM music WHERE Year < 2002 AND Info.live = true`);
    assert.deepEqual(
      old.Items?.map((i) => i.Song?.S),
      ['Solo'],
    );
  });

  it('updates with SET arithmetic and REMOVE, and fails the condition for a missing item', async () => {
    await run(`UPDATE music SET Year = Year + 1 REMOVE Tags WHERE Artist = 'Acme' AND Song = 'One'`);
    const { Items } = await run(`SELECT * FROM music WHERE Artist = 'Acme' AND Song = 'One'`);
    assert.deepEqual(Items, [{ Artist: { S: 'Acme' }, Song: { S: 'One' }, Year: { N: '2002' } }]);
    await assert.rejects(run(`UPDATE music SET Year = 1 WHERE Artist = 'Nobody' AND Song = 'None'`), {
      name: 'ConditionalCheckFailedException',
    });
    await assert.rejects(run(`UPDATE music SET Year = 1 WHERE Artist = 'Acme'`), {
      name: 'ValidationException',
      message: 'Where clause does not contain a mandatory equality on all key attributes',
    });
  });

  it('deletes with a condition', async () => {
    await assert.rejects(run(`DELETE FROM music WHERE Artist = 'Zed' AND Song = 'Solo' AND Year = 2000`), {
      name: 'ConditionalCheckFailedException',
    });
    await run(`DELETE FROM music WHERE Artist = 'Zed' AND Song = 'Solo'`);
    const { Items } = await run(`SELECT * FROM music WHERE Artist = 'Zed'`);
    assert.deepEqual(Items, []);
  });

  it('runs a batch, reporting errors per statement', async () => {
    // A batch is all reads or all writes (API_BatchExecuteStatement.html).
    const reads = await ddb.send(
      new BatchExecuteStatementCommand({
        Statements: [
          { Statement: `SELECT * FROM music WHERE Artist = 'Acme' AND Song = 'Two'` },
          { Statement: `SELECT * FROM music WHERE Artist = 'Acme' AND Song = 'None'` },
        ],
      }),
    );
    assert.equal(reads.Responses?.[0]?.Item?.Year?.N, '2003');
    assert.deepEqual(reads.Responses?.[1], { TableName: 'music' });
    const { Responses } = await ddb.send(
      new BatchExecuteStatementCommand({
        Statements: [
          { Statement: `INSERT INTO music VALUE {'Artist': 'Acme', 'Song': 'Two'}` },
          { Statement: `INSERT INTO music VALUE {'Artist': 'New', 'Song': 'Three'}` },
        ],
      }),
    );
    assert.equal(Responses?.[0]?.Error?.Code, 'DuplicateItem');
    assert.equal(Responses?.[1]?.Error, undefined);
  });

  it('runs a transaction all-or-nothing', async () => {
    await assert.rejects(
      ddb.send(
        new ExecuteTransactionCommand({
          TransactStatements: [
            { Statement: `INSERT INTO music VALUE {'Artist': 'Tx', 'Song': 'A'}` },
            { Statement: `UPDATE music SET Year = 1 WHERE Artist = 'Nobody' AND Song = 'None'` },
          ],
        }),
      ),
      { name: 'TransactionCanceledException' },
    );
    assert.deepEqual((await run(`SELECT * FROM music WHERE Artist = 'Tx'`)).Items, []);
    await assert.rejects(
      ddb.send(
        new ExecuteTransactionCommand({
          TransactStatements: [
            { Statement: `INSERT INTO music VALUE {'Artist': 'Tx', 'Song': 'B'}` },
            { Statement: `INSERT INTO music VALUE {'Artist': 'Acme', 'Song': 'One'}` },
          ],
        }),
      ),
      (error: Error & { CancellationReasons?: { Code?: string }[] }) => {
        assert.equal(error.name, 'TransactionCanceledException');
        assert.deepEqual(
          error.CancellationReasons?.map((r) => r.Code),
          ['None', 'DuplicateItem'],
        );
        return true;
      },
    );
    await ddb.send(
      new ExecuteTransactionCommand({
        TransactStatements: [
          { Statement: `INSERT INTO music VALUE {'Artist': 'Tx', 'Song': 'A'}` },
          { Statement: `UPDATE music SET Year = 2020 WHERE Artist = 'New' AND Song = 'Three'` },
        ],
      }),
    );
    const { Responses } = await ddb.send(
      new ExecuteTransactionCommand({
        TransactStatements: [
          { Statement: `SELECT * FROM music WHERE Artist = 'Tx' AND Song = 'A'` },
          { Statement: `SELECT Year FROM music WHERE Artist = 'New' AND Song = 'Three'` },
        ],
      }),
    );
    assert.deepEqual(Responses, [
      { Item: { Artist: { S: 'Tx' }, Song: { S: 'A' } } },
      { Item: { Year: { N: '2020' } } },
    ]);
  });

  it('reports a malformed statement as a ValidationException', async () => {
    await assert.rejects(run(`SELEKT * FROM music`), { name: 'ValidationException' });
    await assert.rejects(run(`SELECT * FROM music WHERE Artist = ?`), {
      name: 'ValidationException',
      message: "Number of parameters in request and statement don't match.",
    });
  });
});
