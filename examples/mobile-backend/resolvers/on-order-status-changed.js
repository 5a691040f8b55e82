// Subscription.onOrderStatusChanged: runs once when a client subscribes. A user may follow only their own
// orders; AppSync then delivers each updateOrderStatus result whose userId equals the argument.
// https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html
import { util } from '@aws-appsync/utils';

export function request(ctx) {
  if (ctx.args.userId !== ctx.identity.sub) util.unauthorized();
  return { payload: null };
}

export function response() {
  return null;
}
