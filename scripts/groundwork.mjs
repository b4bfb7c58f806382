#!/usr/bin/env node
// Entry point of the Groundwork CLI. Runs on the Node the project provides (node_modules/.bin/node
// via npm scripts), which runs TypeScript directly.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`Groundwork needs Node 22.12 or newer (this is ${process.version}). Run it through npm (npm run check / npm run build), which uses the Node the project installs.`);
  process.exit(2);
}
const { main } = await import('../src/cli/main.ts');
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(`Groundwork stopped on an internal error: ${error?.message ?? error}`);
  console.error('This is a bug in Groundwork, not in your content. Please report it with the command you ran.');
  if (process.env.GROUNDWORK_DEBUG) console.error(error);
  process.exitCode = 3;
}
