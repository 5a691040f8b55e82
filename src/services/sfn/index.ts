// AWS Step Functions: the service's table of contents (awsJson 1.0, `AWSStepFunctions.*`; StartSyncExecution
// also on the `sync-states.` host prefix the SDKs use for express workflows).
// https://docs.aws.amazon.com/step-functions/latest/apireference/Welcome.html

import * as model from '../../core/generated/sfn.js';
import { defineService } from '../../core/service.js';
import { SFN_ERRORS } from './errors.js';
import { createActivity, deleteActivity, describeActivity, listActivities } from './operations/activities.js';
import {
  createStateMachineAlias,
  deleteStateMachineAlias,
  describeStateMachineAlias,
  listStateMachineAliases,
  updateStateMachineAlias,
} from './operations/aliases.js';
import {
  describeExecution,
  describeStateMachineForExecution,
  redriveExecution,
  startExecution,
  startSyncExecution,
  stopExecution,
} from './operations/executions.js';
import { getExecutionHistory } from './operations/history.js';
import { listExecutions } from './operations/list-executions.js';
import { describeMapRun, listMapRuns, updateMapRun } from './operations/map-runs.js';
import { createStateMachine, describeStateMachine, listStateMachines } from './operations/state-machines.js';
import { deleteStateMachine, updateStateMachine } from './operations/state-machines-update.js';
import { listTagsForResource, tagResource, untagResource } from './operations/tags.js';
import { getActivityTask, sendTaskFailure, sendTaskHeartbeat, sendTaskSuccess } from './operations/tasks.js';
import { testStateOperation } from './operations/test-state.js';
import { validateStateMachineDefinition } from './operations/validate.js';
import {
  deleteStateMachineVersion,
  listStateMachineVersions,
  publishStateMachineVersion,
} from './operations/versions.js';
import { activity } from './resources/activity.js';
import { stateMachine } from './resources/state-machine.js';
import { stateMachineAlias } from './resources/state-machine-alias.js';
import { stateMachineVersion } from './resources/state-machine-version.js';
import { Sfn } from './sfn.js';
import { sfnWiring } from './wiring.js';

export const sfnService = defineService<Sfn>({
  name: 'sfn',
  signingName: 'states',
  json: { targetPrefix: 'AWSStepFunctions', version: '1.0' },
  errorNamespace: 'com.amazonaws.sfn',
  model,
  errors: SFN_ERRORS,
  resources: [stateMachine, activity, stateMachineVersion, stateMachineAlias],
  operations: {
    CreateActivity: createActivity,
    CreateStateMachine: createStateMachine,
    CreateStateMachineAlias: createStateMachineAlias,
    DeleteActivity: deleteActivity,
    DeleteStateMachine: deleteStateMachine,
    DeleteStateMachineAlias: deleteStateMachineAlias,
    DeleteStateMachineVersion: deleteStateMachineVersion,
    DescribeActivity: describeActivity,
    DescribeExecution: describeExecution,
    DescribeMapRun: describeMapRun,
    DescribeStateMachine: describeStateMachine,
    DescribeStateMachineAlias: describeStateMachineAlias,
    DescribeStateMachineForExecution: describeStateMachineForExecution,
    GetActivityTask: getActivityTask,
    GetExecutionHistory: getExecutionHistory,
    ListActivities: listActivities,
    ListExecutions: listExecutions,
    ListMapRuns: listMapRuns,
    ListStateMachineAliases: listStateMachineAliases,
    ListStateMachineVersions: listStateMachineVersions,
    ListStateMachines: listStateMachines,
    ListTagsForResource: listTagsForResource,
    PublishStateMachineVersion: publishStateMachineVersion,
    RedriveExecution: redriveExecution,
    SendTaskFailure: sendTaskFailure,
    SendTaskHeartbeat: sendTaskHeartbeat,
    SendTaskSuccess: sendTaskSuccess,
    StartExecution: startExecution,
    StartSyncExecution: startSyncExecution,
    StopExecution: stopExecution,
    TagResource: tagResource,
    TestState: testStateOperation,
    UntagResource: untagResource,
    UpdateMapRun: updateMapRun,
    UpdateStateMachine: updateStateMachine,
    UpdateStateMachineAlias: updateStateMachineAlias,
    ValidateStateMachineDefinition: validateStateMachineDefinition,
  },
  wiring: (_engine, deps) => sfnWiring(deps),
  create: (deps) => new Sfn(deps),
});
