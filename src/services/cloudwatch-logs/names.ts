// Log group and stream names, the patterns the API reference gives them, and their ARNs.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html

import { formatArn, parseArn } from '../../core/arn.js';
import { invalidMember, invalidParameter } from './errors.js';

const GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;
const GROUP_NAME_PATTERN_TEXT = '[\\.\\-_/#A-Za-z0-9]+';
const STREAM_NAME = /^[^:*]*$/;

/** Checked in the engine (not only on the input shape) so in-process `appendEvents` calls are held to it too;
 * worded as AWS's validator words it. */
export function checkGroupName(name: string, member = 'logGroupName'): void {
  if (!GROUP_NAME.test(name)) {
    throw invalidMember(
      member,
      name,
      `Member must satisfy regular expression pattern: ${GROUP_NAME_PATTERN_TEXT}`,
    );
  }
}

export function checkStreamName(name: string, member = 'logStreamName'): void {
  if (!STREAM_NAME.test(name)) {
    throw invalidMember(member, name, 'Member must satisfy regular expression pattern: [^:*]*');
  }
}

/** Names under `aws/` belong to AWS services (not `/aws/`, which is where Lambda writes). */
export function checkGroupNameNotReserved(name: string): void {
  if (name.toLowerCase().startsWith('aws/')) {
    throw invalidParameter('Log groups starting with AWS/ are reserved for AWS.');
  }
}

/** `arn:aws:logs:region:account:log-group:name` — the form tagging takes and `logGroupArn` shows. */
export function groupArn(account: string, region: string, name: string): string {
  return formatArn({ service: 'logs', region, account, resource: `log-group:${name}` });
}

export function streamArn(account: string, region: string, group: string, stream: string): string {
  return `${groupArn(account, region, group)}:log-stream:${stream}`;
}

/** The group a `logGroupIdentifier` or tagging `resourceArn` names: a plain name, or an ARN with or
 * without the `:*` that DescribeLogGroups' `arn` carries. */
export function parseGroupIdentifier(
  identifier: string,
): { account?: string; region?: string; name: string } | undefined {
  if (!identifier.startsWith('arn:')) return { name: identifier };
  const arn = parseArn(identifier);
  if (arn?.service !== 'logs' || !arn.resource.startsWith('log-group:')) return undefined;
  const name = arn.resource.slice('log-group:'.length).replace(/:\*$/, '');
  return { account: arn.account, region: arn.region, name };
}
