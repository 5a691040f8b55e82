// CloudFormation's console pages: stacks, and a stack's resources (each linked to its service's page),
// events and outputs. https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/Welcome.html

import { defineConsole } from '../../../console/contract.js';
import { StackPage, StacksPage } from './stacks.js';

export const cloudFormationConsole = defineConsole({
  service: 'cloudformation',
  title: 'CloudFormation stacks',
  routes: [
    { path: '', view: StacksPage },
    { path: 'stack/:name', view: StackPage },
  ],
  links: { 'AWS::CloudFormation::Stack': (id) => ['stack', id.split('/')[1] ?? id] },
});
