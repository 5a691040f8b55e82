// EventBridge's console pages: rules on every bus, and a rule's pattern or schedule, targets and a
// sample-event tester (TestEventPattern). https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_TestEventPattern.html

import { defineConsole } from '../../../console/contract.js';
import { RulePage, RulesPage } from './rules.js';

export const eventBridgeConsole = defineConsole({
  service: 'events',
  title: 'EventBridge rules',
  routes: [
    { path: '', view: RulesPage },
    { path: 'rule/:bus/:name', view: RulePage },
  ],
  links: {
    // arn:aws:events:region:account:rule/[bus/]name; a stack names a rule by name or `bus|name`.
    'AWS::Events::Rule': (id) => {
      const parts = id.startsWith('arn:') ? id.split(':rule/')[1]!.split('/') : id.split('|');
      return parts.length === 2 ? ['rule', parts[0]!, parts[1]!] : ['rule', 'default', parts[0]!];
    },
  },
});
