// Amazon EventBridge: the service's table of contents (awsJson 1.1, `AWSEvents.*`, signing name `events`).
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/Welcome.html

import { defineService } from '../../core/service.js';
import { EVENTS_ERRORS } from './errors.js';
import { EventBridge } from './eventbridge.js';
import {
  createArchive,
  deleteArchive,
  describeArchive,
  describeReplay,
  listArchives,
  listReplays,
  startReplay,
  updateArchive,
} from './operations/archives.js';
import { createEventBus, deleteEventBus, describeEventBus, listEventBuses } from './operations/buses.js';
import { putEvents, testEventPattern } from './operations/events.js';
import {
  deleteRule,
  describeRule,
  disableRule,
  enableRule,
  listRuleNamesByTarget,
  listRules,
  putRule,
} from './operations/rules.js';
import { listTagsForResource, tagResource, untagResource } from './operations/tags.js';
import { listTargetsByRule, putTargets, removeTargets } from './operations/targets.js';

export const eventBridgeService = defineService<EventBridge>({
  name: 'eventbridge',
  signingName: 'events',
  json: { targetPrefix: 'AWSEvents', version: '1.1' },
  errorNamespace: 'com.amazonaws.events',
  errors: EVENTS_ERRORS,
  operations: {
    CreateArchive: createArchive,
    DeleteArchive: deleteArchive,
    DescribeArchive: describeArchive,
    DescribeReplay: describeReplay,
    ListArchives: listArchives,
    ListReplays: listReplays,
    StartReplay: startReplay,
    UpdateArchive: updateArchive,
    CreateEventBus: createEventBus,
    DeleteEventBus: deleteEventBus,
    DeleteRule: deleteRule,
    DescribeEventBus: describeEventBus,
    DescribeRule: describeRule,
    DisableRule: disableRule,
    EnableRule: enableRule,
    ListEventBuses: listEventBuses,
    ListRuleNamesByTarget: listRuleNamesByTarget,
    ListRules: listRules,
    ListTagsForResource: listTagsForResource,
    ListTargetsByRule: listTargetsByRule,
    PutEvents: putEvents,
    PutRule: putRule,
    PutTargets: putTargets,
    RemoveTargets: removeTargets,
    TagResource: tagResource,
    TestEventPattern: testEventPattern,
    UntagResource: untagResource,
  },
  create: ({ store, clock, call }) => new EventBridge(store, clock, call),
});
