// Reading the multipart/form-data body of a POST Object (a browser-form upload) as S3 reads it: the fields
// before the part named `file`, then the file as a stream that is not read until the caller has checked
// the fields, so the upload streams to its blob file; fields after the file are ignored.
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTForms.html

import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import type Busboy from 'busboy';
import { ServiceError } from '../../core/errors.js';
import { preconditionFailed } from './errors.js';

// busboy is CommonJS and requires Node's built-ins, which the ESM bundle of the CLI (esbuild) cannot
// inline: it is loaded at run time from node_modules, as better-sqlite3 is.
const busboy = createRequire(import.meta.url)('busboy') as typeof Busboy;

export interface FormField {
  /** As sent; S3 matches names case-insensitively. */
  readonly name: string;
  readonly value: string;
}

export interface PostForm {
  /** The fields before the file, in order. */
  readonly fields: readonly FormField[];
  /** The file's content, unread. */
  readonly file: Readable;
  /** The file part's `filename` parameter; undefined for a part sent without one. */
  readonly filename: string | undefined;
  /** Settles once the rest of the form is read; rejects when it is not well-formed. */
  readonly end: Promise<void>;
  /** Stops reading the form (the request is answered without its file). */
  discard(): void;
}

/** "The form data and boundaries (excluding the contents of the file) cannot exceed 20 KB." */
export const MAX_PRE_DATA_BYTES = 20_480;
/** A `file` sent as a text part (no `filename`) is held in memory; larger ones are refused. Nimbus's limit. */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024;

/** Resolves once the file part begins (its fields all read); rejects with S3's error for a form without
 * one, a malformed body, or fields over 20 KB. */
export function readPostForm(body: Readable, contentType: string | undefined): Promise<PostForm> {
  if (!/^multipart\/form-data\s*(;|$)/i.test(contentType?.trim() ?? '')) {
    throw preconditionFailed('Bucket POST must be of the enclosure-type multipart/form-data');
  }
  let parser: Busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      preservePath: true,
      defCharset: 'utf8',
      defParamCharset: 'utf8',
      limits: { fieldSize: MAX_TEXT_FILE_BYTES },
    });
  } catch {
    // No boundary, or a Content-Type busboy cannot read.
    throw malformedPost();
  }
  const overhead = (/boundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2]?.length ?? 0) + 48;
  return new Promise((resolve, reject) => {
    const fields: FormField[] = [];
    let preData = 0;
    // The file part has begun (later parts are ignored); the promise is resolved or rejected.
    let fileSeen = false;
    let resolved = false;
    let rejected = false;
    let file: Readable | undefined;
    // Values of fields sent as file parts arrive asynchronously: each step waits for the one before, so
    // the fields keep their order and the file is handed over only after them.
    let reading = Promise.resolve();
    let settleEnd: (error?: ServiceError) => void = () => {};
    const end = new Promise<void>((done, failed) => {
      settleEnd = (error) => (error ? failed(error) : done());
    });
    end.catch(() => {});
    const discard = (): void => {
      body.unpipe(parser);
      file?.destroy();
      parser.destroy();
    };
    const fail = (error: ServiceError): void => {
      if (resolved) {
        file?.destroy(error);
        settleEnd(error);
      } else if (!rejected) {
        rejected = true;
        discard();
        reject(error);
      }
    };
    const add = (name: string, value: string): void => {
      if (rejected) return;
      preData += overhead + Buffer.byteLength(name) + Buffer.byteLength(value);
      if (preData > MAX_PRE_DATA_BYTES) fail(preDataTooLarge());
      else fields.push({ name, value });
    };
    const begin = (stream: Readable, filename: string | undefined): void => {
      fileSeen = true;
      file = stream;
      reading = reading.then(() => {
        if (rejected) return;
        resolved = true;
        resolve({ fields, file: stream, filename, end, discard });
      });
    };
    // A part without a name (busboy passes none) is no field: skipped.
    parser.on('field', (name: string | undefined, value, info) => {
      if (fileSeen || name === undefined) return;
      if (name.toLowerCase() !== 'file') {
        reading = reading.then(() => add(name, value));
        return;
      }
      if (info.valueTruncated) fail(textFileTooLarge());
      else begin(Readable.from([Buffer.from(value)]), undefined);
    });
    parser.on('file', (name: string | undefined, stream, info) => {
      // busboy reports a form cut short inside a file part ("Unexpected end of form") on that part's
      // stream, possibly before anyone reads it or after its reader is done: unheard, that error would
      // crash the process. Every file part's stream is listened to from the start.
      stream.on('error', () => fail(malformedPost()));
      if (fileSeen || name === undefined) {
        stream.resume();
        return;
      }
      if (name.toLowerCase() === 'file') return begin(stream, info.filename);
      // A field sent as a file part (as Python's requests does for `files=`): its content is its value.
      const value = readValue(stream, MAX_PRE_DATA_BYTES);
      reading = reading
        .then(() => value)
        .then(
          (text) => (text === undefined ? fail(preDataTooLarge()) : add(name, text)),
          () => fail(malformedPost()),
        );
    });
    parser.on('error', () => fail(malformedPost()));
    parser.on('close', () => {
      reading = reading.then(() => (fileSeen ? settleEnd() : fail(noFile())));
    });
    // A client that goes away mid-form: nothing more will come.
    body.on('error', () => fail(incompleteBody()));
    body.on('close', () => {
      if (!body.readableEnded) fail(incompleteBody());
    });
    body.pipe(parser);
  });
}

export function malformedPost(): ServiceError {
  return new ServiceError(
    'MalformedPOSTRequest',
    'The body of your POST request is not well-formed multipart/form-data.',
  );
}

/** The code and message S3 sends (spelling included), not the ErrorResponses table's
 * `MaxPostPreDataLengthExceededError`: captured in several client issues, e.g.
 * github.com/waynehoover/s3_direct_upload/issues/45 and stackoverflow.com/q/65267176. */
function preDataTooLarge(): ServiceError {
  return new ServiceError(
    'MaxPostPreDataLengthExceeded',
    'Your POST request fields preceeding the upload file was too large.',
    { fields: { MaxPostPreDataLengthBytes: String(MAX_PRE_DATA_BYTES) } },
  );
}

/** InvalidArgument, not the table's IncorrectNumberOfFilesInPostRequest: what S3 answers (captured in
 * github.com/rowanwins/vue-dropzone/issues/303 and boto/boto3#934). */
function noFile(): ServiceError {
  return new ServiceError('InvalidArgument', 'POST requires exactly one file upload per request.', {
    fields: { ArgumentName: 'file', ArgumentValue: '0' },
  });
}

function textFileTooLarge(): ServiceError {
  return new ServiceError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
    fields: { ProposedSize: String(MAX_TEXT_FILE_BYTES + 1), MaxSizeAllowed: String(MAX_TEXT_FILE_BYTES) },
  });
}

function incompleteBody(): ServiceError {
  return new ServiceError(
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header',
  );
}

/** A part's content as text; undefined when it is longer than `limit` bytes. */
async function readValue(stream: Readable, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      stream.resume();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
