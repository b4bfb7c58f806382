#!/usr/bin/env node
// `npm test`: every test, in order — unit and fixture-build tests, browser tests against the
// built default site, then the benchmark at a small N as a smoke test (no timing assertions).
import { spawnSync } from 'node:child_process';

const steps = [
  ['unit and build tests', ['npx', 'vitest', 'run']],
  ['browser tests', ['npx', 'vitest', 'run', '--config', 'tests/browser/vitest.config.ts']],
  ['benchmark smoke run', ['node', 'scripts/bench.mjs', '--smoke']],
];

let failed = 0;
let passed = 0;
for (const [name, cmd] of steps) {
  console.log(`\n=== ${name}: ${cmd.join(' ')}`);
  const r = spawnSync(cmd[0], cmd.slice(1), { stdio: 'inherit', env: process.env });
  if (r.status === 0) passed++;
  else {
    failed++;
    console.log(`=== ${name} FAILED (exit ${r.status ?? r.signal})`);
  }
}
console.log(`\nTest steps: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
