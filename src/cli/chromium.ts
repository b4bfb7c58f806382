/**
 * Launching a headless Chromium without a download step: the system's /usr/bin/chromium if
 * there is one, else the Chromium packaged in the npm package @sparticuz/chromium (unpacked to
 * the temp dir on first use); $GROUNDWORK_CHROMIUM overrides both. Used by `groundwork pdf` and
 * by the browser tests.
 */
import { existsSync } from 'node:fs';
import { chromium as playwright, type Browser, type LaunchOptions } from 'playwright-core';

/** Flags every launch uses: headless, no sandbox (containers, root) and no background traffic. */
export const BASE_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/**
 * Flags of @sparticuz/chromium's recommended set (made for AWS Lambda) left out: those that would
 * weaken what a test observes (same-origin policy, mixed content), its own headless mode (ours
 * replaces it), and --single-process, with which closing a browser context kills the browser.
 */
const DROPPED = [/^--disable-web-security$/, /^--allow-running-insecure-content$/, /^--headless/, /^--single-process$/];

export const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export interface ChromiumExecutable {
  executablePath: string;
  args: string[];
  source: 'system' | '@sparticuz/chromium';
}

/** Where the Chromium is, and the flags to start it with. */
export async function findChromium(): Promise<ChromiumExecutable> {
  const fromEnv = process.env.GROUNDWORK_CHROMIUM;
  if (fromEnv && existsSync(fromEnv)) return { executablePath: fromEnv, args: [...BASE_ARGS], source: 'system' };
  const system = SYSTEM_CHROMIUM.find((p) => existsSync(p));
  if (system) return { executablePath: system, args: [...BASE_ARGS], source: 'system' };
  let sparticuz: typeof import('@sparticuz/chromium').default;
  try {
    sparticuz = (await import('@sparticuz/chromium')).default;
  } catch {
    throw new Error('no Chromium to print with: install one (e.g. `apt install chromium`), set GROUNDWORK_CHROMIUM to its path, or add the npm package @sparticuz/chromium to the project');
  }
  // WebGL is not needed, and without it the SwiftShader libraries are not unpacked.
  sparticuz.setGraphicsMode = false;
  const executablePath = await sparticuz.executablePath();
  const extra = sparticuz.args.filter((a) => !DROPPED.some((re) => re.test(a)));
  return { executablePath, args: [...new Set([...BASE_ARGS, ...extra])], source: '@sparticuz/chromium' };
}

/** Start a headless Chromium through playwright-core. */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const { executablePath, args } = await findChromium();
  return playwright.launch({
    executablePath,
    headless: true,
    args: [...args, ...(options.args ?? [])],
    timeout: 60_000,
    ...Object.fromEntries(Object.entries(options).filter(([k]) => k !== 'args')),
  });
}
