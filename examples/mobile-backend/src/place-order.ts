// Mutation.placeOrder, a direct Lambda resolver: prices the caller's lines from the catalog and writes the
// Order and its OrderItems in one transaction, so the stream (and every consumer) sees a whole order.
// https://docs.aws.amazon.com/appsync/latest/devguide/direct-lambda-reference.html

import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AppSyncIdentityCognito, AppSyncResolverEvent } from 'aws-lambda';
import { keys, type Order, type OrderItem, type Product } from './entities.js';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TABLE = process.env.TABLE_NAME!;
/** TransactWriteItems takes 100 actions: the order and up to 99 lines; the catalog allows fewer. */
const MAX_LINES = 25;

interface Line {
  productId: string;
  quantity: number;
}

export const handler = async (event: AppSyncResolverEvent<{ lines: Line[] }>): Promise<Order> => {
  const identity = event.identity as AppSyncIdentityCognito;
  const lines = event.arguments.lines;
  const productIds = [...new Set(lines.map((line) => line.productId))];
  if (lines.length === 0 || lines.length > MAX_LINES || productIds.length !== lines.length)
    throw new Error(`An order has 1 to ${MAX_LINES} lines, one per product`);
  if (lines.some((line) => !Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > 100))
    throw new Error('A quantity is a whole number from 1 to 100');

  const products = await catalog(productIds);
  const now = new Date().toISOString();
  const id = randomUUID();
  const items: OrderItem[] = lines.map((line) => {
    const product = products.get(line.productId);
    if (!product) throw new Error(`Unknown product ${line.productId}`);
    return {
      PK: `ORDER#${id}`,
      SK: `ITEM#${product.id}`,
      GSI1PK: `PRODUCT#${product.id}`,
      GSI1SK: `ORDER#${now}`,
      entityType: 'OrderItem',
      orderId: id,
      productId: product.id,
      name: product.name,
      price: product.price,
      quantity: line.quantity,
    };
  });
  // In cents, so that 0.1 + 0.2 is 0.3.
  const cents = items.reduce((sum, item) => sum + Math.round(item.price * 100) * item.quantity, 0);
  const order: Order = {
    ...keys.order(id),
    GSI1PK: `USER#${identity.sub}`,
    GSI1SK: `ORDER#${now}`,
    entityType: 'Order',
    id,
    userId: identity.sub,
    // The claim the PreTokenGeneration trigger added to the caller's ID token.
    userType: String(identity.claims.user_type ?? 'customer'),
    status: 'PLACED',
    total: cents / 100,
    createdAt: now,
    updatedAt: now,
  };
  await db.send(
    new TransactWriteCommand({
      TransactItems: [order, ...items].map((item) => ({
        Put: { TableName: TABLE, Item: item, ConditionExpression: 'attribute_not_exists(PK)' },
      })),
    }),
  );
  return order;
};

/** The products by id (BatchGetItem answers up to 100 keys, and may leave some unprocessed). */
async function catalog(ids: string[]): Promise<Map<string, Product>> {
  const found = new Map<string, Product>();
  let pending: Record<string, unknown>[] = ids.map((id) => keys.product(id));
  for (let attempt = 0; pending.length > 0 && attempt < 5; attempt++) {
    const { Responses, UnprocessedKeys } = await db.send(
      new BatchGetCommand({ RequestItems: { [TABLE]: { Keys: pending } } }),
    );
    for (const product of (Responses?.[TABLE] ?? []) as Product[]) found.set(product.id, product);
    pending = (UnprocessedKeys?.[TABLE]?.Keys ?? []) as Record<string, unknown>[];
  }
  return found;
}
