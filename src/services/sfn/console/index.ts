// Step Functions' console pages: state machines, a machine's definition drawn as a graph with its
// executions, and an execution's path highlighted with each state's input and output.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html

import { defineConsole } from '../../../console/contract.js';
import { ExecutionPage } from './execution.js';
import { MachinePage, MachinesPage } from './machines.js';

export const sfnConsole = defineConsole({
  service: 'states',
  title: 'Step Functions',
  routes: [
    { path: '', view: MachinesPage },
    { path: 'machine/:name', view: MachinePage },
    { path: 'execution/:machine/:name', view: ExecutionPage },
  ],
  links: { 'AWS::StepFunctions::StateMachine': (id) => ['machine', id.split(':')[6] ?? id] },
});
