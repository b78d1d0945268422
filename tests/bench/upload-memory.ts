/**
 * How much memory anonymous uploads cost the server: 30 concurrent 15 MB PUTs to the capture
 * route and 30 to the document route, none with a credential, over real HTTPS. The server runs in
 * this process, so its resident set size is ours; it is sampled every 20 ms and its peak printed
 * with the figure before the uploads and every status code received, as one JSON line.
 */
import { execFile } from 'node:child_process';
import { request } from 'node:https';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestServer } from '../support/test-server.ts';

const uploads = Number(process.env.BENCH_UPLOADS ?? 30);
/** `captures`, `documents` or both (the default). */
const routes = process.env.BENCH_ROUTES ?? 'both';
const bodyBytes = 15 * 1024 * 1024;
const body = Buffer.alloc(bodyBytes, 0x89);

function put(url: string, path: string): Promise<number> {
  return new Promise((resolve) => {
    const target = new URL(path, url);
    const outgoing = request(
      target,
      {
        method: path.startsWith('/api/captures/') ? 'PUT' : 'POST',
        rejectUnauthorized: false,
        headers: { 'content-type': 'image/png', 'content-length': String(bodyBytes) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    // The server may answer and close before the body is sent: that is the point.
    outgoing.on('error', () => resolve(-1));
    outgoing.end(body);
  });
}

if (process.env.BENCH_ROLE === 'client') {
  const url = process.argv[2]!;
  const id = '00000000-0000-4000-8000-000000000000';
  const statuses = await Promise.all([
    ...(routes === 'documents' ? [] : Array.from({ length: uploads }, () => put(url, `/api/captures/${id}`))),
    ...(routes === 'captures'
      ? []
      : Array.from({ length: uploads }, () => put(url, `/api/consultations/${id}/documents`))),
  ]);
  process.stdout.write(JSON.stringify(statuses));
  process.exit(0);
}

const server = await startTestServer();
try {
  global.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [fileURLToPath(import.meta.url), server.url],
    {
      env: { ...process.env, BENCH_ROLE: 'client' },
      maxBuffer: 1024 * 1024,
    },
  );
  const statuses = JSON.parse(stdout) as number[];
  clearInterval(sampler);
  const counts: Record<string, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  process.stdout.write(
    `${JSON.stringify({ routes, uploads: statuses.length, bodyMB: 15, rssBeforeMB: mb(rssBefore), rssPeakMB: mb(peak), growthMB: mb(peak - rssBefore), statuses: counts })}\n`,
  );
} finally {
  await server.close();
}
