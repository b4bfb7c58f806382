// Import one of Groundwork's TypeScript modules. Node runs TypeScript directly, except inside
// node_modules (an installed Groundwork), where it refuses to: there the source is loaded
// through tsx. Used by the package's entry point (index.mjs), the CLI (scripts/groundwork.mjs)
// and the parsing threads (core/markdown/worker-entry.mjs).
export async function importSource(specifier, parentURL) {
  const url = new URL(specifier, parentURL).href;
  try {
    return await import(url);
  } catch (error) {
    if (error?.code !== 'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING') throw error;
    const { tsImport } = await import('tsx/esm/api');
    return tsImport(url, parentURL);
  }
}
