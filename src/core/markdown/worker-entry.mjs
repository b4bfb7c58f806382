// Starts a parsing thread. Node runs the TypeScript source directly, except inside node_modules
// (an installed Groundwork), where it refuses to: there the thread loads tsx first, as the
// package's entry points do.
try {
  await import('./worker.ts');
} catch (error) {
  if (error?.code !== 'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING') throw error;
  const { register } = await import('tsx/esm/api');
  register();
  await import('./worker.ts');
}
