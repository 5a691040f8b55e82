// Every service's console pages: the one list the shell reads, as cloud.ts's SERVICES is the one list of
// services. A service adds its page by exporting a defineConsole(...) from its console/ folder and
// naming it here.

import { cloudFormationConsole } from '../services/cloudformation/console/index.js';
import { cloudWatchLogsConsole } from '../services/cloudwatch-logs/console/index.js';
import { dynamodbConsole } from '../services/dynamodb/console/index.js';
import { eventBridgeConsole } from '../services/eventbridge/console/index.js';
import { lambdaConsole } from '../services/lambda/console/index.js';
import { s3Console } from '../services/s3/console/index.js';
import { sfnConsole } from '../services/sfn/console/index.js';
import { sqsConsole } from '../services/sqs/console/index.js';
import type { ServiceConsole } from './contract.js';

export const CONSOLES: readonly ServiceConsole[] = [
  cloudFormationConsole,
  sqsConsole,
  s3Console,
  dynamodbConsole,
  lambdaConsole,
  cloudWatchLogsConsole,
  eventBridgeConsole,
  sfnConsole,
];
