// AWS::S3::Bucket's LifecycleConfiguration in PutBucketLifecycleConfiguration's shape. CloudFormation flattens
// each rule (`ExpirationInDays`, `Prefix` + `TagFilters` + sizes, `Transition` beside `Transitions`,
// `NoncurrentVersionExpirationInDays`) where the API nests it (`Expiration.Days`, `Filter.And`).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-rule.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleRule.html

import { booleanProperty, numberProperty, stringProperty } from '../../../core/resources.js';
import { items, tagSet } from './bucket-properties.js';

type Value = Record<string, unknown>;

/** The input members of PutBucketLifecycleConfiguration besides `Bucket`. */
export function lifecycleConfiguration(value: unknown): Value {
  const config = value as Value;
  return {
    LifecycleConfiguration: { Rules: items(config.Rules).map(lifecycleRule) },
    TransitionDefaultMinimumObjectSize: stringProperty(config.TransitionDefaultMinimumObjectSize),
  };
}

function lifecycleRule(rule: Value): Value {
  const expiration = compact({
    Date: stringProperty(rule.ExpirationDate),
    Days: numberProperty(rule.ExpirationInDays),
    ExpiredObjectDeleteMarker: booleanProperty(rule.ExpiredObjectDeleteMarker),
  });
  const transitions = [...items(rule.Transitions), ...items(rule.Transition ? [rule.Transition] : [])].map(
    (t) =>
      compact({
        Date: stringProperty(t.TransitionDate),
        Days: numberProperty(t.TransitionInDays),
        StorageClass: stringProperty(t.StorageClass),
      }),
  );
  const noncurrentTransitions = [
    ...items(rule.NoncurrentVersionTransitions),
    ...items(rule.NoncurrentVersionTransition ? [rule.NoncurrentVersionTransition] : []),
  ].map((t) =>
    compact({
      NoncurrentDays: numberProperty(t.TransitionInDays),
      StorageClass: stringProperty(t.StorageClass),
      NewerNoncurrentVersions: numberProperty(t.NewerNoncurrentVersions),
    }),
  );
  const noncurrent = rule.NoncurrentVersionExpiration as Value | undefined;
  const noncurrentExpiration = noncurrent
    ? compact({
        NoncurrentDays: numberProperty(noncurrent.NoncurrentDays),
        NewerNoncurrentVersions: numberProperty(noncurrent.NewerNoncurrentVersions),
      })
    : compact({ NoncurrentDays: numberProperty(rule.NoncurrentVersionExpirationInDays) });
  const abort = rule.AbortIncompleteMultipartUpload as Value | undefined;
  return {
    ID: stringProperty(rule.Id),
    Status: stringProperty(rule.Status),
    Filter: lifecycleFilter(rule),
    Expiration: expiration,
    Transitions: transitions.length > 0 ? transitions : undefined,
    NoncurrentVersionExpiration: noncurrentExpiration,
    NoncurrentVersionTransitions: noncurrentTransitions.length > 0 ? noncurrentTransitions : undefined,
    AbortIncompleteMultipartUpload: abort && {
      DaysAfterInitiation: numberProperty(abort.DaysAfterInitiation),
    },
  };
}

/** One condition goes in the filter as it is; several go in `And`; none is the empty prefix, which S3
 * reads as every object. */
function lifecycleFilter(rule: Value): Value {
  const prefix = stringProperty(rule.Prefix);
  const tags = tagSet(rule.TagFilters);
  const greater = numberProperty(rule.ObjectSizeGreaterThan);
  const less = numberProperty(rule.ObjectSizeLessThan);
  const count =
    (prefix !== undefined ? 1 : 0) +
    tags.length +
    (greater !== undefined ? 1 : 0) +
    (less !== undefined ? 1 : 0);
  if (count === 0) return { Prefix: '' };
  if (count > 1) {
    return {
      And: compact({
        Prefix: prefix,
        Tags: tags.length > 0 ? tags : undefined,
        ObjectSizeGreaterThan: greater,
        ObjectSizeLessThan: less,
      }),
    };
  }
  if (tags.length === 1) return { Tag: tags[0] };
  return compact({ Prefix: prefix, ObjectSizeGreaterThan: greater, ObjectSizeLessThan: less }) ?? {};
}

/** The object without its undefined members, or undefined when none is left (an action not set). */
function compact(value: Value): Value | undefined {
  const entries = Object.entries(value).filter(([, member]) => member !== undefined);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
