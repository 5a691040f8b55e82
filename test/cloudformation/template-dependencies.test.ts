// The dependency graph and creation waves (src/services/cloudformation/template/dependencies.ts).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-dependson.html

/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings and Fn::ForEach keys use ${} */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  creationWaves,
  dependencyGraph,
  referencedResources,
} from '../../src/services/cloudformation/template/dependencies.js';
import { parseTemplate } from '../../src/services/cloudformation/template/parse.js';

const graphOf = (graph: Map<string, Set<string>>) =>
  Object.fromEntries([...graph].map(([id, deps]) => [id, [...deps].sort()]));

const template = parseTemplate(`
Parameters:
  Stage: {Type: String}
Conditions:
  WithAudit: !Equals [!Ref Stage, prod]
Resources:
  Table: {Type: AWS::DynamoDB::Table}
  Dlq: {Type: AWS::SQS::Queue}
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub '\${Stage}-\${AWS::Region}-queue'
      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn}
  Fn:
    Type: AWS::Lambda::Function
    DependsOn: Table
    Properties:
      Environment:
        Variables:
          QUEUE: !Ref Queue
          AUDIT: !If [WithAudit, !Ref Audit, !Ref AWS::NoValue]
          NAME: !Sub ['\${T}-\${Dlq.Arn}', {T: !Ref Table}]
  Audit:
    Type: AWS::SQS::Queue
    Condition: WithAudit
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    DependsOn: [Fn]
    Properties: {EventSourceArn: !GetAtt Queue.Arn, FunctionName: !Ref Fn}
`);

test('referencedResources finds Ref, GetAtt and Sub variables, not parameters or pseudo parameters', () => {
  const fn = template.Resources.Fn!;
  assert.deepEqual([...referencedResources(fn.Properties, template)].sort(), [
    'Audit',
    'Dlq',
    'Queue',
    'Table',
  ]);
  assert.deepEqual([...referencedResources(template.Resources.Queue!.Properties, template)], ['Dlq']);
});

test('the graph holds the resources whose condition holds, with references and DependsOn', () => {
  const graph = dependencyGraph(template, { WithAudit: false });
  assert.deepEqual(graphOf(graph), {
    Table: [],
    Dlq: [],
    Queue: ['Dlq'],
    Fn: ['Dlq', 'Queue', 'Table'],
    Mapping: ['Fn', 'Queue'],
  });
  assert.deepEqual(creationWaves(graph), [['Table', 'Dlq'], ['Queue'], ['Fn'], ['Mapping']]);
});

test('a condition that holds brings its resource and the branch of Fn::If that refers to it', () => {
  const graph = dependencyGraph(template, { WithAudit: true });
  assert.deepEqual([...graph.get('Fn')!].sort(), ['Audit', 'Dlq', 'Queue', 'Table']);
  assert.deepEqual(creationWaves(graph), [['Table', 'Dlq', 'Audit'], ['Queue'], ['Fn'], ['Mapping']]);
});

const body = (resources: string) =>
  parseTemplate(`Conditions:\n  No: !Equals [a, b]\nResources:\n${resources}`);

// https://repost.aws/knowledge-center/cloudformation-template-validation
const errors: Array<[string, string, string]> = [
  [
    'references to undeclared resources',
    '  A: {Type: AWS::SQS::Queue, Properties: {X: !Ref Nope, Y: !Sub "${Other.Arn}"}}',
    'Template format error: Unresolved resource dependencies [Nope, Other] in the Resources block of the template',
  ],
  [
    'a DependsOn to an undeclared resource',
    '  A: {Type: AWS::SQS::Queue, DependsOn: [Ghost]}',
    'Template format error: Unresolved resource dependencies [Ghost] in the Resources block of the template',
  ],
  [
    // observed for a resource whose Condition is false, e.g. aws/serverless-application-model#832
    'a reference to a resource whose condition is false',
    '  A: {Type: AWS::SQS::Queue, Condition: No}\n  B: {Type: AWS::SQS::Queue, Properties: {X: !GetAtt A.Arn}}',
    'Template format error: Unresolved resource dependencies [A] in the Resources block of the template',
  ],
  [
    'a cycle',
    '  A: {Type: AWS::SQS::Queue, Properties: {X: !Ref B}}\n  B: {Type: AWS::SQS::Queue, Properties: {X: !GetAtt A.Arn}}\n  C: {Type: AWS::SQS::Queue, DependsOn: A}',
    'Circular dependency between resources: [A, B]',
  ],
  [
    'a resource that needs itself',
    '  A: {Type: AWS::SQS::Queue, Properties: {X: !Ref A}}',
    'Circular dependency between resources: [A]',
  ],
  [
    'a longer cycle through DependsOn',
    '  A: {Type: AWS::SQS::Queue, DependsOn: C}\n  B: {Type: AWS::SQS::Queue, DependsOn: A}\n  C: {Type: AWS::SQS::Queue, DependsOn: B}',
    'Circular dependency between resources: [A, B, C]',
  ],
];

for (const [name, resources, message] of errors) {
  test(`rejects ${name}`, () =>
    assert.throws(() => dependencyGraph(body(resources), { No: false }), {
      name: 'ServiceError',
      code: 'ValidationError',
      message,
    }));
}

test('creationWaves rejects a cyclic graph', () => {
  const graph = new Map([
    ['A', new Set(['B'])],
    ['B', new Set(['A'])],
  ]);
  assert.throws(() => creationWaves(graph), { message: 'Circular dependency between resources: [A, B]' });
});

test('a long chain is ordered without deep recursion', () => {
  const graph = new Map<string, Set<string>>();
  for (let i = 0; i < 5000; i++) graph.set(`R${i}`, new Set(i ? [`R${i - 1}`] : []));
  const resources = Object.fromEntries(
    [...graph.keys()].map((id, i) => [id, { Type: 'T', DependsOn: i ? [`R${i - 1}`] : [] }]),
  );
  const built = dependencyGraph({ Resources: resources }, {});
  assert.equal(built.size, 5000);
  assert.equal(creationWaves(graph).length, 5000);
});
