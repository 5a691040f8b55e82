// Space-delimited filter patterns, compiled directly: fields split at spaces with quoted and bracketed text
// kept whole, `...`, conditions on numbers, wildcards and regular expressions, `&&`/`||`, the fields a
// match names, and AWS's answers to patterns that do not parse.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePattern } from '../../src/services/cloudwatch-logs/filter-pattern.js';

// The Apache common log line of AWS's examples.
const LINE = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 404 1534';
const extract = (pattern: string, message = LINE) => compilePattern(pattern).extract?.(message);

describe('space-delimited filter patterns', () => {
  it('names every field, keeping bracketed and quoted text as one field', () => {
    assert.deepEqual(extract('[ip, user, username, timestamp, request, status_code, bytes]'), {
      ip: '127.0.0.1',
      user: '-',
      username: 'frank',
      timestamp: '10/Oct/2000:13:25:15 -0700',
      request: 'GET /apache_pb.gif HTTP/1.0',
      status_code: '404',
      bytes: '1534',
    });
  });

  it('needs as many fields as the pattern names, unless an ellipsis stands for the rest', () => {
    assert.equal(extract('[ip, user, username]'), undefined);
    assert.deepEqual(extract('[ip, ...]'), { ip: '127.0.0.1' });
    assert.deepEqual(extract('[..., status_code, bytes]'), { status_code: '404', bytes: '1534' });
    assert.deepEqual(extract('[ip, ..., bytes]'), { ip: '127.0.0.1', bytes: '1534' });
  });

  it('compares numbers, wildcards and regular expressions, joined by && and ||', () => {
    const matches = (pattern: string) => compilePattern(pattern).matches(LINE);
    assert.equal(matches('[..., status_code = 404, bytes]'), true);
    assert.equal(matches('[..., status_code = 4*, bytes]'), true);
    assert.equal(matches('[..., status_code = 5*, bytes]'), false);
    assert.equal(matches('[..., status_code != 200, bytes > 1000]'), true);
    assert.equal(matches('[..., status_code, bytes >= 1535]'), false);
    assert.equal(matches('[ip, user, username, timestamp, request = *gif*, ...]'), true);
    assert.equal(matches('[ip = %^127\\.0\\.0\\.[0-9]+$%, ...]'), true);
    assert.equal(matches('[..., status_code = 500 || status_code = 404, bytes]'), true);
    assert.equal(matches('[..., status_code = 404 && status_code = 4*, bytes < 10]'), false);
    // A text field never satisfies a numeric comparison.
    assert.equal(matches('[ip, user, username > 1, ...]'), false);
  });

  it('answers a pattern that does not parse as AWS does', () => {
    const refusal = (pattern: string) => {
      try {
        compilePattern(pattern);
      } catch (error) {
        return `${(error as { code?: string }).code}: ${(error as Error).message}`;
      }
      return 'accepted';
    };
    assert.equal(
      refusal('[ip, user'),
      "InvalidParameterException: If a filter pattern starts with '[' it must end with ']'",
    );
    assert.equal(
      refusal('{ $.level = "ERROR"'),
      "InvalidParameterException: If a filter pattern starts with '{' it must end with '}'",
    );
    for (const bad of ['[ip, , user]', '[ip, ip]', '[ip = ]', '[..., bytes > big]', '[]', '{ $.a = }'])
      assert.equal(refusal(bad), 'InvalidParameterException: Invalid filter pattern', bad);
  });
});
