// GetObjectTagging, PutObjectTagging, DeleteObjectTagging.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectTagging.html

import { s } from '../../../core/shapes.js';
import { bucketLabel, keyLabel, tagSetShape } from '../shapes.js';
import { checkTags } from '../tags.js';
import { eventFor, operation } from './operation.js';

const input = {
  Bucket: bucketLabel,
  Key: keyLabel,
  VersionId: s.optional(s.string(), { querystring: 'versionId' }),
};
const versionOutput = { VersionId: s.optional(s.string(), { header: 'x-amz-version-id' }) };
const versionOf = (id: string) => (id === 'null' ? undefined : id);

export const getObjectTagging = operation({
  http: { method: 'GET', uri: '/{Bucket}/{Key+}?tagging' },
  input: s.structure(input),
  output: s.structure({
    ...versionOutput,
    Tagging: s.optional(s.structure({ TagSet: s.optional(tagSetShape) }), { payload: true }),
  }),
  run(request, s3) {
    const object = s3.requireObject(request.Bucket, request.Key, request.VersionId);
    const tags = (object.meta.tags ?? []).map(([Key, Value]) => ({ Key, Value }));
    return { VersionId: versionOf(object.versionId), Tagging: { TagSet: tags } };
  },
});

export const putObjectTagging = operation({
  http: { method: 'PUT', uri: '/{Bucket}/{Key+}?tagging' },
  input: s.structure({
    ...input,
    Tagging: s.required(s.structure({ TagSet: s.required(tagSetShape) }), { payload: true }),
  }),
  output: s.structure(versionOutput),
  run(request, s3, ctx) {
    const object = s3.requireObject(request.Bucket, request.Key, request.VersionId);
    const tags = request.Tagging.TagSet.map((tag): [string, string] => [tag.Key, tag.Value]);
    checkTags(tags, 10);
    s3.changeObject(object, { ...object.meta, tags }, eventFor(ctx, 'ObjectTagging:Put'));
    return { VersionId: versionOf(object.versionId) };
  },
});

export const deleteObjectTagging = operation({
  http: { method: 'DELETE', uri: '/{Bucket}/{Key+}?tagging', code: 204 },
  input: s.structure(input),
  output: s.structure(versionOutput),
  run(request, s3, ctx) {
    const object = s3.requireObject(request.Bucket, request.Key, request.VersionId);
    s3.changeObject(object, { ...object.meta, tags: undefined }, eventFor(ctx, 'ObjectTagging:Delete'));
    return { VersionId: versionOf(object.versionId) };
  },
});
