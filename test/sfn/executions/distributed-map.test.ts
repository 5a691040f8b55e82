// Distributed Map states: items read from S3 (JSON, JSON Lines, CSV with either header mode, ListObjectsV2),
// MaxItems, ItemBatcher, child executions with their own history listed by their map run, DescribeMapRun's
// counts, ListMapRuns, UpdateMapRun, ResultWriter's files and output, and tolerated failures.
// Shapes from state-map-distributed.html, input-output-itemreader.html, input-output-itembatcher.html,
// input-output-resultwriter.html and API_DescribeMapRun.html in the Step Functions documentation; the
// parent's event sequence (MapStateStarted with length 0, MapRunStarted, MapRunSucceeded) as AWS records it
// (LocalStack's recorded snapshot test_map_item_reader_base_list_objects_v2).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeMapRunCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  UpdateMapRunCommand,
} from '@aws-sdk/client-sfn';
import type { Cloud } from '../../../src/index.js';
import { kill9, startNimbusProcess, startTestCloud, TEST_CREDENTIALS } from '../../support/helpers.js';
import { createMachine, history, run, sfnClient, types, waitForEnd } from './helpers.js';

const BUCKET = 'map-data';

/** A distributed Map over `reader`, its items through a Pass (or `processor`). */
function machine(
  fields: Record<string, unknown>,
  processor?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Echo',
          States: { Echo: { Type: 'Pass', End: true } },
          ...processor,
        },
        End: true,
        ...fields,
      },
    },
  };
}

