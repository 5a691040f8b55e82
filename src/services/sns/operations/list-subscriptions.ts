// ListSubscriptions and ListSubscriptionsByTopic: pages of 100 in creation order, with NextToken.
// https://docs.aws.amazon.com/sns/latest/api/API_ListSubscriptions.html

import * as model from '../../../core/generated/sns.js';
import { s } from '../../../core/shapes.js';
import type { SubscriptionRow } from '../store.js';
import { operation } from './operation.js';

const subscriptionList = s.list(
  s.structure({
    SubscriptionArn: s.optional(s.string()),
    Owner: s.optional(s.string()),
    Protocol: s.optional(s.string()),
    Endpoint: s.optional(s.string()),
    TopicArn: s.optional(s.string()),
  }),
);
const output = s.structure({
  Subscriptions: s.optional(subscriptionList),
  NextToken: s.optional(s.string()),
});

export const listSubscriptions = operation({
  input: model.ListSubscriptionsInput,
  output,
  run: (input, sns, ctx) => {
    const { rows, NextToken } = sns.subscriptions.list(ctx.account, ctx.region, input.NextToken);
    return { Subscriptions: rows.map(entry), NextToken };
  },
});

export const listSubscriptionsByTopic = operation({
  input: model.ListSubscriptionsByTopicInput,
  output,
  run: (input, sns, ctx) => {
    const topic = sns.topics.require(input.TopicArn, ctx.region);
    const { rows, NextToken } = sns.subscriptions.listByTopic(topic.arn, input.NextToken);
    return { Subscriptions: rows.map(entry), NextToken };
  },
});

/** Unconfirmed subscriptions are listed with `PendingConfirmation` in place of their ARN, as AWS does. */
function entry(row: SubscriptionRow) {
  return {
    SubscriptionArn: row.confirmed ? row.arn : 'PendingConfirmation',
    Owner: row.owner,
    Protocol: row.protocol,
    Endpoint: row.endpoint,
    TopicArn: row.topic_arn,
  };
}
