// The package's entry point. Node runs Groundwork's TypeScript directly, except inside
// node_modules (an installed Groundwork), where it refuses to: there the source is loaded
// through tsx.
let mod;
try {
  mod = await import('./src/index.ts');
} catch (error) {
  if (error?.code !== 'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING') throw error;
  const { tsImport } = await import('tsx/esm/api');
  mod = await tsImport('./src/index.ts', import.meta.url);
}
export default mod.default;
export const { groundwork, defineKind } = mod;
