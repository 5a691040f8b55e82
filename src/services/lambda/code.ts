// Function code: a zip uploaded with the request (kept as a blob named by its SHA-256, unpacked once per
// distinct zip), or, for fast iteration, a directory on disk run in place (`S3Bucket: "hot-reload"`, the
// convention LocalStack's users know), so an edited handler runs on the next invocation.
// https://docs.aws.amazon.com/lambda/latest/api/API_FunctionCode.html

import { createHash, randomUUID } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { crc32 } from 'node:zlib';
import { unzipSync } from 'fflate';
import { ServiceError } from '../../core/errors.js';

/** Where a version's code is: stored in `lambda_versions.code`. */
export type CodeLocation =
  | { readonly kind: 'zip'; readonly sha256: string }
  | { readonly kind: 'dir'; readonly path: string };

export interface StoredCode {
  readonly location: CodeLocation;
  /** Base64 SHA-256 of the zip, as Lambda reports it. */
  readonly codeSha256: string;
  readonly codeSize: number;
  /** Bytes once unpacked (zips only), for the 250 MB limit on code and layers together. */
  readonly unzippedSize?: number;
}

export interface FunctionCodeInput {
  ZipFile?: Buffer;
  S3Bucket?: string;
  S3Key?: string;
  S3ObjectVersion?: string;
  ImageUri?: string;
}

/** The bucket name that means "run this directory in place". */
export const HOT_RELOAD_BUCKET = 'hot-reload';
// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
const MAX_UNZIPPED_BYTES = 262_144_000;

export class CodeStore {
  constructor(private readonly root: string) {
    mkdirSync(root, { recursive: true });
    // Node decides whether a `.js` handler is CommonJS from the nearest package.json; on Lambda there is
    // none above /var/task, so a package.json with no "type" here stops the search at the code's parent
    // (a stray one in /tmp or the user's home would otherwise decide).
    writeFileSync(join(root, 'package.json'), '{}\n');
  }

  /** Validates and keeps the code a CreateFunction/UpdateFunctionCode request carries; `fetch` reads a
   * package from S3 (`S3Bucket`/`S3Key`). */
  async accept(
    code: FunctionCodeInput,
    fetch: (bucket: string, key: string, version?: string) => Promise<Buffer>,
  ): Promise<StoredCode> {
    if (code.ZipFile) return this.acceptZip(code.ZipFile);
    if (code.S3Bucket === HOT_RELOAD_BUCKET && code.S3Key) return acceptDirectory(code.S3Key);
    if (code.S3Bucket && code.S3Key)
      return this.acceptZip(await fetch(code.S3Bucket, code.S3Key, code.S3ObjectVersion));
    if (code.ImageUri) {
      throw new ServiceError(
        'InvalidParameterValueException',
        'Container image functions are not supported by Nimbus.',
      );
    }
    throw new ServiceError('InvalidParameterValueException', 'Please provide a source for function code.');
  }

  /** The directory to run: unpacked on first use (a crash mid-unpack leaves no half directory behind). */
  directory(location: CodeLocation): string {
    if (location.kind === 'dir') return location.path;
    const dir = join(this.root, location.sha256);
    if (existsSync(dir)) return dir;
    const zip = readZip(join(this.root, `${location.sha256}.zip`));
    const staging = join(this.root, `.unpack-${randomUUID()}`);
    unpack(zip, staging);
    try {
      renameSync(staging, dir);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(dir)) throw error;
    }
    return dir;
  }

  /** One directory holding these zips (kept here) unpacked in order, a later one's files overwriting an
   * earlier one's, as Lambda extracts layers into /opt. Named by the list, made once, never changed after
   * (a crash mid-unpack leaves only a staging directory, removed on the next try).
   * https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html */
  overlay(sha256s: readonly string[]): string {
    const name = createHash('sha256').update(sha256s.join(',')).digest('hex');
    const dir = join(this.root, `opt-${name}`);
    if (existsSync(dir)) return dir;
    const staging = join(this.root, `.unpack-${randomUUID()}`);
    try {
      mkdirSync(staging, { recursive: true });
      for (const sha256 of sha256s) unpack(readZip(join(this.root, `${sha256}.zip`)), staging);
      renameSync(staging, dir);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(dir)) throw error;
    }
    return dir;
  }

  /** Changes whenever the code an environment would load changes: a zip's digest, or for a hot-reload
   * directory the latest modification among its files (node_modules and dot-directories aside, so the
   * check stays cheap enough to run before every invocation). */
  fingerprint(location: CodeLocation): string {
    if (location.kind === 'zip') return location.sha256;
    let latest = 0;
    let count = 0;
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === '__pycache__')
          continue;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else {
          count++;
          latest = Math.max(latest, statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0);
        }
      }
    };
    try {
      walk(location.path);
    } catch {
      return 'missing';
    }
    return `${count}:${latest}`;
  }

  /** Forgets a zip no version uses any more. */
  release(location: CodeLocation): void {
    if (location.kind !== 'zip') return;
    rmSync(join(this.root, `${location.sha256}.zip`), { force: true });
    rmSync(join(this.root, location.sha256), { recursive: true, force: true });
  }

  acceptZip(zip: Buffer): StoredCode {
    const files = unzipOrReject(zip);
    let size = 0;
    for (const content of Object.values(files)) size += content.length;
    if (size > MAX_UNZIPPED_BYTES) {
      throw new ServiceError(
        'InvalidParameterValueException',
        `Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`,
      );
    }
    const digest = createHash('sha256').update(zip).digest();
    const sha256 = digest.toString('hex');
    const path = join(this.root, `${sha256}.zip`);
    if (!existsSync(path)) writeDurably(path, zip);
    return {
      location: { kind: 'zip', sha256 },
      codeSha256: digest.toString('base64'),
      codeSize: zip.length,
      unzippedSize: size,
    };
  }

  /** The unpacked size of code already kept, from its zip's central directory (0 for a directory). */
  unzippedSize(location: CodeLocation): number {
    if (location.kind !== 'zip') return 0;
    let total = 0;
    for (const entry of centralDirectory(readZip(join(this.root, `${location.sha256}.zip`))).values())
      total += entry.size;
    return total;
  }
}

