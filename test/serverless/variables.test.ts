// Serverless Framework v3 variable resolution (src/serverless/variables/): every source, fallbacks, nesting, types,
// and errors in the Framework's words; checked against osls (the Framework's open-source fork) where it runs.
// Expected messages come from osls 4.3.1 lib/configuration/variables/ (resolve.js, sources/*.js), observed.
/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: serverless.yml variables are written ${source:address} */

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  loadServiceFile,
  resolveConfiguration,
  ServerlessVariableError,
  type VariableSources,
} from '../../src/serverless/variables/index.js';
import { type Part, parseVariables, type Source } from '../../src/serverless/variables/parse.js';

const root = resolvePath(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = join(root, 'test/serverless/fixtures/variables');
const ENV = { NIMBUS_TEST_VALUE: 'val', NIMBUS_TEST_EMPTY: '', NIMBUS_TEST_FLAG: '1', HOME: '/home/me' };

function sources(extra: Partial<VariableSources> = {}): VariableSources {
  return { options: { stage: 'qa' }, env: ENV, serviceDir: tmpdir(), instanceId: 'run-1', ...extra };
}

async function errorsOf(
  config: Record<string, unknown>,
  extra?: Partial<VariableSources>,
): Promise<string[]> {
  try {
    await resolveConfiguration(config, sources(extra));
  } catch (error) {
    assert.ok(error instanceof ServerlessVariableError, String(error));
    return [...error.errors];
  }
  throw new Error('resolved without error');
}

const at = (path: string, detail: string) => `Cannot resolve variable at "${path}": ${detail}`;

const VALUES: [string, Record<string, unknown>, unknown, Partial<VariableSources>?][] = [
  ['self: a nested key', { a: '${self:b.c}', b: { c: 1 } }, 1],
  ['self: an array index', { a: '${self:b.1}', b: ['x', 'y'] }, 'y'],
  ['self: a whole object keeps its type', { a: '${self:b}', b: { c: [1, true] } }, { c: [1, true] }],
  ['self: a string index and length', { a: '${self:s.length}', s: 'abc' }, 3],
  [
    'self: through a property that is itself a variable',
    { a: '${self:x.y}', x: '${self:q}', q: { y: 'd' } },
    'd',
  ],
  ['self: a key built from a variable', { a: '${self:c.${sls:stage}}', c: { qa: 7 } }, 7],
  ['opt: a given option', { a: '${opt:stage}' }, 'qa'],
  ['opt: the single-quoted fallback', { a: "${opt:nope, 'dev'}" }, 'dev'],
  ['opt: the double-quoted fallback', { a: '${opt:nope, "a,b"}' }, 'a,b'],
  ['opt: a number fallback', { a: '${opt:nope, 42}' }, 42],
  ['opt: a boolean fallback', { a: '${opt:nope, false}' }, false],
  ['opt: a null fallback', { a: '${opt:nope, null}' }, null],
  ['opt: all options', { a: '${opt:}' }, { stage: 'qa' }],
  ['env: a variable', { a: '${env:NIMBUS_TEST_VALUE}' }, 'val'],
  ['env: an empty string is a value, not a miss', { a: "${env:NIMBUS_TEST_EMPTY, 'fb'}" }, ''],
  ['env: chained fallbacks', { a: "${env:NOPE, env:NIMBUS_TEST_VALUE, 'x'}" }, 'val'],
  [
    'env: a value holding a variable is resolved too',
    { a: '${env:V}' },
    'qa',
    { env: { V: '${opt:stage}' } },
  ],
  ['env: the name from a variable', { a: '${env:${self:k}}', k: 'HOME' }, '/home/me'],
  ['sls: stage from --stage', { a: '${sls:stage}' }, 'qa'],
  ['sls: stage from provider.stage', { a: '${sls:stage}', provider: { stage: 'p1' } }, 'p1', { options: {} }],
  ['sls: stage defaults to dev', { a: '${sls:stage}' }, 'dev', { options: {} }],
  ['sls: the instance id', { a: '${sls:instanceId}' }, 'run-1'],
  [
    'self: provider.stage that is itself a variable',
    { a: '${self:provider.stage}', provider: { stage: "${opt:nope, 'st'}" } },
    'st',
  ],
  ['param: the stage section first', { a: '${param:x}', params: { qa: { x: 1 }, default: { x: 2 } } }, 1],
  ['param: then default', { a: '${param:x}', params: { dev: { x: 1 }, default: { x: 2 } } }, 2],
  ['param: --param wins', { a: '${param:x}', params: { qa: { x: 1 } } }, 'cli', { params: ['x=cli'] }],
  ['strToBool: true', { a: '${strToBool(true)}' }, true],
  ['strToBool: "1"', { a: '${strToBool(${env:NIMBUS_TEST_FLAG})}' }, true],
  ['strToBool: "false"', { a: "${strToBool('false')}" }, false],
  ['aws: region from --region', { a: '${aws:region}' }, 'ap-south-1', { options: { region: 'ap-south-1' } }],
  [
    'aws: region from provider.region',
    { a: '${aws:region}', provider: { region: 'eu-west-3' } },
    'eu-west-3',
  ],
  ['aws: region defaults to us-east-1', { a: '${aws:region}' }, 'us-east-1'],
  [
    'aws: the account id',
    { a: '${aws:accountId}' },
    '000000000000',
    { accountId: async () => '000000000000' },
  ],
  ['embedded: the result is a string', { a: 'arn:${self:n}:${self:b}', n: 5, b: true }, 'arn:5:true'],
  ['embedded: arrays join with commas', { a: 'x${self:b}', b: [1, 2] }, 'x1,2'],
  ['foreign: ${AWS::Region} stays', { a: '${AWS::Region}-${self:n}', n: 1 }, '${AWS::Region}-1'],
  ['foreign: ${Foo} and ${foo} stay', { a: '${Foo} ${foo} ${a::b}' }, '${Foo} ${foo} ${a::b}'],
  ['foreign: variables inside one still resolve', { a: '${Foo ${self:n}}', n: 1 }, '${Foo 1}'],
  ['escape: \\${ is literal', { a: '\\${self:n}', n: 1 }, '${self:n}'],
  ['escape: \\\\${ halves and resolves', { a: '\\\\${self:n}', n: 1 }, '\\1'],
  [
    'a long-form intrinsic passes untouched',
    { a: { 'Fn::GetAtt': ['Q', 'Arn'] } },
    { 'Fn::GetAtt': ['Q', 'Arn'] },
  ],
  [
    'Fn::Sub keeps its own ${}',
    { a: { 'Fn::Sub': '${AWS::Region}-${self:n}' }, n: 2 },
    { 'Fn::Sub': '${AWS::Region}-2' },
  ],
];

for (const [name, config, expected, extra] of VALUES) {
  test(`resolves ${name}`, async () => {
    const resolved = await resolveConfiguration(config, sources(extra));
    assert.deepEqual(resolved.a, expected);
  });
}

const ERRORS: [string, Record<string, unknown>, string[], Partial<VariableSources>?][] = [
  ['a missing env value', { a: '${env:NOPE}' }, [at('a', 'Value not found at "env" source')]],
  [
    'the last fallback missing',
    { a: '${env:NOPE, self:nope}' },
    [at('a', 'Value not found at "self" source')],
  ],
  ['a missing file', { a: '${file(./nope.yml)}' }, [at('a', 'Value not found at "file" source')]],
  ['self-reference', { a: '${self:a}' }, [at('a', 'Circular reference. "a" refers to itself')]],
  [
    '${self:} inside the configuration',
    { a: '${self:}' },
    [at('a', 'Circular reference. "a" refers to itself')],
  ],
  [
    'a cycle of two',
    { a: '${self:b}', b: '${self:a}' },
    [at('b', 'Circular reference among "b" and "a" properties')],
  ],
  [
    'a cycle of three',
    { a: '${self:b}', b: '${self:c}', c: '${self:a}' },
    [at('c', 'Circular reference among "c" and "b" properties')],
  ],
  [
    'an object inside a string',
    { a: 'x${self:b}', b: { c: 1 } },
    [at('a', 'String value consist of variable which resolve with non-string value')],
  ],
  [
    'an unknown sls address',
    { a: '${sls:foo}' },
    [at('a', 'Unsupported "foo" address argument in variable "sls" source')],
  ],
  [
    'an unknown aws address',
    { a: '${aws:foo}' },
    [at('a', 'Unsupported "foo" address argument in variable "aws" source')],
  ],
  ['env without address', { a: '${env:}' }, [at('a', 'Missing address argument in variable "env" source')]],
  ['file without path', { a: '${file():x}' }, [at('a', 'Missing path argument in variable "file" source')]],
  [
    'strToBool of a non-boolean',
    { a: '${strToBool(yes)}' },
    [at('a', 'Invalid "strToBool" input: Expected either "true", "false", "0", or "1". Received: yes')],
  ],
  [
    'strToBool(0), which the Framework reads as missing',
    { a: '${strToBool(0)}' },
    [at('a', 'Missing "strToBool" input')],
  ],
  [
    'an invalid stage',
    { a: '${sls:stage}' },
    [at('a', 'Invalid stage name. Stage names may contain only ASCII letters, numbers, and hyphens.')],
    { options: { stage: 'a_b' } },
  ],
  [
    'a cf address without output',
    { a: '${cf:stack}' },
    [
      at(
        'a',
        'Unsupported "stack" address argument in variable "cf" source. Expected "<stack-name>.<output-id>" format',
      ),
    ],
    { cfOutput: async () => undefined },
  ],
  [
    'a bad --param',
    { a: '${param:x}' },
    [
      at(
        'a',
        `Encountered invalid "--param" CLI option value: "x". Supported format: "--param='<key>=<val>'"`,
      ),
    ],
    { params: ['x'] },
  ],
  [
    'a nested variable as fallback (syntax)',
    { a: '${opt:x, ${env:Y}}' },
    ['Variable syntax error at "a": Invalid variable source at index 9 in "${opt:x, ${env:Y}}"'],
  ],
  [
    'a bare word as fallback (syntax)',
    { a: '${opt:x, foo}' },
    ['Variable syntax error at "a": Invalid literal source "foo" at index 9 in "${opt:x, foo}"'],
  ],
  [
    'an unterminated variable (syntax)',
    { a: { b: '${self:x' } },
    ['Variable syntax error at "a.b": Missing variable closing bracket in ${self:x'],
  ],
  [
    'every failure at once, a dependent reported through its dependency',
    { a: '${env:NOPE}', b: '${sls:x}', c: '${self:a}' },
    [
      at('a', 'Value not found at "env" source'),
      at('b', 'Unsupported "x" address argument in variable "sls" source'),
    ],
  ],
];

for (const [name, config, expected, extra] of ERRORS) {
  test(`reports ${name}`, async () => {
    assert.deepEqual(await errorsOf(config, extra), expected);
  });
}

test('words the whole error as the Framework does, lines joined by commas', async () => {
  const error = await resolveConfiguration({ a: '${env:NOPE}', b: '${sls:x}' }, sources()).catch(
    (e: Error) => e,
  );
  assert.equal(
    (error as Error).message,
    'Cannot resolve serverless.yml: Variables resolution errored with:\n' +
      `  - ${at('a', 'Value not found at "env" source')},\n` +
      `  - ${at('b', 'Unsupported "x" address argument in variable "sls" source')}`,
  );
});

test('reports sources it does not know, as the Framework does', async () => {
  await assert.rejects(
    resolveConfiguration({ a: '${s3:bucket/key}', b: '${self:a}', c: '${cf:stack.Out}' }, sources()),
    { message: 'Unrecognized configuration variable sources: "s3", "cf"' },
  );
});

test('rejects variableSyntax, a Framework v2 setting', async () => {
  await assert.rejects(
    resolveConfiguration({ provider: { variableSyntax: '\\${{([\\s\\S]+?)}}' } }, sources()),
    {
      message: /"provider\.variableSyntax" is not supported/,
    },
  );
});

test('leaves params of other stages as written, and does not mutate its input', async () => {
  const raw = { params: { prod: { x: '${env:NOPE}' }, qa: { y: '${sls:stage}' } }, a: '${param:y}' };
  const resolved = await resolveConfiguration(raw, sources());
  assert.deepEqual(resolved, { params: { prod: { x: '${env:NOPE}' }, qa: { y: 'qa' } }, a: 'qa' });
  assert.equal(raw.a, '${param:y}');
});

test('cf: reads an output, in the provider region or the one given', async () => {
  const calls: string[] = [];
  const cfOutput = async (stack: string, key: string, region: string) => {
    calls.push(`${stack}/${key}@${region}`);
    return key === 'Missing' ? undefined : `${stack}-${key}`;
  };
  const config = { a: '${cf:net.VpcId}', b: '${cf(eu-west-1):net.Sub}', c: "${cf:net.Missing, 'none'}" };
  const resolved = await resolveConfiguration(
    config,
    sources({ cfOutput, options: { region: 'us-west-2' } }),
  );
  assert.deepEqual([resolved.a, resolved.b, resolved.c], ['net-VpcId', 'net-Sub', 'none']);
  assert.deepEqual(calls.sort(), ['net/Missing@us-west-2', 'net/Sub@eu-west-1', 'net/VpcId@us-west-2']);
});

test('ssm: String, StringList (split unless raw), SecureString JSON, absent', async () => {
  const store: Record<string, { type: string; value: string }> = {
    '/s': { type: 'String', value: 'plain' },
    '/l': { type: 'StringList', value: 'a,b' },
    '/aws/reference/secretsmanager/db': { type: 'SecureString', value: '{"user":"u"}' },
  };
  const ssmParameter = async (name: string) => store[name];
  const config = {
    s: '${ssm:/s}',
    l: '${ssm:/l}',
    raw: '${ssm(raw):/l}',
    region: '${ssm(eu-west-1, raw):/l}',
    secret: '${ssm:/aws/reference/secretsmanager/db}',
    absent: "${ssm:/none, 'd'}",
  };
  const resolved = await resolveConfiguration(config, sources({ ssmParameter }));
  assert.deepEqual(resolved, {
    s: 'plain',
    l: ['a', 'b'],
    raw: 'a,b',
    region: 'a,b',
    secret: { user: 'u' },
    absent: 'd',
  });
});

test('file: YAML, JSON, text, JavaScript values and functions, variables in the path and in the content', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-vars-'));
  mkdirSync(join(dir, 'conf'));
  writeFileSync(
    join(dir, 'conf/qa.yml'),
    'db:\n  host: db.${sls:stage}\n  arn: !GetAtt Db.Arn\nstr: "${self:name}"\n',
  );
  writeFileSync(join(dir, 'conf/s.json'), '{"n": {"m": 5}, "v": "${self:name}"}');
  writeFileSync(join(dir, 'conf/t.txt'), 'text');
  writeFileSync(join(dir, 'package.json'), '{"type": "commonjs"}');
  writeFileSync(
    join(dir, 'v.js'),
    'module.exports = { rate: "r", fn: ({ options }) => options.stage + "!" };',
  );
  writeFileSync(
    join(dir, 'f.js'),
    'module.exports = async ({ resolveVariable }) => ({ s: await resolveVariable("sls:stage"),' +
      ' n: await resolveVariable("env:NOPE, null") });',
  );
  writeFileSync(join(dir, 'esm.mjs'), 'export const value = 7;');
  writeFileSync(join(dir, 'bad.js'), 'module.exports = () => { throw new Error("boom"); };');
  const config = {
    name: 'svc',
    yaml: '${file(./conf/${sls:stage}.yml)}',
    host: '${file(./conf/${opt:stage}.yml):db.host}',
    json: '${file(./conf/s.json):n}',
    jsonVar: '${file(./conf/s.json):v}',
    text: '${file(./conf/t.txt)}',
    js: '${file(./v.js):rate}',
    jsFn: '${file(./v.js):fn}',
    fn: '${file(./f.js)}',
    esm: '${file(./esm.mjs):value}',
  };
  const resolved = await resolveConfiguration(config, sources({ serviceDir: dir }));
  assert.deepEqual(resolved.yaml, {
    db: { host: 'db.qa', arn: { 'Fn::GetAtt': ['Db', 'Arn'] } },
    str: 'svc',
  });
  assert.deepEqual(
    [resolved.host, resolved.json, resolved.jsonVar, resolved.text, resolved.js, resolved.jsFn, resolved.esm],
    ['db.qa', { m: 5 }, 'svc', 'text', 'r', 'qa!', 7],
  );
  assert.deepEqual(resolved.fn, { s: 'qa', n: null });
  const [failure] = await errorsOf({ a: '${file(./bad.js)}' }, { serviceDir: dir });
  assert.match(
    failure,
    /^Cannot resolve variable at "a": Cannot resolve "bad.js": Returned JS function errored with: Error: boom/,
  );
});

