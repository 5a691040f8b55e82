// Order.items: the order's lines, which share its partition (PK = ORDER#<id>, SK = ITEM#<productId>).
import { util } from '@aws-appsync/utils';

export function request(ctx) {
  return {
    operation: 'Query',
    query: {
      expression: 'PK = :order AND begins_with(SK, :items)',
      expressionValues: util.dynamodb.toMapValues({ ':order': `ORDER#${ctx.source.id}`, ':items': 'ITEM#' }),
    },
  };
}

export function response(ctx) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return ctx.result.items;
}