function acceptDirectory(path: string): StoredCode {
  if (!isAbsolute(path) || !existsSync(path) || !statSync(path).isDirectory()) {
    throw new ServiceError(
      'InvalidParameterValueException',
      `Hot-reload code must be an absolute path to a directory that exists: ${path}`,
    );
  }
  const codeSha256 = createHash('sha256').update(path).digest('base64');
  return { location: { kind: 'dir', path }, codeSha256, codeSize: 0 };
}

/** The zip's files, or AWS's refusal for an archive that does not unzip cleanly: one that fflate cannot
 * read, or whose entry does not match the CRC-32 its central directory records (a corrupted upload, which
 * unzip(1) and Lambda refuse but fflate would hand over altered). */
function unzipOrReject(zip: Buffer): Record<string, Uint8Array> {
  try {
    const files = unzipSync(zip);
    const recorded = centralDirectory(zip);
    for (const [name, content] of Object.entries(files)) {
      const crc = recorded.get(name)?.crc;
      if (crc === undefined || crc32(content) !== crc) throw new Error(`CRC mismatch in ${name}`);
    }
    return files;
  } catch {
    throw new ServiceError(
      'InvalidParameterValueException',
      'Could not unzip uploaded file. Please check your file, then try to upload again.',
    );
  }
}

/** Each entry's CRC-32 and uncompressed size as the zip's central directory records them (ZIP64
 * archives included; entries are far below 4 GB, the limit being 250 MB).
 * https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT, sections 4.3.12 to 4.3.16 */
function centralDirectory(zip: Buffer): Map<string, { crc: number; size: number }> {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('no end of central directory');
  let count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  if (offset === 0xffffffff || count === 0xffff) {
    const locator = end - 20;
    if (locator < 0 || zip.readUInt32LE(locator) !== 0x07064b50) throw new Error('no ZIP64 locator');
    const end64 = Number(zip.readBigUInt64LE(locator + 8));
    count = Number(zip.readBigUInt64LE(end64 + 32));
    offset = Number(zip.readBigUInt64LE(end64 + 48));
  }
  const entries = new Map<string, { crc: number; size: number }>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error('bad central directory entry');
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    // Names are UTF-8 when general-purpose flag bit 11 says so, else read byte for byte (as fflate does).
    const encoding = zip.readUInt16LE(offset + 8) & 0x800 ? 'utf8' : 'latin1';
    entries.set(zip.toString(encoding, offset + 46, offset + 46 + nameLength), {
      crc: zip.readUInt32LE(offset + 16),
      size: zip.readUInt32LE(offset + 24),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function unpack(zip: Buffer, target: string): void {
  mkdirSync(target, { recursive: true });
  for (const [name, content] of Object.entries(unzipOrReject(zip))) {
    const relative = normalize(name);
    // Entries that climb out of the code directory (zip slip) are skipped, not followed.
    if (isAbsolute(relative) || relative.startsWith(`..${sep}`) || relative === '..') continue;
    const path = join(target, relative);
    if (name.endsWith('/')) {
      mkdirSync(path, { recursive: true });
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    // fflate does not expose zip permissions; every file is made executable so a `bootstrap` runs.
    chmodSync(path, 0o755);
  }
}

function readZip(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new ServiceError('ServiceException', 'The function code is missing from the data directory.', {
      status: 500,
    });
  }
}

/** Written to a temporary file, flushed, then renamed: a kill leaves the old state or the new one. */
export function writeDurably(path: string, content: Buffer): void {
  const temporary = `${path}.${randomUUID()}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}
