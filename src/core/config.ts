import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';
import { configSchema, type GroundworkConfig } from '../schemas/config.ts';
import { problem, type Problem } from './problems.ts';

export const CONFIG_FILE = 'groundwork.config.yaml';

/** Read and validate `groundwork.config.yaml` (all fields have defaults; the file is optional). */
export function loadConfig(root: string): { config: GroundworkConfig; problems: Problem[] } {
  const path = join(root, CONFIG_FILE);
  if (!existsSync(path)) return { config: configSchema.parse({}), problems: [] };
  const text = readFileSync(path, 'utf8');
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const p = counter.linePos(e.pos[0]);
    return { config: configSchema.parse({}), problems: [problem(CONFIG_FILE, { line: p.line, column: p.col }, 'error', 'config/invalid-yaml', `the handbook profile is not valid YAML: ${e.message.split('\n')[0]}`, 'check indentation and quoting')] };
  }
  const parsed = configSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return { config: parsed.data, problems: [] };
  const problems = parsed.error.issues.map((issue) => {
    let node: unknown = doc.contents;
    let at = { line: 1, column: 1 };
    for (const seg of issue.path) {
      if (!isMap(node)) break;
      const pair = node.items.find((i) => isScalar(i.key) && String(i.key.value) === String(seg));
      if (!pair) break;
      const off = (pair.key as { range?: number[] }).range?.[0];
      if (off !== undefined) {
        const p = counter.linePos(off);
        at = { line: p.line, column: p.col };
      }
      node = pair.value;
    }
    return problem(CONFIG_FILE, at, 'error', 'config/invalid-field', `field \`${issue.path.join('.') || '(root)'}\` ${issue.message}`, 'see docs/agency.md for the handbook profile fields');
  });
  return { config: configSchema.parse({}), problems };
}
