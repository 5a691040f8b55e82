// The single table's entities and their keys: every item carries its `entityType`, a generic PK/SK, and
// (for the access patterns that need one) GSI1PK/GSI1SK. The README's key table lists the access patterns.

export type EntityType = 'User' | 'Product' | 'Order' | 'OrderItem';

export interface User {
  PK: `USER#${string}`;
  SK: 'PROFILE';
  entityType: 'User';
  id: string;
  email: string;
  name: string;
  /** `test` for QA accounts (see userTypeOf), `customer` for everyone else. */
  userType: string;
  createdAt: string;
}

export interface Product {
  PK: `PRODUCT#${string}`;
  SK: 'PRODUCT';
  GSI1PK: `CATEGORY#${string}`;
  GSI1SK: `PRODUCT#${string}`;
  entityType: 'Product';
  id: string;
  name: string;
  category: string;
  price: number;
}

export interface Order {
  PK: `ORDER#${string}`;
  SK: 'ORDER';
  GSI1PK: `USER#${string}`;
  GSI1SK: `ORDER#${string}`;
  entityType: 'Order';
  id: string;
  userId: string;
  userType: string;
  status: 'PLACED' | 'PAID' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';
  total: number;
  createdAt: string;
  updatedAt: string;
}

export interface OrderItem {
  PK: `ORDER#${string}`;
  SK: `ITEM#${string}`;
  GSI1PK: `PRODUCT#${string}`;
  GSI1SK: `ORDER#${string}`;
  entityType: 'OrderItem';
  orderId: string;
  productId: string;
  name: string;
  price: number;
  quantity: number;
}

export const keys = {
  user: (sub: string) => ({ PK: `USER#${sub}`, SK: 'PROFILE' }) as const,
  product: (id: string) => ({ PK: `PRODUCT#${id}`, SK: 'PRODUCT' }) as const,
  order: (id: string) => ({ PK: `ORDER#${id}`, SK: 'ORDER' }) as const,
};

/** QA accounts sign up at the test domain; their tokens and profiles say `test`. */
export function userTypeOf(email: string | undefined): 'test' | 'customer' {
  const domain = (email ?? '').split('@').pop()?.toLowerCase();
  return domain === (process.env.TEST_USER_DOMAIN ?? 'test.example.com') ? 'test' : 'customer';
}

/** One structured line per event a consumer handles (CloudWatch Logs Insights reads it as fields). */
export function logHandled(consumer: string, event: { 'detail-type': string; detail: unknown }): void {
  const { data } = event.detail as { data: { id?: string; orderId?: string } };
  console.log(JSON.stringify({ consumer, detailType: event['detail-type'], id: data.id ?? data.orderId }));
}
