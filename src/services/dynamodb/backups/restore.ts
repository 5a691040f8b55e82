// Restores (from a backup, or to a point in time) into a new table: the source's definition with the
// request's overrides, checked by CreateTable's own rules, and the items written with their index entries in
// one transaction. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/pointintimerecovery_restores.html

import { ServiceError } from '../../../core/errors.js';
import type { DynamoDb } from '../dynamodb.js';
import { itemKey, type Table, type TableSpec } from '../table.js';
import { buildTableSpec, type CreateTableInput, type IndexInput } from '../table-create.js';
import { type Item, itemSize } from '../values.js';

export interface RestoreOverrides {
  BillingModeOverride?: string;
  GlobalSecondaryIndexOverride?: IndexInput[];
  LocalSecondaryIndexOverride?: IndexInput[];
  ProvisionedThroughputOverride?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
  SSESpecificationOverride?: { Enabled?: boolean; SSEType?: string; KMSMasterKeyId?: string };
}

/** Observed as moto's verified tests word it: "Table already exists: <name>". */
export function tableAlreadyExists(name: string): ServiceError {
  return new ServiceError('TableAlreadyExistsException', `Table already exists: ${name}`);
}

/** Creates `target` from `source` (a definition) and `items`; what is not restored is what AWS does not
 * restore: streams, TTL, tags, auto scaling, PITR and deletion protection are left off. */
export function restoreTable(
  ddb: DynamoDb,
  where: { account: string; region: string },
  source: TableSpec,
  target: string,
  overrides: RestoreOverrides,
  items: () => Item[],
  restore: NonNullable<TableSpec['restore']>,
): Table {
  if (ddb.findTable(where.account, where.region, target)) throw tableAlreadyExists(target);
  const spec: TableSpec = {
    ...buildTableSpec(restoreInput(source, target, overrides), ddb.clock.now(), ddb.newTableId()),
    restore,
  };
  const sse = overrides.SSESpecificationOverride;
  if (sse) spec.sse = { enabled: sse.Enabled ?? false, type: sse.SSEType, kmsKeyId: sse.KMSMasterKeyId };
  else if (source.sse) spec.sse = source.sse;
  return ddb.changeTables(() => {
    const table = ddb.createTable(where.account, where.region, spec);
    for (const item of items()) {
      const key = itemKey(table.spec, item);
      try {
        ddb.writeItem(table, key, undefined, item);
      } catch {
        // An item whose key for an overriding index has the wrong type stays out of that index, as a GSI's
        // backfill leaves it out.
        ddb.sql.putItem.run(table.id, key.pk, key.sk, JSON.stringify(item), itemSize(item), null);
      }
    }
    return table;
  });
}

/** The CreateTable request the restore amounts to. */
function restoreInput(source: TableSpec, target: string, o: RestoreOverrides): CreateTableInput {
  const billingMode = o.BillingModeOverride ?? source.billingMode;
  const provisioned = billingMode === 'PROVISIONED';
  const throughput = (t: { read: number; write: number } | undefined) =>
    provisioned && t ? { ReadCapacityUnits: t.read, WriteCapacityUnits: t.write } : undefined;
  const schema = (hash: { name: string }, range?: { name: string }) => [
    { AttributeName: hash.name, KeyType: 'HASH' },
    ...(range ? [{ AttributeName: range.name, KeyType: 'RANGE' }] : []),
  ];
  const indexes = (global: boolean): IndexInput[] =>
    source.indexes
      .filter((i) => i.global === global)
      .map((i) => ({
        IndexName: i.name,
        KeySchema: schema(i.hash, i.range),
        Projection: i.projection,
        ...(global && throughput(i.throughput) ? { ProvisionedThroughput: throughput(i.throughput) } : {}),
      }));
  const lsis = o.LocalSecondaryIndexOverride ?? indexes(false);
  const gsis = o.GlobalSecondaryIndexOverride ?? indexes(true);
  const keySchema = schema(source.hash, source.range);
  // Only the attributes the new key schemas use are defined (CreateTable refuses unused definitions).
  const used = new Set([...keySchema, ...lsis, ...gsis].flatMap((e) => keyNames(e)));
  return {
    TableName: target,
    AttributeDefinitions: source.attributeDefinitions.filter((d) => used.has(d.AttributeName)),
    KeySchema: keySchema,
    BillingMode: billingMode,
    // An override with on-demand billing reaches CreateTable's check, which refuses it as CreateTable does.
    ProvisionedThroughput: o.ProvisionedThroughputOverride ?? throughput(source.throughput),
    ...(lsis.length > 0 ? { LocalSecondaryIndexes: lsis } : {}),
    ...(gsis.length > 0 ? { GlobalSecondaryIndexes: gsis } : {}),
    TableClass: source.tableClass,
  };
}

function keyNames(element: { AttributeName?: string; KeySchema?: { AttributeName: string }[] }): string[] {
  if (element.KeySchema) return element.KeySchema.map((k) => k.AttributeName);
  return element.AttributeName ? [element.AttributeName] : [];
}
