// Query.myOrders: the caller's orders, newest first, from GSI1 (GSI1PK = USER#<sub>, GSI1SK = ORDER#<time>).
import { util } from '@aws-appsync/utils';

export function request(ctx) {
  return {
    operation: 'Query',
    index: 'GSI1',
    query: {
      expression: 'GSI1PK = :user AND begins_with(GSI1SK, :orders)',
      expressionValues: util.dynamodb.toMapValues({
        ':user': `USER#${ctx.identity.sub}`,
        ':orders': 'ORDER#',
      }),
    },
    scanIndexForward: false,
  };
}

export function response(ctx) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return ctx.result.items;
}
