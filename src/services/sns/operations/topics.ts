import * as model from '../../../core/generated/sns.js';
import { operation } from './operation.js';

export const createTopic = operation({
  input: model.CreateTopicInput,
  output: model.CreateTopicResponse,
  run: (input, sns, ctx) => {
    const topic = sns.topics.create(
      ctx.account,
      ctx.region,
      input.Name,
      input.Attributes ?? {},
      input.Tags ?? [],
    );
    return { TopicArn: topic.arn };
  },
});

export const getTopicAttributes = operation({
  input: model.GetTopicAttributesInput,
  output: model.GetTopicAttributesResponse,
  run: (input, sns, ctx) => ({
    Attributes: sns.topics.attributes(sns.topics.require(input.TopicArn, ctx.region)),
  }),
});

export const setTopicAttributes = operation({
  input: model.SetTopicAttributesInput,
  run: (input, sns, ctx) => {
    const topic = sns.topics.require(input.TopicArn, ctx.region);
    sns.topics.setAttribute(topic, input.AttributeName, input.AttributeValue ?? '');
    return undefined;
  },
});

/** Idempotent: deleting a topic that does not exist is not an error. Its subscriptions go with it. */
export const deleteTopic = operation({
  input: model.DeleteTopicInput,
  run: (input, sns) => {
    sns.store.transaction(() => sns.topics.delete(input.TopicArn));
    return undefined;
  },
});

export const listTopics = operation({
  input: model.ListTopicsInput,
  output: model.ListTopicsResponse,
  run: (input, sns, ctx) => {
    const { rows, NextToken } = sns.topics.list(ctx.account, ctx.region, input.NextToken);
    return { Topics: rows.map((topic) => ({ TopicArn: topic.arn })), NextToken };
  },
});
