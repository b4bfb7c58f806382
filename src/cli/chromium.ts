/**
 * A headless Chromium for `groundwork pdf`, with no download step: $GROUNDWORK_CHROMIUM if set,
 * else the system's /usr/bin/chromium, else the Chromium packaged in the npm package
 * @sparticuz/chromium (unpacked to the temp folder on first use).
 * (The browser tests have the same logic in tests/browser/browser.ts.)
 */
import { existsSync } from 'node:fs';
import { chromium as playwright, type Browser } from 'playwright-core';

const BASE_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
/** Flags of @sparticuz/chromium's set that would weaken the page's security, or that ours replace. */
const DROPPED = [/^--disable-web-security$/, /^--allow-running-insecure-content$/, /^--headless/];

export async function launchChromium(): Promise<Browser> {
  let executablePath: string;
  let args = [...BASE_ARGS];
  const fromEnv = process.env.GROUNDWORK_CHROMIUM;
  const system = SYSTEM_CHROMIUM.find((p) => existsSync(p));
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`GROUNDWORK_CHROMIUM is set to ${fromEnv}, which does not exist`);
    executablePath = fromEnv;
  } else if (system) {
    executablePath = system;
  } else {
    const { default: sparticuz } = await import('@sparticuz/chromium');
    // WebGL is not needed, and without it the SwiftShader libraries are not unpacked.
    sparticuz.setGraphicsMode = false;
    executablePath = await sparticuz.executablePath();
    args = [...new Set([...args, ...sparticuz.args.filter((a) => !DROPPED.some((re) => re.test(a)))])];
  }
  return playwright.launch({ executablePath, headless: true, args, timeout: 60_000 });
}
