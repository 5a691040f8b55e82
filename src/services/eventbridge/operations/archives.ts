// Archive and replay operations: CreateArchive, DescribeArchive, ListArchives, UpdateArchive, DeleteArchive,
// StartReplay, DescribeReplay, ListReplays.
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateArchive.html
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_StartReplay.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/eventbridge.js';
import type { Archives } from '../archives.js';
import { validation } from '../errors.js';
import { epochSeconds, paginate } from '../names.js';
import type { ArchiveRow, ReplayRow } from '../store.js';
import { operation } from './operation.js';

const invalidToken = () => validation('The NextToken provided is invalid.');

export const createArchive = operation({
  input: model.CreateArchiveRequest,
  run: (input, engine, ctx) => {
    const archive = engine.archives.create(ctx.account, ctx.region, {
      name: input.ArchiveName,
      sourceArn: input.EventSourceArn,
      description: input.Description,
      eventPattern: input.EventPattern,
      retentionDays: input.RetentionDays,
    });
    return { ArchiveArn: archive.arn, State: 'ENABLED', CreationTime: epochSeconds(archive.created_at) };
  },
});

export const describeArchive = operation({
  input: model.DescribeArchiveRequest,
  run: (input, engine, ctx) => {
    const archive = engine.archives.require(ctx.account, ctx.region, input.ArchiveName);
    return {
      ArchiveArn: archive.arn,
      ...summary(engine.archives, archive),
      ...(archive.description !== null ? { Description: archive.description } : {}),
      ...(archive.event_pattern !== null ? { EventPattern: archive.event_pattern } : {}),
    };
  },
});

export const listArchives = operation({
  input: model.ListArchivesRequest,
  run: (input, engine, ctx) => {
    const archives = engine.archives
      .list(ctx.account, ctx.region)
      .filter((a) => input.NamePrefix === undefined || a.name.startsWith(input.NamePrefix))
      .filter((a) => input.EventSourceArn === undefined || a.source_arn === input.EventSourceArn)
      .filter(() => input.State === undefined || input.State === 'ENABLED');
    const { page, nextToken } = paginate(archives, input.Limit, input.NextToken, invalidToken);
    return { Archives: page.map((archive) => summary(engine.archives, archive)), NextToken: nextToken };
  },
});

export const updateArchive = operation({
  input: model.UpdateArchiveRequest,
  run: (input, engine, ctx) => {
    const archive = engine.archives.require(ctx.account, ctx.region, input.ArchiveName);
    engine.archives.update(archive, input.Description, input.EventPattern, input.RetentionDays);
    return { ArchiveArn: archive.arn, State: 'ENABLED', CreationTime: epochSeconds(archive.created_at) };
  },
});

export const deleteArchive = operation({
  input: model.DeleteArchiveRequest,
  run: (input, engine, ctx) => {
    engine.archives.delete(engine.archives.require(ctx.account, ctx.region, input.ArchiveName));
    return {};
  },
});

export const startReplay = operation({
  input: model.StartReplayRequest,
  run: (input, engine, ctx) => {
    const replay = engine.archives.startReplay(ctx.account, ctx.region, {
      name: input.ReplayName,
      description: input.Description,
      sourceArn: input.EventSourceArn,
      start: input.EventStartTime,
      end: input.EventEndTime,
      destination: input.Destination,
    });
    return { ReplayArn: replay.arn, State: 'STARTING', ReplayStartTime: epochSeconds(replay.replay_start) };
  },
});

export const describeReplay = operation({
  input: model.DescribeReplayRequest,
  run: (input, engine, ctx) => {
    const replay = engine.archives.requireReplay(ctx.account, ctx.region, input.ReplayName);
    return {
      ...replaySummary(replay),
      ReplayArn: replay.arn,
      ...(replay.description !== null ? { Description: replay.description } : {}),
      Destination: JSON.parse(replay.destination) as unknown,
    };
  },
});

export const cancelReplay = operation({
  input: model.CancelReplayRequest,
  run: (input, engine, ctx) => {
    const replay = engine.archives.requireReplay(ctx.account, ctx.region, input.ReplayName);
    // Replays finish on the clock's next turn; one that has finished cannot be cancelled.
    if (replay.state !== 'STARTING' && replay.state !== 'RUNNING') {
      throw new ServiceError(
        'IllegalStatusException',
        `Replay ${replay.name} is not in a valid state for this operation.`,
      );
    }
    engine.archives.cancel(replay);
    return { ReplayArn: replay.arn, State: 'CANCELLING' };
  },
});

export const listReplays = operation({
  input: model.ListReplaysRequest,
  run: (input, engine, ctx) => {
    const replays = engine.archives
      .listReplays(ctx.account, ctx.region)
      .filter((r) => input.NamePrefix === undefined || r.name.startsWith(input.NamePrefix))
      .filter((r) => input.State === undefined || r.state === input.State)
      .filter((r) => input.EventSourceArn === undefined || r.source_arn === input.EventSourceArn);
    const { page, nextToken } = paginate(replays, input.Limit, input.NextToken, invalidToken);
    return { Replays: page.map(replaySummary), NextToken: nextToken };
  },
});

function summary(archives: Archives, archive: ArchiveRow) {
  return {
    ArchiveName: archive.name,
    EventSourceArn: archive.source_arn,
    State: 'ENABLED',
    RetentionDays: archive.retention_days,
    ...archives.stats(archive),
    CreationTime: epochSeconds(archive.created_at),
  };
}

function replaySummary(replay: ReplayRow) {
  return {
    ReplayName: replay.name,
    EventSourceArn: replay.source_arn,
    State: replay.state,
    ...(replay.state_reason !== null ? { StateReason: replay.state_reason } : {}),
    EventStartTime: epochSeconds(replay.event_start),
    EventEndTime: epochSeconds(replay.event_end),
    ...(replay.last_replayed !== null ? { EventLastReplayedTime: epochSeconds(replay.last_replayed) } : {}),
    ReplayStartTime: epochSeconds(replay.replay_start),
    ...(replay.replay_end !== null ? { ReplayEndTime: epochSeconds(replay.replay_end) } : {}),
  };
}
