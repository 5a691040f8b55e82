// The statements of a role serverless-iam-roles-per-function gives a function, and the checks the plugin
// makes of the function's own. https://github.com/functionalone/serverless-iam-roles-per-function

import {
  type Compilation,
  type FunctionEntry,
  isObject,
  type Json,
  type JsonObject,
} from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { naming } from '../naming.js';
import { eventList } from './each.js';

export const PLUGIN = 'serverless-iam-roles-per-function';

/** In the plugin's order: logs, streams, queues, the onError topic, inherited, then the function's own. */
export function statementsOf(compilation: Compilation, fn: FunctionEntry, settings: JsonObject): Json[] {
  const statements: Json[] = [
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:PutLogEvents'],
      Resource: [
        {
          'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:${naming.logGroupName(fn.name)}:*:*`,
        },
      ],
    },
  ];
  const events = eventList(fn).filter(isObject);
  const streams: Record<string, Json[]> = { dynamodb: [], kinesis: [] };
  for (const event of events) {
    if (!('stream' in event)) continue;
    const arn = (isObject(event.stream) ? event.stream.arn : event.stream) as Json;
    const type = (isObject(event.stream) ? event.stream.type : undefined) ?? String(arn).split(':')[2];
    const list = streams[String(type)];
    if (!list) throw pluginError(`Unsupported stream type: ${String(type)} for function: ${fn.key}`);
    list.push(arn);
  }
  for (const [type, resources] of Object.entries(streams))
    if (resources.length > 0)
      statements.push({
        Effect: 'Allow',
        Action: ['GetRecords', 'GetShardIterator', 'DescribeStream', 'ListStreams'].map(
          (action) => `${type}:${action}`,
        ),
        Resource: resources,
      });
  const queues = events
    .filter((event) => 'sqs' in event)
    .map((event) => (isObject(event.sqs) ? event.sqs.arn : event.sqs) as Json);
  if (queues.length > 0)
    statements.push({
      Effect: 'Allow',
      Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
      Resource: queues,
    });
  if (!isEmpty(fn.config.onError))
    statements.push({ Effect: 'Allow', Action: ['sns:Publish'], Resource: fn.config.onError! });
  const inherit =
    fn.config.iamRoleStatementsInherit ||
    (settings.defaultInherit && fn.config.iamRoleStatementsInherit !== false);
  const provider = compilation.provider;
  const inherited = isObject(provider.iam)
    ? isObject(provider.iam.role)
      ? provider.iam.role.statements
      : undefined
    : provider.iamRoleStatements;
  if (inherit && Array.isArray(inherited)) statements.push(...inherited.map(withActionList));
  if (Array.isArray(fn.config.iamRoleStatements))
    statements.push(...fn.config.iamRoleStatements.map(withActionList));
  return statements;
}

export function validateStatements(statements: Json): void {
  if (isEmpty(statements)) return;
  let violations: string | undefined;
  if (!Array.isArray(statements)) violations = 'it is not an array';
  else {
    const flawed = statements.flatMap((statement, at) => {
      const fields = isObject(statement) ? statement : {};
      const missing = [['Effect'], ['Action', 'NotAction'], ['Resource', 'NotResource']].filter((group) =>
        group.every((field) => !fields[field]),
      );
      return missing.length === 0
        ? []
        : [
            `statement ${at} is missing the following properties: ${missing.map((group) => group.join(' / ')).join(', ')}`,
          ];
    });
    if (flawed.length > 0) violations = flawed.join('; ');
  }
  if (violations)
    throw pluginError(
      `iamRoleStatements should be an array of objects, where each object has Effect, Action / NotAction, Resource / NotResource fields. Specifically, ${violations}`,
    );
}

/** The Framework's schema turns a single Action (or NotAction) into a list. */
function withActionList(statement: Json): Json {
  if (!isObject(statement)) return statement;
  const result = { ...statement };
  for (const key of ['Action', 'NotAction'])
    if (typeof result[key] === 'string') result[key] = [result[key] as string];
  return result;
}

/** lodash's isEmpty, as the plugin tests with it: nothing, or an empty string, list or object. */
export function isEmpty(value: Json | undefined): boolean {
  if (value === undefined || value === null || typeof value !== 'object')
    return typeof value === 'string' ? value === '' : true;
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

export function pluginError(message: string): ServerlessError {
  return new ServerlessError(`${PLUGIN}: ERROR: ${message}`, 'IAM_ROLES_PER_FUNCTION_ERROR');
}
