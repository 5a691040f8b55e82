// Headless Chromium for the console's browser tests: Debian's `chromium` driven by playwright-core, with
// a fresh profile per test file and screenshots kept as artefacts in a temporary folder.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.NIMBUS_CHROMIUM ?? '/usr/bin/chromium';

/** Why the browser tests skip, or false when Chromium is here. */
export const browserSkip: string | false = existsSync(CHROMIUM)
  ? false
  : `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium): console browser tests skipped`;

if (browserSkip) process.stderr.write(`${browserSkip}\n`);

/** Where screenshots go: NIMBUS_SCREENSHOTS or a temporary folder (printed once). */
export const SCREENSHOTS = process.env.NIMBUS_SCREENSHOTS ?? join(tmpdir(), 'nimbus-console-screenshots');

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Saves a full-page screenshot named `name.png` into SCREENSHOTS. */
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openBrowser(
  options: { dark?: boolean; width?: number; height?: number; bypassCSP?: boolean } = {},
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'nimbus-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.dark ? 'dark' : 'light',
    bypassCSP: options.bypassCSP ?? false,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    page,
    async shot(name) {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Collects what would show that the page broke: uncaught errors and console errors. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // A failed request is reported below with what it was.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${message.text()}`);
    }
  });
  page.on('response', async (response) => {
    if (response.status() < 400) return;
    const request = response.request();
    const target = (await request.allHeaders())['x-amz-target'] ?? '';
    errors.push(
      `${response.status()} ${request.method()} ${response.url()} ${target} ${await response.text().catch(() => '')}`,
    );
  });
  return errors;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: number;
}

/** axe-core's WCAG 2.1 A/AA check of the page as it stands: the serious and critical violations.
 * Evaluated over the DevTools protocol, so the page's Content-Security-Policy does not block it. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            options: object,
          ): Promise<{ violations: { id: string; impact: string; help: string; nodes: unknown[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