test('loadServiceFile: YAML with short tags and merge keys, JSON, modules, and clear refusals', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-load-'));
  writeFileSync(
    join(dir, 'serverless.yml'),
    'service: s\nbase: &base\n  memory: 128\n  timeout: 3\nfn:\n  <<: *base\n  timeout: 6\narn: !GetAtt Q.Arn\n',
  );
  const { path, raw } = await loadServiceFile(dir);
  assert.equal(path, join(dir, 'serverless.yml'));
  assert.deepEqual(raw.fn, { memory: 128, timeout: 6 });
  assert.deepEqual(raw.arn, { 'Fn::GetAtt': ['Q', 'Arn'] });
  writeFileSync(join(dir, 'other.json'), '{"service": "j"}');
  assert.deepEqual((await loadServiceFile(dir, 'other.json')).raw, { service: 'j' });
  writeFileSync(join(dir, 'bad.json'), '{');
  await assert.rejects(loadServiceFile(dir, 'bad.json'), {
    message: /^Cannot parse "bad.json": JSON parse error: /,
  });
  // Modules: the export, or the promise it exports; TypeScript with its types and imports.
  writeFileSync(join(dir, 'memory.ts'), 'export const memory: number = 256;\n');
  writeFileSync(
    join(dir, 'serverless.ts'),
    "import { memory } from './memory';\ninterface Config { service: string; memory: number }\nconst config: Config = { service: 'typed', memory };\nexport default config;\n",
  );
  assert.deepEqual((await loadServiceFile(dir, 'serverless.ts')).raw, { service: 'typed', memory: 256 });
  writeFileSync(join(dir, 'serverless.js'), "module.exports = Promise.resolve({ service: 'deferred' });\n");
  assert.deepEqual((await loadServiceFile(dir, 'serverless.js')).raw, { service: 'deferred' });
  writeFileSync(join(dir, 'serverless.js'), "module.exports = { service: 'edited' };\n");
  assert.deepEqual((await loadServiceFile(dir, 'serverless.js')).raw, { service: 'edited' });
  writeFileSync(join(dir, 'serverless.mjs'), "export default { service: 'esm' };\n");
  assert.deepEqual((await loadServiceFile(dir, 'serverless.mjs')).raw, { service: 'esm' });
  writeFileSync(join(dir, 'broken.js'), "throw new Error('boom');\n");
  await assert.rejects(loadServiceFile(dir, 'broken.js'), {
    message: /^Cannot load "broken.js": Initialization error: Error: boom/,
  });
  writeFileSync(join(dir, 'list.js'), 'module.exports = [];\n');
  await assert.rejects(loadServiceFile(dir, 'list.js'), {
    message: 'Invalid configuration at "list.js": Plain object expected',
  });
  await assert.rejects(loadServiceFile(dir, 'absent.yml'), {
    message: 'Cannot parse "absent.yml": File not found',
  });
  await assert.rejects(
    loadServiceFile(mkdtempSync(join(tmpdir(), 'nimbus-empty-'))),
    ServerlessVariableError,
  );
});

