// The browser tests serve the built site with the same static server as `groundwork pdf`.
export * from '../../src/cli/serve.ts';
