import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogRevisionView } from '@madoguchi/shared/catalog';
import { accessibilityViolations } from '../support/axe.ts';
import type { LaunchedBrowser } from '../support/browser.ts';
import { startConsoleInBrowser, type ConsoleInBrowser } from '../support/console-browser.ts';
import { logIn, openPage } from '../support/call-flow.ts';
import { testPassword } from '../support/identities.ts';
import type { TestServer } from '../support/test-server.ts';

const artifacts = path.resolve(import.meta.dirname, '../../test-results');

describe('service settings in the browser (Chromium)', () => {
  let server: TestServer;
  let chromium: LaunchedBrowser;
  let origin: string;
  let setup: ConsoleInBrowser | undefined;

  beforeAll(async () => {
    setup = await startConsoleInBrowser({ staffId: 'admin', displayName: '管理者', role: 'admin' });
    ({ server, chromium, origin } = setup);
  });

  afterAll(async () => {
    await setup?.close();
  });

  it('an administrator renames a procedure, adds a holiday and opens Fridays until midnight; kiosks and the history show it at once', async () => {
    const { page, context } = await openPage(chromium.browser, `${origin}/console/`);
    await logIn(page, 'admin', testPassword);
    await page.getByTestId('admin-screen').waitFor();
    await page.getByTestId('admin-tab-catalog').click();
    await page.getByTestId('catalog-procedures').waitFor();
    expect(await page.getByTestId('catalog-revision').getAttribute('data-revision')).toBe('1');

    // A blank name is flagged beside the field before anything is sent, and saving waits for it.
    const name = page.getByTestId('catalog-procedure-1-name-ja');
    await name.fill('');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    const issue = page.locator('[data-testid=catalog-issue][data-path="procedures[1].name.ja"]');
    expect(await issue.getAttribute('data-code')).toBe('required');
    expect(await issue.textContent()).toBe('入力してください');
    expect(await page.getByTestId('catalog-save').isDisabled()).toBe(true);
    await name.fill('証明書の交付(住民票の写し・印鑑登録証明書)');
    expect(await name.getAttribute('aria-invalid')).toBe('false');

    // 振替休日 at headquarters: every kiosk is closed that day.
    await page.getByTestId('catalog-pane-hours').click();
    const exceptions = page.locator('[data-testid^=catalog-hours-hq-exception-][data-testid$=-from]');
    const index = await exceptions.count();
    await page.getByTestId('catalog-hours-hq-exception-add').click();
    await page.getByTestId(`catalog-hours-hq-exception-${index}-from`).fill('2026-09-22');
    await page.getByTestId(`catalog-hours-hq-exception-${index}-note`).fill('国民の休日');
    // Friday evenings open until midnight: 24:00 has a box of its own (a time field cannot hold it).
    await page.getByTestId('catalog-hours-hq-fri-interval-0-until-midnight').check();
    expect(await page.getByTestId('catalog-hours-hq-fri-interval-0-close').count()).toBe(0);
    expect(await page.getByTestId('catalog-state').textContent()).toBe('保存していない変更があります');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'console-catalog.png') });

    await page.getByTestId('catalog-save').click();
    await page.locator('[data-testid=catalog-revision][data-revision="2"]').waitFor();
    expect(await page.getByTestId('catalog-state').textContent()).toBe('第2版として保存し、適用しました');

    // Kiosks read the new name at once; the catalogue in force has the holiday.
    const procedures = (await server.app.inject({ url: '/api/procedures' })).json<{
      procedures: { id: string; name: { ja: string } }[];
    }>().procedures;
    expect(procedures.find((p) => p.id === 'shoumeisho')?.name.ja).toBe(
      '証明書の交付(住民票の写し・印鑑登録証明書)',
    );
    const inForce: CatalogRevisionView['catalog'] = server.app.services.catalog.catalog;
    expect(inForce.headquarters.hours.weekly.fri).toEqual([{ open: '08:30', close: '24:00' }]);
    expect(inForce.headquarters.hours.exceptions.at(-1)).toEqual({
      from: '2026-09-22',
      intervals: [],
      note: '国民の休日',
    });

    // The history names what changed, by id.
    await page.getByTestId('catalog-pane-revisions').click();
    const latest = page.locator('[data-testid=catalog-revision-row][data-revision="2"]');
    await latest.waitFor();
    expect(await latest.getByTestId('catalog-revision-ids-procedures').textContent()).toContain(
      '~shoumeisho',
    );
    expect(await latest.textContent()).toContain('admin');
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
