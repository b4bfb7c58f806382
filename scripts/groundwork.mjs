#!/usr/bin/env node
// Entry point of the Groundwork CLI. Node runs Groundwork's TypeScript directly, except inside
// node_modules (an installed Groundwork), where it refuses to: there the source is loaded
// through tsx. In this repository npm scripts run it on the Node the project installs.
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
let cli;
try {
  cli = await import('../src/cli/main.ts');
} catch (error) {
  if (error?.code !== 'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING') throw error;
  const { tsImport } = await import('tsx/esm/api');
  cli = await tsImport('../src/cli/main.ts', import.meta.url);
}
try {
  process.exitCode = await cli.main(process.argv.slice(2));
} catch (error) {
  console.error(`Groundwork stopped on an internal error: ${error?.message ?? error}`);
  console.error('This is a bug in Groundwork, not in your content. Please report it with the command you ran.');
  if (process.env.GROUNDWORK_DEBUG) console.error(error);
  process.exitCode = 3;
}
