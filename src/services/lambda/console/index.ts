// Lambda's console pages: functions, and a function's configuration, event sources, and an invoke with a
// payload showing the result and the log tail. https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html

import { defineConsole } from '../../../console/contract.js';
import { FunctionPage } from './function.js';
import { FunctionsPage } from './functions.js';

export const lambdaConsole = defineConsole({
  service: 'lambda',
  title: 'Lambda functions',
  routes: [
    { path: '', view: FunctionsPage },
    { path: 'function/:name', view: FunctionPage },
  ],
  links: { 'AWS::Lambda::Function': (id) => ['function', id.startsWith('arn:') ? id.split(':')[6]! : id] },
});
