// Amazon EventBridge: the service's table of contents (awsJson 1.1, `AWSEvents.*`, signing name `events`).
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/Welcome.html

import * as model from '../../core/generated/eventbridge.js';
import { defineService } from '../../core/service.js';
import { EVENTS_ERRORS } from './errors.js';
import { EventBridge } from './eventbridge.js';
import {
  createApiDestination,
  createConnection,
  deleteApiDestination,
  deleteConnection,
  describeApiDestination,
  describeConnection,
  listApiDestinations,
  listConnections,
  updateApiDestination,
  updateConnection,
} from './operations/api-destinations.js';
import {
  cancelReplay,
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
import { putPermission, removePermission, updateEventBus } from './operations/permissions.js';
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
import { apiDestination } from './resources/api-destination.js';
import { archive } from './resources/archive.js';
import { connection } from './resources/connection.js';
import { eventBus } from './resources/event-bus.js';
import { rule } from './resources/rule.js';
import { eventBridgeWiring } from './wiring.js';

export const eventBridgeService = defineService<EventBridge>({
  name: 'eventbridge',
  signingName: 'events',
  json: { targetPrefix: 'AWSEvents', version: '1.1' },
  errorNamespace: 'com.amazonaws.events',
  model,
  errors: EVENTS_ERRORS,
  operations: {
    CancelReplay: cancelReplay,
    CreateApiDestination: createApiDestination,
    CreateArchive: createArchive,
    CreateConnection: createConnection,
    CreateEventBus: createEventBus,
    DeleteApiDestination: deleteApiDestination,
    DeleteArchive: deleteArchive,
    DeleteConnection: deleteConnection,
    DeleteEventBus: deleteEventBus,
    DeleteRule: deleteRule,
    DescribeApiDestination: describeApiDestination,
    DescribeArchive: describeArchive,
    DescribeConnection: describeConnection,
    DescribeEventBus: describeEventBus,
    DescribeReplay: describeReplay,
    DescribeRule: describeRule,
    DisableRule: disableRule,
    EnableRule: enableRule,
    ListApiDestinations: listApiDestinations,
    ListArchives: listArchives,
    ListConnections: listConnections,
    ListEventBuses: listEventBuses,
    ListReplays: listReplays,
    ListRuleNamesByTarget: listRuleNamesByTarget,
    ListRules: listRules,
    ListTagsForResource: listTagsForResource,
    ListTargetsByRule: listTargetsByRule,
    PutEvents: putEvents,
    PutPermission: putPermission,
    PutRule: putRule,
    PutTargets: putTargets,
    RemovePermission: removePermission,
    RemoveTargets: removeTargets,
    StartReplay: startReplay,
    TagResource: tagResource,
    TestEventPattern: testEventPattern,
    UntagResource: untagResource,
    UpdateApiDestination: updateApiDestination,
    UpdateArchive: updateArchive,
    UpdateConnection: updateConnection,
    UpdateEventBus: updateEventBus,
  },
  resources: [eventBus, rule, archive, connection, apiDestination],
  wiring: (_engine, deps) => eventBridgeWiring(deps),
  create: ({ store, clock, call, metrics }) => new EventBridge(store, clock, call, metrics),
});
