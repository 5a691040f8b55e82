// A Nimbus bound beyond loopback (0.0.0.0) serves /_nimbus/ only with the console token it prints at
// start: without it the page, the graph API, reset and the clock answer 401; the health check stays open;
// `/_nimbus/?token=` trades the token for a cookie, with which the console works in a browser.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Cloud, startCloud } from '../../src/index.js';
import { type Browser, browserSkip, openBrowser } from './browser.js';

describe('the console token beyond loopback', () => {
  let cloud: Cloud;
  let loopback: Cloud;
  const html = { accept: 'text/html' };

  before(async () => {
    cloud = await startCloud({ port: 0, host: '0.0.0.0', inMemory: true, log: () => {} });
    loopback = await startCloud({ port: 0, inMemory: true, log: () => {} });
  });
  after(async () => {
    await cloud.stop();
    await loopback.stop();
  });

  it('refuses /_nimbus/ without the token, and takes it as a header', async () => {
    assert.match(cloud.consoleToken ?? '', /^[A-Za-z0-9_-]{24}$/);
    for (const [method, path] of [
      ['GET', '/_nimbus/'],
      ['GET', '/_nimbus/assets/app.js'],
      ['GET', '/_nimbus/console/graph'],
      ['POST', '/_nimbus/reset'],
      ['POST', '/_nimbus/clock'],
      ['GET', '/_nimbus/clock'],
    ]) {
      const refused = await fetch(`${cloud.endpoint}${path}`, { method, headers: html });
      assert.equal(refused.status, 401, `${method} ${path}`);
      const wrong = await fetch(`${cloud.endpoint}${path}`, {
        method,
        headers: { 'x-nimbus-token': 'guess' },
      });
      assert.equal(wrong.status, 401, `${method} ${path} with a wrong token`);
    }
    const health = await fetch(`${cloud.endpoint}/_nimbus/health`);
    assert.equal(health.status, 200);
    const clock = await fetch(`${cloud.endpoint}/_nimbus/clock`, {
      headers: { 'x-nimbus-token': cloud.consoleToken! },
    });
    assert.equal(clock.status, 200);
  });

  it('trades ?token= for an HttpOnly cookie scoped to /_nimbus', async () => {
    const visit = await fetch(`${cloud.endpoint}/_nimbus/?token=${cloud.consoleToken}`, {
      headers: html,
      redirect: 'manual',
    });
    assert.equal(visit.status, 303);
    assert.equal(visit.headers.get('location'), '/_nimbus/');
    const cookie = visit.headers.get('set-cookie') ?? '';
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.match(cookie, /Path=\/_nimbus/);
    const page = await fetch(`${cloud.endpoint}/_nimbus/`, {
      headers: { ...html, cookie: cookie.split(';')[0]! },
    });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>Nimbus console<\/title>/);
    const bad = await fetch(`${cloud.endpoint}/_nimbus/?token=nope`, { headers: html, redirect: 'manual' });
    assert.equal(bad.status, 401);
  });

  it('asks no token on loopback', async () => {
    assert.equal(loopback.consoleToken, undefined);
    assert.equal((await fetch(`${loopback.endpoint}/_nimbus/`, { headers: html })).status, 200);
  });

  it('opens in a browser through the printed link', { skip: browserSkip }, async () => {
    let browser: Browser | undefined;
    try {
      browser = await openBrowser();
      await browser.page.goto(`${cloud.endpoint}/_nimbus/?token=${cloud.consoleToken}`);
      await browser.page.getByRole('heading', { name: 'Architecture map' }).waitFor();
      await browser.page
        .getByTestId('map-summary')
        .or(browser.page.getByText('Nothing here yet'))
        .first()
        .waitFor();
      assert.doesNotMatch(browser.page.url(), /token=/);
    } finally {
      await browser?.close();
    }
  });
});
