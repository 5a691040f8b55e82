// POST Object's semantics: a browser-form upload read field by field (post-form.ts), its signature and
// policy checked (post-auth.ts, post-policy.ts) before the file is read, then the file streamed through
// PutObject's own path (objects.ts: blob, ETag, checksums, versions, notification) as
// `s3:ObjectCreated:Post`. https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html

import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { ServiceError } from '../../core/errors.js';
import { parseXml, type XmlElement } from '../../protocols/xml-read.js';
import { storedContentEncoding } from './aws-chunked.js';
import { CHECKSUM_ALGORITHMS, checksumAlgorithm } from './checksums.js';
import type { ObjectEvent } from './notifications.js';
import { putObject } from './objects.js';
import { checkPostSignature, type FieldLookup, missingField } from './post-auth.js';
import { type FormField, readPostForm } from './post-form.js';
import {
  checkFileSize,
  checkPostPolicy,
  entityTooLarge,
  parsePostPolicy,
  type SizeRange,
} from './post-policy.js';
import type { S3, StoredObject } from './s3.js';

export interface PostRequest {
  readonly Bucket: string;
  readonly Body?: Readable;
  readonly ContentType?: string;
  readonly ContentLength?: number;
}

export interface PostResult {
  readonly stored: StoredObject;
  /** The form's fields (after `${filename}`), by lower-cased name: the answer depends on some. */
  readonly field: FieldLookup;
}

/** The form variable S3 replaces with the file's name. */
const FILENAME_VARIABLE = ['$', '{filename}'].join('');

/** "The maximum size of an object that you can upload by using POST is 5 GB", as for a PUT; the body
 * may carry up to 20 KB of fields besides (and boundaries). */
export const MAX_POST_FILE_BYTES = 5 * 1024 ** 3;
const MAX_POST_BODY_BYTES = MAX_POST_FILE_BYTES + 64 * 1024;

export async function postObject(
  s3: S3,
  request: PostRequest,
  event: (accessKeyId: string | undefined) => ObjectEvent,
): Promise<PostResult> {
  const bucket = s3.requireBucket(request.Bucket);
  const declared = request.ContentLength;
  if (declared !== undefined && declared > MAX_POST_BODY_BYTES) {
    throw entityTooLarge(declared, MAX_POST_FILE_BYTES);
  }
  const form = await readPostForm(request.Body ?? Readable.from([]), request.ContentType);
  try {
    const field = lookup(withFilename(form.fields, form.filename));
    const key = field('key');
    if (key === undefined) throw missingField('key');
    if (key === '') {
      throw new ServiceError('InvalidArgument', 'User key must have a length greater than 0.', {
        fields: { ArgumentName: 'key', ArgumentValue: '' },
      });
    }
    const signed = checkPostSignature(field, bucket.region);
    const ranges =
      signed.policy === undefined
        ? []
        : checkPostPolicy(
            parsePostPolicy(signed.policy),
            {
              values: values(form.fields, field),
              names: form.fields.map((f) => f.name),
              bucket: bucket.name,
            },
            s3.clock.now(),
          );
    const checksums = checksumFields(field);
    const gate = new SizeGate(Math.min(MAX_POST_FILE_BYTES, ...ranges.map((range) => range.max)));
    // The file's errors (a form cut short) reach the blob write through the gate.
    pipeline(form.file, gate, () => {});
    const stored = await putObject(
      s3,
      {
        Bucket: bucket.name,
        Key: key,
        Body: gate,
        CacheControl: field('cache-control'),
        ContentDisposition: field('content-disposition'),
        // `aws-chunked` means a framing of PUT bodies; a form's file has none.
        ContentEncoding: storedContentEncoding(field('content-encoding')),
        ContentLanguage: field('content-language'),
        ContentType: field('content-type'),
        Expires: field('expires'),
        Metadata: metadata(form.fields, field),
        StorageClass: field('x-amz-storage-class'),
        Tagging: field('tagging') === undefined ? undefined : taggingQuery(field('tagging')!),
        WebsiteRedirectLocation: field('x-amz-website-redirect-location'),
        ContentMD5: field('content-md5'),
        ...checksums,
      },
      event(signed.accessKeyId),
      async () => {
        // The object is stored only from a well-formed form, and a file in its size range.
        await form.end;
        checkSize(gate.size, ranges);
      },
    ).catch(async (error: unknown) => {
      // A file cut short by a malformed form: the form's error, not the body's. The form is given up
      // first, so that its end comes even when the write failed on its own (its file no longer read).
      if (error instanceof ServiceError && error.code === 'IncompleteBody') {
        form.discard();
        await form.end;
      }
      throw error;
    });
    return { stored, field };
  } catch (error) {
    form.discard();
    throw error;
  }
}

