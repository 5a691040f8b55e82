// CloudWatch Logs' console pages: log groups, and a group's streams with a tail of its events filtered
// by a filter pattern (FilterLogEvents, polled while live).
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

import { defineConsole } from '../../../console/contract.js';
import { GroupPage, GroupsPage } from './groups.js';

export const cloudWatchLogsConsole = defineConsole({
  service: 'logs',
  title: 'CloudWatch Logs',
  routes: [
    { path: '', view: GroupsPage },
    { path: 'group/:name', view: GroupPage },
  ],
  links: {
    'AWS::Logs::LogGroup': (id) => [
      'group',
      id.startsWith('arn:') ? id.split(':log-group:')[1]!.replace(/:\*$/, '') : id,
    ],
  },
});
