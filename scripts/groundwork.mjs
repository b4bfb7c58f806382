#!/usr/bin/env node
// Entry point of the Groundwork CLI. It loads Groundwork's TypeScript source with
// src/import-source.mjs (tsx inside node_modules). In this repository npm scripts run it on the Node
// the project installs.
const major = Number(process.versions.node.split('.')[0]);
const minor = Number(process.versions.node.split('.')[1]);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`Groundwork needs Node 22.12 or newer (this is ${process.version}). Run it through npm (npm run check / npm run build): a project that depends on the npm package \`node\` runs on the Node it installs.`);
  process.exit(2);
}
// Compiled code (TypeScript included, once stripped) is cached between runs: a second `check`
// starts several times faster.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
const { importSource } = await import('../src/import-source.mjs');
const cli = await importSource('../src/cli/main.ts', import.meta.url);
try {
  process.exitCode = await cli.main(process.argv.slice(2));
} catch (error) {
  console.error(`Groundwork stopped on an internal error: ${error?.message ?? error}`);
  console.error('This is a bug in Groundwork, not in your content. Please report it with the command you ran.');
  if (process.env.GROUNDWORK_DEBUG) console.error(error);
  process.exitCode = 3;
}
