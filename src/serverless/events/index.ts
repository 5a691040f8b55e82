// The function events Nimbus compiles, in the order the Framework's plugins compile them (the order of
// the statements they add to the shared role: osls's lib/plugins/index.js), and the events it does not
// compile yet; then serverless-iam-roles-per-function, which reworks the roles once events are in.
// https://www.serverless.com/framework/docs/providers/aws/guide/events

import { type Compilation, isObject } from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { compileCloudWatchEventEvents } from './cloudwatch-event.js';
import { compileCloudWatchLogEvents } from './cloudwatch-log.js';
import { compileCognitoUserPoolEvents } from './cognito-user-pool.js';
import { eventList } from './each.js';
import { compileEventBridgeEvents } from './event-bridge.js';
import { compileHttpEvents } from './http.js';
import { compileHttpApiEvents } from './http-api.js';
import { applyIamRolesPerFunction } from './iam-roles-per-function.js';
import { compileS3Events } from './s3.js';
import { compileScheduleEvents } from './schedule.js';
import { compileSnsEvents } from './sns.js';
import { compileSqsEvents } from './sqs.js';
import { compileStreamEvents } from './stream.js';
import { compileWebsocketEvents } from './websocket.js';

/** Compiles every event of one type across the service's functions. */
export type EventCompiler = (compilation: Compilation) => void;

const COMPILERS: readonly [string, EventCompiler][] = [
  ['schedule', compileScheduleEvents],
  ['s3', compileS3Events],
  ['sns', compileSnsEvents],
  ['stream', compileStreamEvents],
  ['cloudwatchEvent', compileCloudWatchEventEvents],
  ['cloudwatchLog', compileCloudWatchLogEvents],
  ['cognitoUserPool', compileCognitoUserPoolEvents],
  ['eventBridge', compileEventBridgeEvents],
  ['sqs', compileSqsEvents],
  ['http', compileHttpEvents],
  ['httpApi', compileHttpApiEvents],
  ['websocket', compileWebsocketEvents],
];

/** Event types AWS has that need a service Nimbus does not serve yet (or not this way). */
const NOT_YET = new Set([
  'alb',
  'alexaSkill',
  'alexaSmartHome',
  'iot',
  'iotFleetProvisioning',
  'cloudFront',
  'msk',
  'kafka',
  'activemq',
  'rabbitmq',
]);

export function compileEvents(compilation: Compilation): void {
  const known = new Set(COMPILERS.map(([type]) => type));
  for (const fn of compilation.functions)
    for (const event of eventList(fn)) {
      const type = isObject(event) ? Object.keys(event)[0] : undefined;
      if (type && known.has(type)) continue;
      if (type && NOT_YET.has(type))
        throw new ServerlessError(
          `Function "${fn.key}" has a "${type}" event: Nimbus does not compile "${type}" events yet (its service is not served)`,
          'NIMBUS_EVENT_TYPE_NOT_SUPPORTED',
        );
      throw new ServerlessError(
        `Function "${fn.key}" has an unknown event ${JSON.stringify(type ?? event)}`,
        'NIMBUS_EVENT_TYPE_UNKNOWN',
      );
    }
  for (const [, compile] of COMPILERS) compile(compilation);
  applyIamRolesPerFunction(compilation);
}
