// Subscribe, ConfirmSubscription, Unsubscribe, GetSubscriptionAttributes and SetSubscriptionAttributes.
// https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html
// https://docs.aws.amazon.com/sns/latest/api/API_ConfirmSubscription.html

import * as model from '../../../core/generated/sns.js';
import { parseSubscriptionArn } from '../names.js';
import { operation } from './operation.js';

export const subscribe = operation({
  input: model.SubscribeInput,
  output: model.SubscribeResponse,
  run: (input, sns, ctx) => {
    const topic = sns.topics.require(input.TopicArn, ctx.region);
    const row = sns.subscriptions.subscribe(
      topic,
      input.Protocol,
      input.Endpoint ?? '',
      input.Attributes ?? {},
      ctx.account,
    );
    // HTTP/HTTPS endpoints are sent a SubscriptionConfirmation (again while still pending, as SNS does).
    if (!row.confirmed && (row.protocol === 'http' || row.protocol === 'https'))
      sns.requestConfirmation(row, ctx.host);
    // Until the endpoint's owner confirms, AWS shows this placeholder instead of the ARN.
    const shown = row.confirmed || input.ReturnSubscriptionArn ? row.arn : 'pending confirmation';
    return { SubscriptionArn: shown };
  },
});

export const confirmSubscription = operation({
  input: model.ConfirmSubscriptionInput,
  output: model.ConfirmSubscriptionResponse,
  run: (input, sns, ctx) => {
    // The SubscribeURL is visited unsigned, so the request names no region: the topic's ARN does.
    const region = /^arn:aws[\w-]*:sns:([^:]+):/.exec(input.TopicArn)?.[1] ?? ctx.region;
    const topic = sns.topics.require(input.TopicArn, region);
    return { SubscriptionArn: sns.confirm(topic, input.Token).arn };
  },
});

/** Idempotent for a well-formed ARN: a subscription already gone is not an error. */
export const unsubscribe = operation({
  input: model.UnsubscribeInput,
  run: (input, sns) => {
    parseSubscriptionArn(input.SubscriptionArn);
    const row = sns.subscriptions.find(input.SubscriptionArn);
    if (row) sns.store.transaction(() => sns.subscriptions.unsubscribe(row));
    return undefined;
  },
});

export const getSubscriptionAttributes = operation({
  input: model.GetSubscriptionAttributesInput,
  output: model.GetSubscriptionAttributesResponse,
  run: (input, sns) => ({
    Attributes: sns.subscriptions.attributes(sns.subscriptions.require(input.SubscriptionArn)),
  }),
});

export const setSubscriptionAttributes = operation({
  input: model.SetSubscriptionAttributesInput,
  run: (input, sns) => {
    const row = sns.subscriptions.require(input.SubscriptionArn);
    sns.subscriptions.setAttribute(row, input.AttributeName, input.AttributeValue ?? '');
    return undefined;
  },
});
