// Jest hooks for the browser suites (the screenshot script imports LibraryBrowser outside Jest, so they live here).
import type { Browser, Page } from 'playwright-core';
import { RunningSimulator, startSimulator } from '../../src/index';
import { HAS_CHROMIUM, launchChromium } from './LibraryBrowser';

/** `describe` where Chromium is installed, else `describe.skip` with one warning saying how to install it. */
export const describeBrowser: jest.Describe = HAS_CHROMIUM
  ? describe
  : (() => {
      // eslint-disable-next-line no-console
      console.warn('Browser tests skipped: /usr/bin/chromium is not installed (apt-get install -y chromium).');
      return describe.skip;
    })();

export interface ChromiumSuite {
  /** The simulator the file's tests share (demo company). */
  readonly running: RunningSimulator;
  readonly browser: Browser;
}

/**
 * The hooks every browser suite needs: one simulator and one Chromium for the
 * file, a fresh page per test (closed after it). `beforeEach` runs before the
 * page opens (a reset), `onPage` hands the new page to the suite.
 */
export function chromiumSuite(options: {
  viewport: { width: number; height: number };
  timeoutMs: number;
  acceptDownloads?: boolean;
  beforeEach?: (running: RunningSimulator) => Promise<unknown>;
  afterEach?: (running: RunningSimulator) => Promise<unknown>;
  onPage?: (page: Page, running: RunningSimulator) => void;
}): ChromiumSuite {
  const suite = {} as { running: RunningSimulator; browser: Browser };
  let page: Page | undefined;
  beforeAll(async () => {
    suite.running = await startSimulator();
    suite.browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.running?.stop();
  });
  beforeEach(async () => {
    await options.beforeEach?.(suite.running);
    page = await suite.browser.newPage({ viewport: options.viewport, acceptDownloads: options.acceptDownloads });
    page.setDefaultTimeout(options.timeoutMs);
    options.onPage?.(page, suite.running);
  });
  afterEach(async () => {
    await page?.close();
    await options.afterEach?.(suite.running);
  });
  return suite;
}
