// Activities: named task queues that workers poll with GetActivityTask. CreateActivity is idempotent by
// name ("Subsequent requests won't create a duplicate resource if it was already created"; different tags
// are ignored, a different encryption configuration is ActivityAlreadyExists).
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateActivity.html

import { activityAlreadyExists } from '../errors.js';
import { activityArn } from '../names.js';
import { pageAfter } from '../paging.js';
import type { Place } from './machines.js';
import type { Registry } from './registry.js';
import { type EncryptionConfiguration, sameJson, type Tag } from './settings.js';
import type { ActivityRow } from './store.js';

export class Activities {
  constructor(private readonly registry: Registry) {}

  create(place: Place, name: string, tags: readonly Tag[], encryption: EncryptionConfiguration): ActivityRow {
    const arn = activityArn(place.account, place.region, name);
    return this.registry.store.transaction(() => {
      const existing = this.find(arn);
      if (existing) {
        if (!sameJson(JSON.parse(existing.encryption), encryption)) throw activityAlreadyExists(arn);
        return existing;
      }
      this.registry.sql.insertActivity.run({
        arn,
        account: place.account,
        region: place.region,
        name,
        encryption: JSON.stringify(encryption),
        created_at: this.registry.clock.now(),
        tags: JSON.stringify(tags),
      });
      return this.find(arn)!;
    });
  }

  find(arn: string): ActivityRow | undefined {
    return this.registry.sql.activity.get(arn) as ActivityRow | undefined;
  }

  delete(arn: string): void {
    this.registry.sql.deleteActivity.run(arn);
  }

  /** ListActivities: by name. */
  list(place: Place, maxResults: number | undefined, nextToken: string | undefined) {
    return pageAfter<ActivityRow>(
      'ListActivities',
      nextToken,
      maxResults,
      (after, limit) =>
        this.registry.sql.activitiesAfter.all(place.account, place.region, after, limit) as ActivityRow[],
      (row) => row.name,
    );
  }

  setTags(arn: string, tags: readonly Tag[]): void {
    this.registry.sql.setActivityTags.run(JSON.stringify(tags), arn);
  }
}
