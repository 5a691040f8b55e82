// The CloudFormation benchmark: deploying a stack of 50 functions, 50 queues and 50 SQS event source
// mappings (CreateStack until CREATE_COMPLETE, polling DescribeStacks every 20 ms), an unchanged redeploy
// (a change set that finds nothing to change, as `aws cloudformation deploy` and `nimbus deploy` make it),
// a one-property redeploy, and DeleteStack until DELETE_COMPLETE, against Nimbus, moto_server (the peer)
// and the loopback floor (the same calls answered at once with fixed responses: the client's own cost).
// Run: npm run build && node dist/bench/cloudformation.bench.js. It reports; it never fails.

import {
  CloudFormationClient,
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { median } from './lib/measure.js';
import { stopAllChildren } from './lib/processes.js';
import { describeSetup } from './lib/report.js';
import { startFloor, startMoto, startNimbus, type Target } from './lib/targets.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3;
const SIZE = Number(process.env.BENCH_STACK_SIZE) || 50;
const POLL_MS = 20;
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

function template(visibility: number): string {
  const resources: Record<string, unknown> = {
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        },
      },
    },
  };
  for (let i = 0; i < SIZE; i++) {
    resources[`Queue${i}`] = {
      Type: 'AWS::SQS::Queue',
      Properties: { VisibilityTimeout: i === 0 ? visibility : 30 },
    };
    resources[`Function${i}`] = {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
        Code: { ZipFile: `exports.handler = async () => ${i};` },
      },
    };
    resources[`Mapping${i}`] = {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        EventSourceArn: { 'Fn::GetAtt': [`Queue${i}`, 'Arn'] },
        FunctionName: { Ref: `Function${i}` },
        BatchSize: 10,
      },
    };
  }
  return JSON.stringify({ Resources: resources });
}

/** Polls until the stack leaves its *_IN_PROGRESS statuses; returns the final status. */
async function settle(cfn: CloudFormationClient, stackId: string): Promise<string> {
  for (let polls = 0; polls < 3000; polls++) {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: stackId }))).Stacks?.[0];
    const status = stack?.StackStatus ?? 'UNKNOWN';
    if (!status.endsWith('IN_PROGRESS')) return status;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return 'TIMED_OUT';
}

interface Timings {
  create: number[];
  unchanged: number[];
  update: number[];
  delete: number[];
  failures: string[];
}

/** The floor can only answer "settled" to everything, so it times the create and the delete: the client's
 * cost of a CreateStack and one DescribeStacks. */
async function measure(target: Target, full: boolean): Promise<Timings> {
  const cfn = new CloudFormationClient({
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: CREDENTIALS,
  });
  const timings: Timings = { create: [], unchanged: [], update: [], delete: [], failures: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const name = `bench-${round}`;
    let began = performance.now();
    const { StackId } = await cfn.send(
      new CreateStackCommand({
        StackName: name,
        TemplateBody: template(30),
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    const created = await settle(cfn, StackId ?? name);
    timings.create.push(performance.now() - began);
    if (created !== 'CREATE_COMPLETE') timings.failures.push(`create: ${created}`);
    if (!full) continue;

    began = performance.now();
    const changeSet = await cfn.send(
      new CreateChangeSetCommand({
        StackName: name,
        ChangeSetName: `same-${round}`,
        TemplateBody: template(30),
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    for (;;) {
      const described = await cfn.send(
        new DescribeChangeSetCommand({ ChangeSetName: changeSet.Id ?? '', StackName: name }),
      );
      if (described.Status === 'FAILED' || described.Status === 'CREATE_COMPLETE') break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    await cfn.send(new DeleteChangeSetCommand({ ChangeSetName: changeSet.Id ?? '', StackName: name }));
    timings.unchanged.push(performance.now() - began);

    began = performance.now();
    await cfn.send(
      new UpdateStackCommand({
        StackName: name,
        TemplateBody: template(45),
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    const updated = await settle(cfn, StackId ?? name);
    timings.update.push(performance.now() - began);
    if (updated !== 'UPDATE_COMPLETE') timings.failures.push(`update: ${updated}`);

    began = performance.now();
    await cfn.send(new DeleteStackCommand({ StackName: name }));
    await settle(cfn, StackId ?? name).catch(() => 'DELETE_COMPLETE');
    timings.delete.push(performance.now() - began);
  }
  cfn.destroy();
  return timings;
}

/** Fixed answers for the floor: a stack that is complete as soon as it is asked for. */
function floorResponses() {
  const xml = (action: string, result: string) => ({
    headers: { 'content-type': 'text/xml' },
    body: `<${action}Response xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>`,
  });
  const id = 'arn:aws:cloudformation:us-east-1:000000000000:stack/bench/00000000-0000-0000-0000-000000000000';
  return {
    '*': xml(
      'DescribeStacks',
      `<Stacks><member><StackId>${id}</StackId><StackName>bench</StackName><CreationTime>2026-01-01T00:00:00Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus></member></Stacks>`,
    ),
  };
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const targets: Target[] = [];
  try {
    targets.push(await startNimbus());
    const peer = await startMoto();
    if (peer) targets.push(peer);
    else console.log('moto_server not found: the peer is skipped.');
    targets.push(await startFloor(floorResponses()));
    console.log(
      describeSetup(
        `CloudFormation: a stack of ${SIZE} functions, ${SIZE} queues, ${SIZE} mappings`,
        targets,
        [
          `Median of ${ROUNDS} rounds, ms from the first call until the stack settles (DescribeStacks every ${POLL_MS} ms).`,
          'The floor answers every call with a settled stack at once: what the client and the polling cost alone.',
        ],
      ),
    );
    const results = new Map<string, Timings>();
    for (const target of targets) {
      try {
        results.set(target.name, await measure(target, target.name !== 'floor'));
      } catch (error) {
        console.log(`${target.name}: ${(error as Error).message}`);
      }
    }
    const floor = results.get('floor');
    const rows = [
      [
        'target',
        'create',
        'unchanged redeploy',
        'one-change update',
        'delete',
        'create vs floor',
        'failures',
      ],
    ];
    for (const [name, t] of results) {
      rows.push([
        name,
        `${Math.round(median(t.create))} ms`,
        t.unchanged.length > 0 ? `${Math.round(median(t.unchanged))} ms` : '–',
        t.update.length > 0 ? `${Math.round(median(t.update))} ms` : '–',
        t.delete.length > 0 ? `${Math.round(median(t.delete))} ms` : '–',
        floor ? `${(median(t.create) / median(floor.create)).toFixed(1)}×` : '',
        t.failures.slice(0, 2).join('; '),
      ]);
    }
    const nimbus = results.get('nimbus');
    const moto = results.get('moto');
    for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(i === 0 ? 8 : 20)).join(' '));
    if (nimbus && moto) {
      console.log(
        `nimbus vs moto, create: ${(median(moto.create) / median(nimbus.create)).toFixed(1)}× faster`,
      );
    }
  } finally {
    for (const target of targets) await target.stop().catch(() => {});
    await stopAllChildren();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