const require = createRequire(import.meta.url);
const oslsDir = join(root, 'node_modules/osls');

test('parses as osls does, over realistic and generated strings', {
  skip: !existsSync(oslsDir) && 'osls is not installed',
}, () => {
  const oslsParse = require(join(oslsDir, 'lib/configuration/variables/parse.js')) as (
    text: string,
  ) => unknown;
  const atoms = [
    '${',
    '}',
    '$',
    '\\',
    ':',
    '(',
    ')',
    ',',
    ' ',
    "'",
    '"',
    'self',
    'env:A',
    'X',
    'AWS::R',
    "'dev'",
    '1',
    'null',
    '.',
    'file(./a.yml)',
  ];
  let seed = 42;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed % n;
  };
  const corpus = [
    '${file(./a.${opt:stage}.yml):x.${self:y}, "d"}',
    '${AWS::Region}-${self:a}',
    '\\\\$${x:y}',
    '$${a:b}',
  ];
  for (let i = 0; i < 20_000; i++) {
    let text = next(2) ? '${' : '';
    for (let j = 1 + next(10); j > 0; j--) text += atoms[next(atoms.length)];
    corpus.push(text);
  }
  for (const text of corpus) {
    assert.equal(
      outcome(() => toOsls(text, parseVariables(text))),
      outcome(() => oslsParse(text)),
      text,
    );
  }
});

