// Table-driven tests of EventBridge's target input: JSON paths and InputTransformer templates, the cases taken
// from the user guide's "Input transform examples" table and its "Common issues" list.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventEnvelope, Target } from '../../src/services/eventbridge/targets.js';
import { readPath, renderTemplate, targetPayload } from '../../src/services/eventbridge/transform.js';

const ec2: EventEnvelope = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING', tags: [{ k: 'a' }, { k: 'b' }] },
};
const rule = { arn: 'arn:aws:events:us-east-2:123456789012:rule/example', name: 'example' };
const paths = { timestamp: '$.time', instance: '$.detail.instance-id', state: '$.detail.state' };

const transform = (InputTemplate: string, InputPathsMap: Record<string, string> = paths) =>
  targetPayload(
    { Id: 't', Arn: 'arn', InputTransformer: { InputPathsMap, InputTemplate } } as Target,
    ec2,
    rule,
    0,
  );

describe('EventBridge target input', () => {
  const pathCases: [string, unknown][] = [
    ['$', ec2],
    ['$.detail.state', 'RUNNING'],
    ['$.detail.instance-id', 'i-0123456789'],
    ['$.resources[0]', 'arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
    ['$.detail.tags[1].k', 'b'],
    ['$.detail.tags[*].k', ['a', 'b']],
    ['$.detail.nope', undefined],
    ['detail', undefined],
  ];
  for (const [path, expected] of pathCases) {
    it(`reads ${path}`, () => assert.deepEqual(readPath(ec2, path), expected));
  }

  // The user guide's examples: template → output.
  const templateCases: [string, string, string][] = [
    ['simple string', '"instance <instance> is in <state>"', '"instance i-0123456789 is in RUNNING"'],
    [
      'string with escaped quotes',
      '"instance \\"<instance>\\" is in <state>"',
      '"instance \\"i-0123456789\\" is in RUNNING"',
    ],
    [
      'simple JSON',
      '{\n  "instance" : <instance>,\n  "state": <state>\n}',
      '{"instance":"i-0123456789","state":"RUNNING"}',
    ],
    [
      'JSON with strings and variables',
      '{"instance" : <instance>, "state": "<state>", "instanceStatus": "instance \\"<instance>\\" is in <state>"}',
      '{"instance":"i-0123456789","state":"RUNNING","instanceStatus":"instance \\"i-0123456789\\" is in RUNNING"}',
    ],
    [
      'JSON with a mix of variables and static information',
      '{"instance" : <instance>, "state": [ 9, <state>, true ], "Transformed" : "Yes"}',
      '{"instance":"i-0123456789","state":[9,"RUNNING",true],"Transformed":"Yes"}',
    ],
    [
      'reserved variables in JSON',
      '{"ruleArn" : <aws.events.rule-arn>, "ruleName" : <aws.events.rule-name>}',
      '{"ruleArn":"arn:aws:events:us-east-2:123456789012:rule/example","ruleName":"example"}',
    ],
    ['reserved variables in a string', '"<aws.events.rule-name> triggered"', '"example triggered"'],
  ];
  for (const [name, template, expected] of templateCases) {
    it(`fills a template: ${name}`, () => assert.equal(transform(template), expected));
  }

  it('gives the whole event without detail as <aws.events.event>, with it as <aws.events.event.json>', () => {
    const output = JSON.parse(transform('{"e": <aws.events.event>, "j": <aws.events.event.json>}', {}));
    assert.equal(output.e.detail, undefined);
    assert.equal(output.e.id, ec2.id);
    assert.deepEqual(output.j, ec2);
  });

  it('leaves out a variable whose path matched nothing (null where JSON needs a value)', () => {
    const map = { missing: '$.detail.nope' };
    assert.equal(transform('"a<missing>b"', map), '"ab"');
    assert.equal(transform('{"m": <missing>}', map), '{"m":null}');
  });

  it('does not escape values inside strings, and leaves other angle brackets alone', () => {
    const variables = new Map<string, unknown>([['v', 'x"y']]);
    assert.equal(renderTemplate('"<v> < <undefined>"', variables), '"x"y < <undefined>"');
    const object = new Map<string, unknown>([['o', { a: 'b' }]]);
    assert.equal(renderTemplate('"got <o>"', object), '"got {a:b}"');
  });

  it('sends the event itself without Input, InputPath or InputTransformer', () => {
    assert.deepEqual(JSON.parse(targetPayload({ Id: 't', Arn: 'arn' }, ec2, rule, 0)), ec2);
  });
});
