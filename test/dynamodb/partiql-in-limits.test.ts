// PartiQL's IN limits: "at max 50 hash attribute values or at max 100 non-key attribute values"
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-operators.html). Any IN over 100
// values is refused as expressions refuse it; a SELECT that fixes the partition key and decomposes into
// more than 50 key reads (IN or OR on the partition key, times an IN on the sort key) is refused with
// "Too many decomposed read operations for a given query." (DynamoDB's wording, from DynamoDB Local's
// PartiQL messages; the counting rules follow another emulator's tests against AWS).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BatchExecuteStatementCommand,
  type DynamoDBClient,
  ExecuteStatementCommand,
  ExecuteTransactionCommand,
} from '@aws-sdk/client-dynamodb';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { createKeyedTable, dynamodbClient } from './helpers.js';

const TOO_MANY_READS = 'Too many decomposed read operations for a given query.';
const tooManyOperands = (n: number) =>
  `The IN operator is provided with too many operands; number of operands: ${n}`;
/** `'v0', 'v1', …` (strings), or `0, 1, …` (numbers, for the sort key). */
const strings = (n: number) => Array.from({ length: n }, (_, i) => `'v${i}'`).join(', ');
const numbers = (n: number) => Array.from({ length: n }, (_, i) => String(i)).join(', ');
const pkOr = (n: number) => Array.from({ length: n }, (_, i) => `pk = 'v${i}'`).join(' OR ');

describe('DynamoDB PartiQL IN limits', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  const run = (Statement: string) => ddb.send(new ExecuteStatementCommand({ Statement }));

  before(async () => {
    cloud = await startTestCloud();
    ddb = dynamodbClient(cloud);
    await createKeyedTable(ddb, 'limits');
    await run(`INSERT INTO limits VALUE {'pk': 'v0', 'sk': 1, 'flag': 'v3'}`);
    await run(`INSERT INTO limits VALUE {'pk': 'v49', 'sk': 2, 'flag': 'v7'}`);
  });
  after(async () => {
    ddb.destroy();
    await cloud.stop();
  });

  const refused: [string, string, string][] = [
    ['51 partition-key values', `pk IN [${strings(51)}]`, TOO_MANY_READS],
    ['51 sort-key values in one partition', `pk = 'v0' AND sk IN [${numbers(51)}]`, TOO_MANY_READS],
    ['26 partitions times 2 sort keys', `pk IN [${strings(26)}] AND sk IN [1, 2]`, TOO_MANY_READS],
    ['51 partition-key equalities joined by OR', pkOr(51), TOO_MANY_READS],
    ['101 partition-key values', `pk IN [${strings(101)}]`, tooManyOperands(101)],
    ['101 values of another attribute', `pk = 'v0' AND flag IN [${strings(101)}]`, tooManyOperands(101)],
    ['101 values in parentheses', `flag IN (${strings(101)})`, tooManyOperands(101)],
  ];
  for (const [name, where, message] of refused)
    it(`refuses a SELECT with ${name}`, async () => {
      await assert.rejects(run(`SELECT * FROM limits WHERE ${where}`), {
        name: 'ValidationException',
        message,
      });
    });

  const allowed: [string, string, string[]][] = [
    ['50 partition-key values', `pk IN [${strings(50)}]`, ['v0', 'v49']],
    [
      '50 partitions and 100 values of another attribute',
      `pk IN [${strings(50)}] AND flag IN [${strings(100)}]`,
      ['v0', 'v49'],
    ],
    ['25 partitions times 2 sort keys', `pk IN [${strings(25)}] AND sk IN [1, 2]`, ['v0']],
    [
      '51 partition-key values OR another attribute (a scan)',
      `pk IN [${strings(51)}] OR flag = 'v7'`,
      ['v0', 'v49'],
    ],
    ['100 values of another attribute (a scan)', `flag IN [${strings(100)}]`, ['v0', 'v49']],
    ['50 partition-key equalities joined by OR', pkOr(50), ['v0', 'v49']],
  ];
  for (const [name, where, partitions] of allowed)
    it(`runs a SELECT with ${name}`, async () => {
      const items = [];
      let NextToken: string | undefined;
      do {
        const page = await ddb.send(
          new ExecuteStatementCommand({ Statement: `SELECT pk FROM limits WHERE ${where}`, NextToken }),
        );
        items.push(...(page.Items ?? []));
        NextToken = page.NextToken;
      } while (NextToken);
      assert.deepEqual(items.map((i) => i.pk?.S).sort(), partitions);
    });

  it('refuses 101 values in an UPDATE and names the statement in a transaction', async () => {
    await assert.rejects(
      run(`UPDATE limits SET t = 1 WHERE pk = 'v0' AND sk = 1 AND flag IN [${strings(101)}]`),
      { name: 'ValidationException', message: tooManyOperands(101) },
    );
    await assert.rejects(
      ddb.send(
        new ExecuteTransactionCommand({
          TransactStatements: [
            { Statement: `SELECT * FROM limits WHERE pk IN [${strings(101)}] AND sk = 1` },
          ],
        }),
      ),
      {
        name: 'ValidationException',
        message: `Validation failed in TransactStatements[0]: ${tooManyOperands(101)}`,
      },
    );
  });

  it('reports too many decomposed reads as the error of one statement in a batch', async () => {
    const { Responses } = await ddb.send(
      new BatchExecuteStatementCommand({
        Statements: [
          { Statement: `SELECT * FROM limits WHERE pk IN [${strings(51)}] AND sk = 1` },
          { Statement: `SELECT * FROM limits WHERE pk = 'v0' AND sk = 1` },
        ],
      }),
    );
    assert.deepEqual(Responses?.[0]?.Error, { Code: 'ValidationError', Message: TOO_MANY_READS });
    assert.equal(Responses?.[1]?.Item?.pk?.S, 'v0');
  });
});
