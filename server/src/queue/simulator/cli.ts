import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { simulate } from './driver.ts';
import { parseTrace, TraceError } from './trace.ts';

/**
 * `npm run simulate -- --trace FILE.jsonl`: replays the trace and prints one JSON object of
 * metrics. Exit codes: 0 done, 2 bad arguments or a bad trace line (reported with its number).
 */
function main(argv: readonly string[]): number {
  let tracePath: string | undefined;
  try {
    ({
      values: { trace: tracePath },
    } = parseArgs({
      args: [...argv],
      options: { trace: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`simulate: ${(error as Error).message}\n`);
    return 2;
  }
  if (!tracePath) {
    process.stderr.write('usage: npm run simulate -- --trace FILE.jsonl\n');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(tracePath, 'utf8');
  } catch (error) {
    process.stderr.write(`simulate: cannot read ${tracePath}: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    const { report } = simulate(parseTrace(text));
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof TraceError) {
      process.stderr.write(`simulate: ${tracePath}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
