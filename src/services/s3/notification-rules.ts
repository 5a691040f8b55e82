// The checks S3 makes on a notification configuration's events and filters before it looks at the
// destinations: known event names, filter rules named `prefix` or `suffix` (at most one of each), and no two
// configurations that would both receive the same event for the same key (S3 never sends one event twice).
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html

import { ServiceError } from '../../core/errors.js';
import type { NotificationConfig } from './notifications.js';

/** Every event type a configuration may name (`s3:` and a type, or a family with `:*`). */
const EVENT_TYPES = [
  'ObjectCreated:Put',
  'ObjectCreated:Post',
  'ObjectCreated:Copy',
  'ObjectCreated:CompleteMultipartUpload',
  'ObjectRemoved:Delete',
  'ObjectRemoved:DeleteMarkerCreated',
  'ObjectRestore:Post',
  'ObjectRestore:Completed',
  'ObjectRestore:Delete',
  'ReducedRedundancyLostObject',
  'Replication:OperationFailedReplication',
  'Replication:OperationMissedThreshold',
  'Replication:OperationReplicatedAfterThreshold',
  'Replication:OperationNotTracked',
  'LifecycleExpiration:Delete',
  'LifecycleExpiration:DeleteMarkerCreated',
  'LifecycleTransition',
  'IntelligentTiering',
  'ObjectTagging:Put',
  'ObjectTagging:Delete',
  'ObjectAcl:Put',
];

interface Rules {
  readonly events: Set<string>;
  readonly prefix: string;
  readonly suffix: string;
}

export function checkNotificationRules(config: NotificationConfig): void {
  const all = [
    ...(config.QueueConfigurations ?? []),
    ...(config.TopicConfigurations ?? []),
    ...(config.LambdaFunctionConfigurations ?? []),
  ];
  const seen: Rules[] = [];
  for (const destination of all) {
    const rules: Rules = { events: expand(destination.Events ?? []), ...filterOf(destination.Filter) };
    for (const other of seen) {
      if (overlap(rules, other)) {
        throw new ServiceError(
          'InvalidArgument',
          'Configurations overlap. Configurations on the same bucket cannot share a common event type.',
        );
      }
    }
    seen.push(rules);
  }
}

/** The event types a list names, with `s3:ObjectCreated:*` standing for each ObjectCreated type. */
function expand(names: readonly string[]): Set<string> {
  const types = new Set<string>();
  for (const name of names) {
    const bare = name.replace(/^s3:/, '');
    const family = bare.endsWith(':*') ? bare.slice(0, -1) : undefined;
    const matched = EVENT_TYPES.filter((type) => (family ? type.startsWith(family) : type === bare));
    if (!name.startsWith('s3:') || matched.length === 0) {
      throw new ServiceError('InvalidArgument', 'The event is not supported for notifications', {
        fields: { ArgumentName: 'Event', ArgumentValue: name },
      });
    }
    for (const type of matched) types.add(type);
  }
  return types;
}

function filterOf(filter: { Key?: { FilterRules?: { Name?: string; Value?: string }[] } } | undefined): {
  prefix: string;
  suffix: string;
} {
  let prefix: string | undefined;
  let suffix: string | undefined;
  for (const rule of filter?.Key?.FilterRules ?? []) {
    const name = rule.Name?.toLowerCase();
    if (name === 'prefix') {
      if (prefix !== undefined)
        throw filterError('Cannot specify more than one prefix rule in a filter.', rule);
      prefix = rule.Value ?? '';
    } else if (name === 'suffix') {
      if (suffix !== undefined)
        throw filterError('Cannot specify more than one suffix rule in a filter.', rule);
      suffix = rule.Value ?? '';
    } else {
      throw filterError('filter rule name must be either prefix or suffix', rule);
    }
  }
  return { prefix: prefix ?? '', suffix: suffix ?? '' };
}

function filterError(message: string, rule: { Name?: string; Value?: string }): ServiceError {
  return new ServiceError('InvalidArgument', message, {
    fields: { ArgumentName: 'FilterRule.Name', ArgumentValue: rule.Name ?? '' },
  });
}

/** Two configurations overlap when they share an event type and some key could pass both filters: one
 * prefix starts the other, and one suffix ends the other. */
function overlap(a: Rules, b: Rules): boolean {
  if (![...a.events].some((type) => b.events.has(type))) return false;
  const prefixes = a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix);
  const suffixes = a.suffix.endsWith(b.suffix) || b.suffix.endsWith(a.suffix);
  return prefixes && suffixes;
}
