// The package's entry point: Groundwork's TypeScript source, loaded by Node (through tsx where
// Node will not strip types, inside node_modules: src/import-source.mjs).
import { importSource } from './src/import-source.mjs';

const mod = await importSource('./src/index.ts', import.meta.url);
export default mod.default;
// Every value src/index.ts exports (tests/unit/project/package-entry.test.ts compares the two).
export const { groundwork, defineKind, vocabularyField } = mod;
