// Amazon SNS: the service's table of contents (awsQuery, API version 2010-03-31).
// https://docs.aws.amazon.com/sns/latest/api/welcome.html

import * as model from '../../core/generated/sns.js';
import { defineService } from '../../core/service.js';
import { SNS_ERRORS, snsValidationError } from './errors.js';
import { listSubscriptions, listSubscriptionsByTopic } from './operations/list-subscriptions.js';
import { publish, publishBatch } from './operations/publish.js';
import {
  confirmSubscription,
  getSubscriptionAttributes,
  setSubscriptionAttributes,
  subscribe,
  unsubscribe,
} from './operations/subscriptions.js';
import { listTagsForResource, tagResource, untagResource } from './operations/tags.js';
import {
  createTopic,
  deleteTopic,
  getTopicAttributes,
  listTopics,
  setTopicAttributes,
} from './operations/topics.js';
import { subscription } from './resources/subscription.js';
import { topic } from './resources/topic.js';
import { topicInlinePolicy } from './resources/topic-inline-policy.js';
import { topicPolicy } from './resources/topic-policy.js';
import { Sns } from './sns.js';
import { snsWiring } from './wiring.js';

export const snsService = defineService<Sns>({
  name: 'sns',
  signingName: 'sns',
  query: { xmlNamespace: 'http://sns.amazonaws.com/doc/2010-03-31/' },
  errorNamespace: 'com.amazonaws.sns',
  // Its limits are worded by the service itself (InvalidParameterValue …), not as model constraints.
  modelConstraints: false,
  // The SubscribeURL and UnsubscribeURL that SNS sends are visited without a signature.
  // https://docs.aws.amazon.com/sns/latest/api/API_ConfirmSubscription.html
  anonymousOperations: ['ConfirmSubscription', 'Unsubscribe'],
  model,
  errors: SNS_ERRORS,
  validationError: snsValidationError,
  resources: [topic, subscription, topicPolicy, topicInlinePolicy],
  operations: {
    ConfirmSubscription: confirmSubscription,
    CreateTopic: createTopic,
    DeleteTopic: deleteTopic,
    GetSubscriptionAttributes: getSubscriptionAttributes,
    GetTopicAttributes: getTopicAttributes,
    ListSubscriptions: listSubscriptions,
    ListSubscriptionsByTopic: listSubscriptionsByTopic,
    ListTagsForResource: listTagsForResource,
    ListTopics: listTopics,
    Publish: publish,
    PublishBatch: publishBatch,
    SetSubscriptionAttributes: setSubscriptionAttributes,
    SetTopicAttributes: setTopicAttributes,
    Subscribe: subscribe,
    TagResource: tagResource,
    Unsubscribe: unsubscribe,
    UntagResource: untagResource,
  },
  wiring: (_engine, deps) => snsWiring(deps),
  create: ({ store, clock, call, metrics }) => new Sns(store, clock, call, metrics),
});
