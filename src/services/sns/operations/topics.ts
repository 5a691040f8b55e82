// CreateTopic, GetTopicAttributes, SetTopicAttributes, DeleteTopic and ListTopics.
// https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html

import { s } from '../../../core/shapes.js';
import { attributeMap, nextToken, tagList, topicArnMember } from '../shapes.js';
import { operation } from './operation.js';

export const createTopic = operation({
  input: s.structure({
    Name: s.required(s.string()),
    Attributes: s.optional(attributeMap),
    Tags: s.optional(tagList),
    DataProtectionPolicy: s.optional(s.string()),
  }),
  output: s.structure({ TopicArn: s.optional(s.string()) }),
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
  input: s.structure({ TopicArn: topicArnMember }),
  output: s.structure({ Attributes: s.optional(attributeMap) }),
  run: (input, sns, ctx) => ({
    Attributes: sns.topics.attributes(sns.topics.require(input.TopicArn, ctx.region)),
  }),
});

export const setTopicAttributes = operation({
  input: s.structure({
    TopicArn: topicArnMember,
    AttributeName: s.required(s.string()),
    AttributeValue: s.optional(s.string()),
  }),
  run: (input, sns, ctx) => {
    const topic = sns.topics.require(input.TopicArn, ctx.region);
    sns.topics.setAttribute(topic, input.AttributeName, input.AttributeValue ?? '');
    return undefined;
  },
});

/** Idempotent: deleting a topic that does not exist is not an error. Its subscriptions go with it. */
export const deleteTopic = operation({
  input: s.structure({ TopicArn: topicArnMember }),
  run: (input, sns) => {
    sns.store.transaction(() => sns.topics.delete(input.TopicArn));
    return undefined;
  },
});

export const listTopics = operation({
  input: s.structure({ NextToken: nextToken }),
  output: s.structure({
    Topics: s.optional(s.list(s.structure({ TopicArn: s.optional(s.string()) }))),
    NextToken: s.optional(s.string()),
  }),
  run: (input, sns, ctx) => {
    const { rows, NextToken } = sns.topics.list(ctx.account, ctx.region, input.NextToken);
    return { Topics: rows.map((topic) => ({ TopicArn: topic.arn })), NextToken };
  },
});
