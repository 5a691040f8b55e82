// A property test: random sequences of PutItem, UpdateItem (ADD), DeleteItem, conditional puts and
// TransactWriteItems against Nimbus and against a small reference model in this file, comparing every
// Query (both directions, with a sort-key range) and the final table. Seeded, so a failure reproduces.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { Cloud } from '../../src/index.js';
import { random, startTestCloud } from '../support/helpers.js';
import { createKeyedTable, dynamodbClient } from './helpers.js';

/** The model: partition → sort key (as a number) → value (a bigint of hundredths, exact). */
type Model = Map<string, Map<number, bigint>>;

const PARTITIONS = ['a', 'b', 'ü', 'B'];
/** Sort keys mixing signs, magnitudes and fractions, so numeric order differs from text order. */
const SORT_KEYS = [-1000, -10.5, -2, -0.25, 0, 0.001, 1, 2, 9.75, 10, 100, 12345.678];

describe('DynamoDB against a reference model', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  before(async () => {
    cloud = await startTestCloud();
    ddb = dynamodbClient(cloud);
    await createKeyedTable(ddb, 'model');
  });
  after(async () => {
    ddb.destroy();
    await cloud.stop();
  });

  for (const seed of [1, 2, 3]) {
    it(`agrees with the model over 150 random operations (seed ${seed})`, async () => {
      const next = random(seed * 104729);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
      const model: Model = new Map();
      const pk = `s${seed}-`;
      const key = (p: string, sk: number) => ({ pk: { S: pk + p }, sk: { N: String(sk) } });
      const get = (p: string, sk: number) => model.get(p)?.get(sk);
      const set = (p: string, sk: number, v: bigint | undefined) => {
        const partition = model.get(p) ?? new Map<number, bigint>();
        model.set(p, partition);
        if (v === undefined) partition.delete(sk);
        else partition.set(sk, v);
      };
      const hundredths = () => BigInt(Math.floor(next() * 20001) - 10000);
      const text = (v: bigint) => {
        const negative = v < 0n;
        const abs = negative ? -v : v;
        return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
      };
      for (let step = 0; step < 150; step++) {
        const p = pick(PARTITIONS);
        const sk = pick(SORT_KEYS);
        const roll = next();
        if (roll < 0.3) {
          const v = hundredths();
          await ddb.send(
            new PutItemCommand({ TableName: 'model', Item: { ...key(p, sk), v: { N: text(v) } } }),
          );
          set(p, sk, v);
        } else if (roll < 0.5) {
          const v = hundredths();
          await ddb.send(
            new UpdateItemCommand({
              TableName: 'model',
              Key: key(p, sk),
              UpdateExpression: 'ADD v :d',
              ExpressionAttributeValues: { ':d': { N: text(v) } },
            }),
          );
          set(p, sk, (get(p, sk) ?? 0n) + v);
        } else if (roll < 0.6) {
          await ddb.send(new DeleteItemCommand({ TableName: 'model', Key: key(p, sk) }));
          set(p, sk, undefined);
        } else if (roll < 0.7) {
          const succeeded = await ddb
            .send(
              new PutItemCommand({
                TableName: 'model',
                Item: { ...key(p, sk), v: { N: '0' } },
                ConditionExpression: 'attribute_not_exists(pk)',
              }),
            )
            .then(
              () => true,
              (error: Error) => {
                assert.equal(error.name, 'ConditionalCheckFailedException');
                return false;
              },
            );
          assert.equal(succeeded, get(p, sk) === undefined);
          if (succeeded) set(p, sk, 0n);
        } else if (roll < 0.8) {
          const other = pick(SORT_KEYS);
          if (other === sk) continue;
          const v = hundredths();
          const allowed = (get(p, other) ?? 0n) >= 0n;
          const ok = await ddb
            .send(
              new TransactWriteItemsCommand({
                TransactItems: [
                  { Put: { TableName: 'model', Item: { ...key(p, sk), v: { N: text(v) } } } },
                  {
                    ConditionCheck: {
                      TableName: 'model',
                      Key: key(p, other),
                      ConditionExpression: 'attribute_not_exists(v) OR v >= :zero',
                      ExpressionAttributeValues: { ':zero': { N: '0' } },
                    },
                  },
                ],
              }),
            )
            .then(
              () => true,
              () => false,
            );
          assert.equal(ok, allowed, `transaction at step ${step}`);
          if (ok) set(p, sk, v);
        } else {
          const forward = next() < 0.5;
          const low = pick(SORT_KEYS);
          const { Items } = await ddb.send(
            new QueryCommand({
              TableName: 'model',
              KeyConditionExpression: 'pk = :p AND sk >= :low',
              ExpressionAttributeValues: { ':p': { S: pk + p }, ':low': { N: String(low) } },
              ScanIndexForward: forward,
            }),
          );
          const expected = [...(model.get(p) ?? new Map<number, bigint>()).entries()]
            .filter(([k]) => k >= low)
            .sort(([a], [b]) => (forward ? a - b : b - a))
            .map(([k, v]) => [String(k), canonical(v)]);
          assert.deepEqual(
            Items?.map((i) => [i.sk?.N, i.v?.N]),
            expected,
            `query at step ${step}`,
          );
        }
      }
    });
  }
});

/** The model's value as DynamoDB prints it: no trailing zeros, no trailing point. */
function canonical(v: bigint): string {
  const negative = v < 0n;
  const abs = negative ? -v : v;
  let text = `${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`.replace(/0+$/, '').replace(/\.$/, '');
  if (text === '0') return '0';
  text = negative ? `-${text}` : text;
  return text;
}