function checkSize(size: number, ranges: readonly SizeRange[]): void {
  if (size > MAX_POST_FILE_BYTES) throw entityTooLarge(size, MAX_POST_FILE_BYTES);
  checkFileSize(ranges, size);
}

/** "`${filename}` is automatically replaced with the name of the file provided by the user and is
 * recognized by all form fields", only the text after the last `/` or `\`. A file part without a
 * `filename` parameter leaves it as written, as S3 does (LocalStack's recordings of 2026). */
function withFilename(fields: readonly FormField[], filename: string | undefined): FormField[] {
  if (filename === undefined) return [...fields];
  const base = filename.slice(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
  return fields.map(({ name, value }) => ({ name, value: value.replaceAll(FILENAME_VARIABLE, base) }));
}

/** Names match case-insensitively; a repeated field's values are joined by commas ("If you have multiple
 * fields with the same name, the values must be separated by commas"). */
function lookup(fields: readonly FormField[]): FieldLookup {
  const byName = new Map<string, string>();
  for (const { name, value } of fields) {
    const lower = name.toLowerCase();
    const previous = byName.get(lower);
    byName.set(lower, previous === undefined ? value : `${previous},${value}`);
  }
  return (name) => byName.get(name);
}

function values(fields: readonly FormField[], field: FieldLookup): Map<string, string> {
  return new Map(fields.map(({ name }) => [name.toLowerCase(), field(name.toLowerCase())!]));
}

function metadata(fields: readonly FormField[], field: FieldLookup): Record<string, string> | undefined {
  const names = fields.map(({ name }) => name.toLowerCase()).filter((name) => name.startsWith('x-amz-meta-'));
  if (names.length === 0) return undefined;
  return Object.fromEntries(names.map((name) => [name.slice('x-amz-meta-'.length), mailSafe(field(name)!)]));
}

/** A form's metadata is UTF-8, which headers cannot carry: S3 stores and returns a value with other
 * characters than printable ASCII RFC 2047-encoded, Q-encoding for text and B-encoding when it has
 * control characters ("ÄMÄZÕÑ S3" → `=?UTF-8?Q?=C3=84M=C3=84Z=C3=95=C3=91_S3?=`, bytes 0–4 →
 * `=?UTF-8?B?AAECAwQ=?=`: LocalStack's recordings of S3). */
function mailSafe(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  const bytes = Buffer.from(value, 'utf8');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for
  if (/[\x00-\x1f\x7f]/.test(value)) return `=?UTF-8?B?${bytes.toString('base64')}?=`;
  let text = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    if (byte === 0x20) text += '_';
    else if (byte > 0x20 && byte < 0x7f && char !== '=' && char !== '?' && char !== '_') text += char;
    else text += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `=?UTF-8?Q?${text}?=`;
}

/** `x-amz-checksum-<algorithm>` fields, and `x-amz-checksum-algorithm`, which "If a value is specified,
 * you must include the matching checksum header. Otherwise, your request will generate a 400 error."
 * The messages are inferred from PutObject's. */
function checksumFields(field: FieldLookup): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    out[`Checksum${algorithm}`] = field(`x-amz-checksum-${algorithm.toLowerCase()}`);
  }
  const named = field('x-amz-checksum-algorithm');
  if (named !== undefined) {
    const algorithm = checksumAlgorithm(named);
    if (!algorithm) {
      throw new ServiceError('InvalidRequest', 'Value for x-amz-checksum-algorithm header is invalid.');
    }
    if (out[`Checksum${algorithm}`] === undefined) {
      throw new ServiceError(
        'InvalidRequest',
        'x-amz-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.',
      );
    }
  }
  return out;
}

/** The `tagging` field is a `<Tagging><TagSet><Tag>…` document; as PutObject's query form. A document
 * of another shape stores no tags and text that is not XML is MalformedXML (LocalStack's recordings). */
function taggingQuery(xml: string): string {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch {
    throw new ServiceError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
    );
  }
  const query = new URLSearchParams();
  const children = (element: XmlElement | undefined, name: string) =>
    element?.children.filter((child) => child.name === name) ?? [];
  for (const tag of children(children(root, 'TagSet')[0], 'Tag')) {
    query.append(children(tag, 'Key')[0]?.text ?? '', children(tag, 'Value')[0]?.text ?? '');
  }
  return query.toString();
}

/** Counts the file's bytes; past `limit` it drops them (still counting), so a file over its size range
 * is refused with its whole size without being stored. */
class SizeGate extends Transform {
  size = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    callback(null, this.size > this.limit ? undefined : chunk);
  }
}
