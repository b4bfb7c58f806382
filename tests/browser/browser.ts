// The browser tests start Chromium the same way `groundwork pdf` does.
export * from '../../src/cli/chromium.ts';