describe('Step Functions executions: Distributed Map', () => {
  let cloud: Cloud;
  let sfn: SFNClient;
  let s3: S3Client;
  const put = (Key: string, Body: string) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));
  before(async () => {
    cloud = await startTestCloud();
    sfn = sfnClient(cloud);
    s3 = new S3Client({
      endpoint: cloud.endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      forcePathStyle: true,
    });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });
  after(async () => {
    s3.destroy();
    await cloud.stop();
  });

  it('maps over a JSON array in S3, each item a child execution listed by its map run', async () => {
    await put('items.json', JSON.stringify([{ n: 1 }, { n: 2 }, { n: 3 }]));
    const arn = await createMachine(
      sfn,
      'dmap-json',
      machine({
        Label: 'Numbers',
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSON' },
          Parameters: { Bucket: BUCKET, Key: 'items.json' },
        },
        ItemSelector: { 'value.$': '$$.Map.Item.Value.n', 'index.$': '$$.Map.Item.Index' },
      }),
    );
    const execution = await run(sfn, arn);
    assert.equal(execution.status, 'SUCCEEDED', execution.cause);
    assert.deepEqual(JSON.parse(execution.output!), [
      { value: 1, index: 0 },
      { value: 2, index: 1 },
      { value: 3, index: 2 },
    ]);
    const events = await history(sfn, execution.executionArn!);
    assert.deepEqual(types(events), [
      'ExecutionStarted',
      'MapStateEntered',
      'MapStateStarted',
      'MapRunStarted',
      'MapRunSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ]);
    assert.equal(events[2]!.mapStateStartedEventDetails?.length, 0);
    const mapRunArn = events[3]!.mapRunStartedEventDetails!.mapRunArn!;
    // arn:aws:states:<region>:<account>:mapRun:<stateMachineName>/<label>:<id> (concepts-examine-map-run.html)
    assert.match(
      mapRunArn,
      /^arn:aws:states:us-east-1:000000000000:mapRun:dmap-json\/Numbers:[0-9a-f-]{36}$/,
    );

    const { executions } = await sfn.send(new ListExecutionsCommand({ mapRunArn }));
    assert.equal(executions!.length, 3);
    for (const child of executions!) {
      assert.match(
        child.executionArn!,
        /^arn:aws:states:us-east-1:000000000000:execution:dmap-json\/Numbers:/,
      );
      assert.equal(
        child.stateMachineArn,
        'arn:aws:states:us-east-1:000000000000:stateMachine:dmap-json/Numbers',
      );
      assert.equal(child.mapRunArn, mapRunArn);
      assert.equal(child.status, 'SUCCEEDED');
      assert.equal(child.itemCount, 1);
      assert.deepEqual(types(await history(sfn, child.executionArn!)), [
        'ExecutionStarted',
        'PassStateEntered',
        'PassStateExited',
        'ExecutionSucceeded',
      ]);
    }
    // The parent machine's own listing leaves the children out.
    const parents = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    assert.equal(parents.executions!.length, 1);

    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    assert.equal(described.status, 'SUCCEEDED');
    assert.equal(described.executionArn, execution.executionArn);
    assert.equal(described.maxConcurrency, 0);
    assert.ok(described.stopDate instanceof Date);
    assert.deepEqual(
      { ...described.executionCounts },
      {
        pending: 0,
        running: 0,
        succeeded: 3,
        failed: 0,
        timedOut: 0,
        aborted: 0,
        total: 3,
        resultsWritten: 0,
        failuresNotRedrivable: 0,
        pendingRedrive: 0,
      },
    );
    assert.equal(described.itemCounts!.succeeded, 3);
    const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn: execution.executionArn! }));
    assert.deepEqual(
      mapRuns!.map((r) => [r.mapRunArn, r.stateMachineArn]),
      [[mapRunArn, 'arn:aws:states:us-east-1:000000000000:stateMachine:dmap-json/Numbers']],
    );
  });

  it('reads JSON Lines and stops at ReaderConfig.MaxItems', async () => {
    await put('lines.jsonl', '{"a":1}\n{"a":2}\n\n{"a":3}\n');
    const arn = await createMachine(
      sfn,
      'dmap-jsonl',
      machine({
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSONL', MaxItemsPath: '$.max' },
          Parameters: { Bucket: BUCKET, 'Key.$': '$.key' },
        },
      }),
    );
    const execution = await run(sfn, arn, { key: 'lines.jsonl', max: 2 });
    assert.equal(execution.status, 'SUCCEEDED', execution.cause);
    assert.deepEqual(JSON.parse(execution.output!), [{ a: 1 }, { a: 2 }]);
  });

  it('reads CSV with a header row or given headers, every value as text', async () => {
    await put('rows.csv', 'id,name\n1,"Smith, J"\n2,Lee\n');
    await put('rows.psv', '1|Smith\n2|Lee\n');
    const firstRow = await createMachine(
      sfn,
      'dmap-csv',
      machine({
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' },
          Parameters: { Bucket: BUCKET, Key: 'rows.csv' },
        },
      }),
    );
    const first = await run(sfn, firstRow);
    assert.equal(first.status, 'SUCCEEDED', first.cause);
    assert.deepEqual(JSON.parse(first.output!), [
      { id: '1', name: 'Smith, J' },
      { id: '2', name: 'Lee' },
    ]);
    const given = await createMachine(
      sfn,
      'dmap-csv-given',
      machine({
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: {
            InputType: 'CSV',
            CSVHeaderLocation: 'GIVEN',
            CSVHeaders: ['id', 'name'],
            CSVDelimiter: 'PIPE',
          },
          Parameters: { Bucket: BUCKET, Key: 'rows.psv' },
        },
      }),
    );
    const out = await run(sfn, given);
    assert.equal(out.status, 'SUCCEEDED', out.cause);
    assert.deepEqual(JSON.parse(out.output!), [
      { id: '1', name: 'Smith' },
      { id: '2', name: 'Lee' },
    ]);
  });

  it('lists objects with ListObjectsV2, each as Etag, Key, LastModified, Size and StorageClass', async () => {
    await put('listed/a.txt', 'hello');
    await put('listed/b.txt', 'hello world');
    const arn = await createMachine(sfn, 'dmap-list', {
      QueryLanguage: 'JSONata',
      ...machine({
        ItemReader: {
          Resource: 'arn:aws:states:::s3:listObjectsV2',
          Arguments: { Bucket: BUCKET, Prefix: '{% $states.input.prefix %}' },
        },
      }),
    });
    const execution = await run(sfn, arn, { prefix: 'listed/' });
    assert.equal(execution.status, 'SUCCEEDED', execution.cause);
    const items = JSON.parse(execution.output!) as Record<string, unknown>[];
    assert.deepEqual(
      items.map((i) => [i.Key, i.Size, i.StorageClass]),
      [
        ['listed/a.txt', 5, 'STANDARD'],
        ['listed/b.txt', 11, 'STANDARD'],
      ],
    );
    assert.match(String(items[0]!.Etag), /^"[0-9a-f]{32}"$/);
    assert.equal(typeof items[0]!.LastModified, 'number');
  });

  it('reads an S3 inventory manifest: its gzipped CSV files, rows keyed by fileSchema', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'inventory/data/part-0.csv.gz',
        Body: gzipSync('"map-data","photos/a.jpg","120"\n"map-data","photos/b.jpg","340"\n'),
      }),
    );
    // The manifest.json S3 Inventory writes (storage-inventory-location.html).
    await put(
      'inventory/manifest.json',
      JSON.stringify({
        sourceBucket: BUCKET,
        destinationBucket: `arn:aws:s3:::${BUCKET}`,
        version: '2016-11-30',
        fileFormat: 'CSV',
        fileSchema: 'Bucket, Key, Size',
        files: [{ key: 'inventory/data/part-0.csv.gz', size: 60, MD5checksum: 'x' }],
      }),
    );
    const arn = await createMachine(
      sfn,
      'dmap-manifest',
      machine({
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'MANIFEST' },
          Parameters: { Bucket: BUCKET, Key: 'inventory/manifest.json' },
        },
      }),
    );
    const execution = await run(sfn, arn);
    assert.equal(execution.status, 'SUCCEEDED', execution.cause);
    assert.deepEqual(JSON.parse(execution.output!), [
      { Bucket: BUCKET, Key: 'photos/a.jpg', Size: '120' },
      { Bucket: BUCKET, Key: 'photos/b.jpg', Size: '340' },
    ]);
  });

  it('fails the Map with States.ItemReaderFailed when the object is missing, after MapRunStarted', async () => {
    const arn = await createMachine(
      sfn,
      'dmap-missing',
      machine({
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSON' },
          Parameters: { Bucket: BUCKET, Key: 'nothing-here.json' },
        },
      }),
    );
    const execution = await run(sfn, arn);
    assert.equal(execution.status, 'FAILED');
    assert.equal(execution.error, 'States.ItemReaderFailed');
    const list = types(await history(sfn, execution.executionArn!));
    assert.deepEqual(list.slice(-4), ['MapRunStarted', 'MapRunFailed', 'MapStateFailed', 'ExecutionFailed']);
  });

  it('aborts the map run and its running children when the parent is stopped', async () => {
    const arn = await createMachine(
      sfn,
      'dmap-stop',
      machine({}, { StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 3600, End: true } } }),
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn, input: JSON.stringify([1, 2]) }),
    );
    const mapRunArn = await waitFor(async () => {
      const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn }));
      return mapRuns?.[0]?.mapRunArn;
    });
    await waitFor(async () => {
      const d = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
      return d.executionCounts!.running === 2 ? true : undefined;
    });
    await sfn.send(new StopExecutionCommand({ executionArn }));
    const described = await waitFor(async () => {
      const d = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
      return d.executionCounts!.aborted === 2 ? d : undefined;
    });
    assert.equal(described.status, 'ABORTED');
  });

  it('batches items with ItemBatcher: each child gets { Items, ...BatchInput }', async () => {
    const arn = await createMachine(
      sfn,
      'dmap-batch',
      machine({
        ItemsPath: '$.items',
        ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { 'tag.$': '$.tag' } },
      }),
    );
    const execution = await run(sfn, arn, { items: [1, 2, 3, 4, 5], tag: 't' });
    assert.equal(execution.status, 'SUCCEEDED', execution.cause);
    assert.deepEqual(JSON.parse(execution.output!), [
      { Items: [1, 2], tag: 't' },
      { Items: [3, 4], tag: 't' },
      { Items: [5], tag: 't' },
    ]);
    const mapRunArn = (await history(sfn, execution.executionArn!)).find((e) => e.type === 'MapRunStarted')!
      .mapRunStartedEventDetails!.mapRunArn!;
    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    assert.equal(described.executionCounts!.total, 3);
    assert.equal(described.itemCounts!.total, 5);
    assert.equal(described.itemCounts!.succeeded, 5);
  });

  it('writes SUCCEEDED_0.json, FAILED_0.json and manifest.json with ResultWriter, and answers where', async () => {
    const arn = await createMachine(
      sfn,
      'dmap-writer',
      machine(
        {
          ToleratedFailureCount: 1,
          ResultWriter: {
            Resource: 'arn:aws:states:::s3:putObject',
            Parameters: { Bucket: BUCKET, Prefix: 'results' },
          },
        },
        {
          StartAt: 'Check',
          States: {
            Check: {
              Type: 'Choice',
              Choices: [{ Variable: '$', NumericEquals: 2, Next: 'Bad' }],
              Default: 'Good',
            },
            Good: { Type: 'Pass', Parameters: { 'ok.$': '$' }, End: true },
            Bad: { Type: 'Fail', Error: 'Two', Cause: 'no twos' },
          },
        },
      ),
    );
    const execution = await run(sfn, arn, [1, 2, 3]);
    assert.equal(execution.status, 'SUCCEEDED', execution.cause);
    const output = JSON.parse(execution.output!) as {
      MapRunArn: string;
      ResultWriterDetails: { Bucket: string; Key: string };
    };
    const id = output.MapRunArn.slice(output.MapRunArn.lastIndexOf(':') + 1);
    assert.deepEqual(output.ResultWriterDetails, { Bucket: BUCKET, Key: `results/${id}/manifest.json` });
    const read = async (Key: string) =>
      JSON.parse(
        await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }))).Body!.transformToString(),
      );
    const manifest = await read(output.ResultWriterDetails.Key);
    assert.equal(manifest.DestinationBucket, BUCKET);
    assert.equal(manifest.MapRunArn, output.MapRunArn);
    assert.deepEqual(manifest.ResultFiles.PENDING, []);
    assert.equal(manifest.ResultFiles.SUCCEEDED[0].Key, `results/${id}/SUCCEEDED_0.json`);
    assert.equal(manifest.ResultFiles.FAILED[0].Key, `results/${id}/FAILED_0.json`);
    const succeeded = await read(`results/${id}/SUCCEEDED_0.json`);
    assert.deepEqual(
      succeeded.map((r: { Output: string; Status: string }) => [JSON.parse(r.Output), r.Status]),
      [
        [{ ok: 1 }, 'SUCCEEDED'],
        [{ ok: 3 }, 'SUCCEEDED'],
      ],
    );
    assert.equal(succeeded[0].Input, '1');
    assert.deepEqual(succeeded[0].InputDetails, { Included: true });
    const failed = await read(`results/${id}/FAILED_0.json`);
    assert.deepEqual(
      failed.map((r: { Error: string; Cause: string; Status: string }) => [r.Error, r.Cause, r.Status]),
      [['Two', 'no twos', 'FAILED']],
    );
    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn: output.MapRunArn }));
    assert.equal(described.toleratedFailureCount, 1);
    assert.equal(described.executionCounts!.failed, 1);
    assert.equal(described.executionCounts!.resultsWritten, 3);
  });

  it('shapes the output by WriterConfig alone (FLATTEN) and runs EXPRESS children', async () => {
    const arn = await createMachine(sfn, 'dmap-flatten', {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'Pair',
            States: {
              Pair: {
                Type: 'Pass',
                Parameters: { 'pair.$': 'States.Array($, $)' },
                OutputPath: '$.pair',
                End: true,
              },
            },
          },
          ResultWriter: { WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSON' } },
          End: true,
        },
      },
    });
    const execution = await run(sfn, arn, [1, 2]);
    assert.equal(execution.status, 'SUCCEEDED', execution.cause);
    assert.deepEqual(JSON.parse(execution.output!), [1, 1, 2, 2]);
  });

  it('fails with States.ExceedToleratedFailureThreshold beyond the tolerated failures', async () => {
    const arn = await createMachine(
      sfn,
      'dmap-tolerance',
      machine(
        { ToleratedFailurePercentage: 20, MaxConcurrency: 1 },
        { StartAt: 'Bad', States: { Bad: { Type: 'Fail', Error: 'Always', Cause: 'x' } } },
      ),
    );
    const execution = await run(sfn, arn, [1, 2, 3]);
    assert.equal(execution.status, 'FAILED');
    assert.equal(execution.error, 'States.ExceedToleratedFailureThreshold');
    const events = await history(sfn, execution.executionArn!);
    const failedRun = events.find((e) => e.type === 'MapRunFailed')!;
    assert.deepEqual(failedRun.mapRunFailedEventDetails, {
      error: 'States.ExceedToleratedFailureThreshold',
      cause: 'The specified tolerated failure threshold was exceeded',
    });
    assert.deepEqual(types(events).slice(-3), ['MapRunFailed', 'MapStateFailed', 'ExecutionFailed']);
    const mapRunArn = events.find((e) => e.type === 'MapRunStarted')!.mapRunStartedEventDetails!.mapRunArn!;
    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    assert.equal(described.status, 'FAILED');
    assert.equal(described.toleratedFailurePercentage, 20);
    // One at a time: the first failure (1 of 3, over 20%) ends the run before the others start.
    assert.equal(described.executionCounts!.failed, 1);
    assert.equal(described.executionCounts!.pending, 2);
  });

  it('applies UpdateMapRun to the running map run: more children start at once', async () => {
    const arn = await createMachine(
      sfn,
      'dmap-update',
      machine(
        { MaxConcurrency: 1 },
        { StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 60, End: true } } },
      ),
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn, input: JSON.stringify([1, 2, 3, 4]) }),
    );
    const mapRunArn = await waitFor(async () => {
      const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn }));
      return mapRuns?.[0]?.mapRunArn;
    });
    await waitFor(async () => {
      const d = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
      return d.executionCounts!.running === 1 ? true : undefined;
    });
    await sfn.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 4 }));
    const described = await waitFor(async () => {
      const d = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
      return d.executionCounts!.running === 4 ? d : undefined;
    });
    assert.equal(described.maxConcurrency, 4);
    assert.equal(described.status, 'RUNNING');
    cloud.clock.advance(60_000);
    const ended = await waitForEnd(sfn, executionArn!);
    assert.equal(ended.status, 'SUCCEEDED', ended.cause);
    assert.deepEqual(JSON.parse(ended.output!), [1, 2, 3, 4]);
  });
});

