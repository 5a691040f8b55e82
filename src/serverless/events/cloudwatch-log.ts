// `cloudwatchLog` events: a subscription filter per log group streaming its events to the function, and
// one permission per function for CloudWatch Logs to invoke it (its source covers every log group the
// function subscribes to). https://www.serverless.com/framework/docs/providers/aws/events/cloudwatch-log

import { type Compilation, type FunctionEntry, isObject, type Json } from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { naming } from '../naming.js';
import { eventList } from './each.js';
import { eventPath, pasted, rejectUnknownProperties, schemaError } from './shared.js';

/** CloudWatch Logs allows two subscription filters per log group. */
const FILTERS_PER_LOG_GROUP = 2;

export function compileCloudWatchLogEvents(compilation: Compilation): void {
  // Counted across the whole service: the limit is the log group's.
  const filtersPerGroup = new Map<string, number>();
  for (const fn of compilation.functions) {
    const groups: string[] = [];
    let index = 0;
    eventList(fn).forEach((event, at) => {
      if (!isObject(event) || !('cloudwatchLog' in event)) return;
      index += 1;
      const path = eventPath(fn, at + 1, 'cloudwatchLog');
      const { logGroup, filter } = subscriptionOf(event.cloudwatchLog!, path);
      const count = (filtersPerGroup.get(logGroup) ?? 0) + 1;
      filtersPerGroup.set(logGroup, count);
      if (count > FILTERS_PER_LOG_GROUP)
        throw new ServerlessError(
          `Only ${FILTERS_PER_LOG_GROUP} subscription filters can be configured per log group. You're attempting to configure more subscription filters than allowed for "${logGroup}".`,
          'CLOUDWATCHLOG_LOG_GROUP_EVENT_PER_FUNCTION_LIMIT_EXCEEDED',
        );
      groups.push(logGroup);
      addFilter(compilation, fn, index, logGroup, filter, path);
    });
    if (groups.length > 0) addPermission(compilation, fn, groups, eventPath(fn, 1, 'cloudwatchLog'));
  }
}

function subscriptionOf(event: Json, path: string): { logGroup: string; filter: string } {
  if (typeof event === 'string') return { logGroup: event.replace(/\r?\n/g, ''), filter: '' };
  if (!isObject(event)) throw schemaError(path, 'must be string or object');
  rejectUnknownProperties(event, ['logGroup', 'filter'], path);
  if (typeof event.logGroup !== 'string') throw schemaError(path, "must have required property 'logGroup'");
  const filter = typeof event.filter === 'string' ? event.filter.replace(/\r?\n/g, '') : '';
  return { logGroup: event.logGroup.replace(/\r?\n/g, ''), filter: unescapedFilter(filter) };
}

/** A filter written with escaped quotes (`{ $.level = \"ERROR\" }`, as YAML folded strings often leave
 * it) is unescaped once, when the first backslash comes before the first quote. */
function unescapedFilter(filter: string): string {
  const slash = filter.indexOf('\\');
  const quote = filter.indexOf('"');
  if (slash < 0 || quote < 0 || quote < slash) return filter;
  return filter.replace(/\\(["\\'])/g, '$1');
}

function addFilter(
  compilation: Compilation,
  fn: FunctionEntry,
  index: number,
  logGroup: string,
  filter: string,
  path: string,
): void {
  const dependsOn = [naming.cloudWatchLogPermissionLogicalId(fn.key)];
  if (fn.targetAlias) dependsOn.push(fn.targetAlias.logicalId);
  compilation.resources[naming.cloudWatchLogLogicalId(fn.key, index)] = {
    Type: 'AWS::Logs::SubscriptionFilter',
    DependsOn: dependsOn,
    Properties: {
      LogGroupName: pasted(logGroup, path),
      FilterPattern: filter,
      DestinationArn: compilation.functionTarget(fn),
    },
  };
}

/** The source is the log groups' common prefix, with a wildcard when there are several. */
function addPermission(compilation: Compilation, fn: FunctionEntry, groups: string[], path: string): void {
  let prefix = groups.reduce((common, group) => {
    let length = 0;
    while (length < common.length && common[length] === group[length]) length += 1;
    return common.slice(0, length);
  });
  if (groups.length > 1 && !prefix.endsWith('*')) prefix += '*';
  compilation.resources[naming.cloudWatchLogPermissionLogicalId(fn.key)] = {
    Type: 'AWS::Lambda::Permission',
    ...(fn.targetAlias ? { DependsOn: [fn.targetAlias.logicalId] } : {}),
    Properties: {
      FunctionName: compilation.functionTarget(fn),
      Action: 'lambda:InvokeFunction',
      Principal: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
      SourceArn: {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':logs:',
            { Ref: 'AWS::Region' },
            ':',
            { Ref: 'AWS::AccountId' },
            ':log-group:',
            pasted(prefix, path),
            ':*',
          ],
        ],
      },
    },
  };
}
