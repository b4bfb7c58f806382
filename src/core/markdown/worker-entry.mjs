// Starts a parsing thread: worker.ts, loaded as the package's entry points load Groundwork's
// TypeScript (through tsx inside node_modules).
import { importSource } from '../../import-source.mjs';

await importSource('./worker.ts', import.meta.url);
