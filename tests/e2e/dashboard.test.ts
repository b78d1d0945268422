import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiReportSchema } from '@madoguchi/shared';
import type { LaunchedBrowser } from '../support/browser.ts';
import { startConsoleInBrowser, type ConsoleInBrowser } from '../support/console-browser.ts';
import { logIn, openPage } from '../support/call-flow.ts';
import { testPassword } from '../support/identities.ts';

const artifacts = path.resolve(import.meta.dirname, '../../test-results');

describe('the supervisors’ dashboard and the national KPI report on demo data (Chromium)', () => {
  let chromium: LaunchedBrowser;
  let origin: string;
  let setup: ConsoleInBrowser | undefined;

  beforeAll(async () => {
    // Demo mode fills last month and this one with demo records on first start.
    setup = await startConsoleInBrowser(
      { staffId: 'sato', displayName: '佐藤 監督者', role: 'supervisor' },
      { DEMO: 'true' },
    );
    ({ chromium, origin } = setup);
  });

  afterAll(async () => {
    await setup?.close();
  });

  it('shows last month’s figures with charts, exports CSV and prints the national report', async () => {
    const { context, page } = await openPage(chromium.browser, `${origin}/console/`);
    await logIn(page, 'sato', testPassword);
    await page.getByTestId('supervisor-screen').waitFor();
    await page.getByTestId('dashboard-open').click();
    await page.getByTestId('dashboard-screen').waitFor();
    await page.getByTestId('dashboard-demo').check();
    await page.getByRole('button', { name: /先月|Last month/ }).click();
    const consultations = page.getByTestId('dashboard-tile-consultations');
    await page.waitForFunction(() =>
      /\d/.test(document.querySelector('[data-testid=dashboard-tile-consultations]')?.textContent ?? ''),
    );
    expect(await consultations.textContent()).toMatch(/\d{3,}/);
    await page.locator('[data-testid^=dashboard-row-]').first().waitFor();
    expect(await page.locator('[data-testid^=dashboard-chart-] canvas').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: path.join(artifacts, 'console-dashboard.png'), fullPage: true });

    // The CSV the link offers is the same table the server computes.
    const href = await page.getByTestId('dashboard-csv').getAttribute('href');
    const { firstBytes, csv } = await page.evaluate(async (url) => {
      const bytes = new Uint8Array(await (await fetch(url!)).arrayBuffer());
      // The byte-order mark lets Excel read the Japanese; text decoding would hide it.
      return { firstBytes: [...bytes.slice(0, 3)], csv: new TextDecoder().decode(bytes) };
    }, href);
    expect(firstBytes).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csv.trim().split('\r\n');
    expect(rows.at(-1)).toMatch(/^total,\d+,/);
    const query = new URL(href!, origin).searchParams;
    const json = kpiReportSchema.parse(
      await page.evaluate(
        (search) => fetch(`/api/reports/kpis?${search}`).then((r) => r.json()),
        query.toString(),
      ),
    );
    expect(rows.length).toBe(json.groups.length + 2);

    await page.getByTestId('national-report-open').click();
    await page.getByTestId('national-report').waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({
      path: path.join(artifacts, 'console-national-report-print.png'),
      fullPage: true,
    });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.length).toBeGreaterThan(10_000);
    await context.close();
  });
});