// Standard child executions are executions: after kill -9 each carries on from its last commit, and the map
// run's row and the children it decided to start are in SQLite, so the Map starts no item twice.
describe('Step Functions executions: Distributed Map across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-sfn-dmap-restart-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finishes a 500-item distributed Map at MaxConcurrency 50 that was running when the process was killed', async () => {
    const first = await startNimbusProcess(dataDir);
    let sfn = sfnClient(first.endpoint);
    const s3 = new S3Client({
      endpoint: first.endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      forcePathStyle: true,
    });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const items = Array.from({ length: 500 }, (_, i) => i);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'many.json', Body: JSON.stringify(items) }));
    s3.destroy();
    const arn = await createMachine(
      sfn,
      'dmap-restart',
      machine(
        {
          MaxConcurrency: 50,
          ItemReader: {
            Resource: 'arn:aws:states:::s3:getObject',
            ReaderConfig: { InputType: 'JSON' },
            Parameters: { Bucket: BUCKET, Key: 'many.json' },
          },
        },
        {
          StartAt: 'Hold',
          States: {
            Hold: { Type: 'Wait', Seconds: 10, Next: 'Square' },
            Square: { Type: 'Pass', Parameters: { 'n.$': '$' }, End: true },
          },
        },
      ),
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{}' }));
    const mapRunArn = await waitFor(async () => {
      const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn }));
      return mapRuns?.[0]?.mapRunArn;
    });
    // Two rounds done, the third waiting: kill in the middle of the map run.
    for (let round = 0; round < 2; round++) {
      const done = (round + 1) * 50;
      await advance(first.endpoint, 10);
      await waitFor(async () => {
        const d = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
        return d.executionCounts!.succeeded! >= done ? true : undefined;
      }, 30_000);
    }
    await kill9(first.child);

    const second = await startNimbusProcess(dataDir);
    try {
      sfn = sfnClient(second.endpoint);
      const deadline = Date.now() + 90_000;
      let ended = await waitForEnd(sfn, executionArn!, 10);
      while (ended.status === 'RUNNING' && Date.now() < deadline) {
        await advance(second.endpoint, 10);
        await new Promise((resolve) => setTimeout(resolve, 200));
        ended = await waitForEnd(sfn, executionArn!, 10);
      }
      assert.equal(ended.status, 'SUCCEEDED', ended.cause);
      assert.deepEqual(
        JSON.parse(ended.output!),
        items.map((n) => ({ n })),
      );
      const children = [];
      let nextToken: string | undefined;
      do {
        const listed = await sfn.send(new ListExecutionsCommand({ mapRunArn, maxResults: 1000, nextToken }));
        children.push(...listed.executions!);
        nextToken = listed.nextToken;
      } while (nextToken);
      assert.equal(children.length, 500, 'every item ran as one child');
      assert.equal(new Set(children.map((c) => c.name)).size, 500);
      assert.ok(children.every((c) => c.status === 'SUCCEEDED'));
      const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
      assert.equal(described.status, 'SUCCEEDED');
      assert.equal(described.executionCounts!.succeeded, 500);
      assert.equal(described.itemCounts!.total, 500);
      const events = await history(sfn, executionArn!);
      assert.equal(types(events).filter((t) => t === 'MapRunStarted').length, 1);
      assert.deepEqual(
        events.map((e) => e.id),
        events.map((_, i) => i + 1),
        'event ids stay a gapless sequence',
      );
    } finally {
      await kill9(second.child);
    }
  });
});

async function advance(endpoint: string, seconds: number): Promise<void> {
  const response = await fetch(`${endpoint}/_nimbus/clock`, {
    method: 'POST',
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  assert.equal(response.status, 200);
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
