// `@aws-appsync/utils` for APPSYNC_JS code: `util` (the shared utilities in their JS forms), `runtime`
// (earlyReturn) and `extensions`, bound to one evaluation's Session.
// https://docs.aws.amazon.com/appsync/latest/devguide/built-in-util-js.html
// https://docs.aws.amazon.com/appsync/latest/devguide/runtime-utils-js.html
// https://docs.aws.amazon.com/appsync/latest/devguide/extensions-js.html

import type { ResolverContext } from '../contract.js';
import { sharedUtils } from '../util/core.js';
import { ReturnSignal, type Session } from '../util/signals.js';
import { vtlExtensions } from '../vtl/util.js';
import { dynamodbModule } from './dynamodb.js';

export function appsyncModules(session: Session, context: ResolverContext): Record<string, unknown> {
  const util = sharedUtils(session, context, false);
  const runtime = {
    earlyReturn: (value?: unknown): never => {
      throw new ReturnSignal(value === undefined ? null : value);
    },
  };
  const extensions = vtlExtensions(session);
  return {
    '@aws-appsync/utils': { util, runtime, extensions },
    '@aws-appsync/utils/dynamodb': dynamodbModule,
  };
}