/** Our parse in osls's shape: escapes are `{ start, end, value }`; a whole-value variable has no start/end. */
function toOsls(text: string, parts: Part[] | null): unknown {
  if (!parts) return null;
  const shaped = parts.map((part) =>
    part.kind === 'escape'
      ? { start: part.start, end: part.end, value: part.text }
      : { start: part.start, end: part.end, sources: part.sources.map(sourceToOsls) },
  );
  const [first] = shaped;
  if (shaped.length === 1 && 'sources' in first && first.start === 0 && first.end === text.length) {
    return [{ sources: first.sources }];
  }
  return shaped;
}

function sourceToOsls(source: Source): unknown {
  if (source.kind === 'literal') return { value: source.value };
  const meta = (m: { value: unknown; parts?: Part[] }) =>
    m.parts ? { value: m.value, variables: toOsls(String(m.value), m.parts) } : { value: m.value };
  return {
    type: source.type,
    ...(source.params ? { params: source.params.map(meta) } : {}),
    ...(source.address ? { address: meta(source.address) } : {}),
  };
}

function outcome(run: () => unknown): string {
  try {
    return JSON.stringify(run());
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

const oslsBin = join(root, 'node_modules/.bin/osls');
const ORACLE_ENV = { NIMBUS_TEST_VALUE: 'val', NIMBUS_TEST_EMPTY: '', NIMBUS_TEST_FLAG: '1' };

for (const fixture of ['basic', 'files', 'errors']) {
  test(`matches osls print for fixtures/variables/${fixture}`, {
    skip: !existsSync(oslsBin) && 'osls is not installed',
  }, async (t) => {
    const dir = join(fixtures, fixture);
    const env = {
      PATH: process.env.PATH,
      HOME: tmpdir(),
      SLS_TELEMETRY_DISABLED: '1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      ...ORACLE_ENV,
    };
    const printed = await promisify(execFile)(oslsBin, ['print', '--stage', 'qa', '--format', 'json'], {
      cwd: dir,
      env,
      timeout: 60_000,
    })
      .then(({ stdout }) => ({ ok: true, out: stdout }))
      .catch((error: { stdout?: string; stderr?: string; code?: unknown }) => ({
        ok: false,
        out: `${error.stdout ?? ''}${error.stderr ?? ''}`,
        code: error.code,
      }));
    if (!printed.ok && !/Error:/.test(printed.out)) {
      t.skip(`osls print cannot run here: ${printed.out.slice(0, 200)}`);
      return;
    }
    const { raw } = await loadServiceFile(dir);
    const ours = resolveConfiguration(raw, {
      options: { stage: 'qa' },
      env: ORACLE_ENV,
      serviceDir: dir,
      instanceId: 'i',
    });
    if (!printed.ok) {
      const error = await ours.then(
        () => assert.fail('resolved, but osls failed'),
        (e: Error) => e,
      );
      assert.ok(
        printed.out.includes(error.message),
        `osls said:\n${printed.out}\nwe said:\n${error.message}`,
      );
      return;
    }
    const theirs = JSON.parse(printed.out) as Record<string, unknown>;
    const resolved = await ours;
    // osls print shows the configuration after its schema normalisation (provider defaults), so compare the rest.
    for (const key of ['service', 'custom', 'params']) assert.deepEqual(resolved[key], theirs[key], key);
  });
}
