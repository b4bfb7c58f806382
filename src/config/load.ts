/**
 * Read and validate `groundwork.config.yaml`, the handbook profile, with every problem at the
 * key it concerns. The file is optional: all fields have defaults.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { problem, type Position, type Problem } from '../core/problems.ts';
import { errorMap, formatPath } from '../core/zod-issues.ts';
import { nearest } from '../core/did-you-mean.ts';
import { yamlPaths } from '../core/yaml-paths.ts';
import { configSchema, type GroundworkConfig } from './schema.ts';

export const CONFIG_FILE = 'groundwork.config.yaml';

export interface LoadedConfig {
  config: GroundworkConfig;
  problems: Problem[];
  /** Where a key path is written in the profile (line 1 when absent or no file). */
  positionOf(path: (string | number)[]): Position;
}

const DEFAULTS = (): GroundworkConfig => configSchema.parse({});

export function loadConfig(root: string): LoadedConfig {
  const path = join(root, CONFIG_FILE);
  if (!existsSync(path)) return { config: DEFAULTS(), problems: [], positionOf: () => ({ line: 1, column: 1 }) };
  const text = readFileSync(path, 'utf8');
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const toPos = (offset: number): Position => {
    const p = counter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const { positionOf } = yamlPaths(doc, toPos, { line: 1, column: 1 });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    return {
      config: DEFAULTS(),
      positionOf,
      problems: [problem(CONFIG_FILE, toPos(e.pos[0]), 'error', 'config/invalid-yaml', `the handbook profile is not valid YAML: ${e.message.split('\n')[0]}`, 'check indentation and quoting')],
    };
  }
  const parsed = configSchema.safeParse(doc.toJS() ?? {}, { error: errorMap });
  if (parsed.success) return { config: parsed.data, problems: [], positionOf };
  const problems = parsed.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0]!;
      const allowed = issue.path.length === 0 ? Object.keys(configSchema.shape) : [];
      const guess = nearest(key, allowed);
      return problem(
        CONFIG_FILE,
        positionOf([...(issue.path as (string | number)[]), key]),
        'error',
        'config/invalid-field',
        `unknown field \`${formatPath([...issue.path, key])}\` in the handbook profile`,
        `${guess ? `did you mean \`${guess}\`? ` : ''}see docs/agency.md for the profile's fields`,
      );
    }
    return problem(CONFIG_FILE, positionOf(issue.path as (string | number)[]), 'error', 'config/invalid-field', `field \`${formatPath(issue.path) || '(root)'}\` ${issue.message}`, 'see docs/agency.md for the handbook profile fields');
  });
  return { config: DEFAULTS(), problems, positionOf };
}
