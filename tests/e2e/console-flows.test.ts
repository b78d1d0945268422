import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import {
  acceptAndMeasure,
  enrollKiosk,
  logIn,
  logInClerk,
  openPage,
  placeCall,
  waitForInboundMedia,
} from '../support/call-flow.ts';
import { testPassword } from '../support/identities.ts';
import { pngOf } from '../support/images.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const artifacts = path.resolve(import.meta.dirname, '../../test-results');

/**
 * A clerk's day in the browser: take a call, capture a still, collect a signature, show a document,
 * transfer to another procedure where a second clerk answers, wrap up with a hand-over task that
 * the booth's on-site staff complete; a supervisor monitors the call unseen by the resident.
 */
describe('staff console flows with real media (Chromium)', () => {
  let server: TestServer;
  let chromium: LaunchedBrowser;
  let origin: string;
  const pages: Record<string, Page> = {};

  beforeAll(async () => {
    server = await startTestServer({ SERVE_CLIENTS: 'true' });
    origin = server.url.replace('127.0.0.1', 'localhost');
    chromium = await launchChromium();
    const { accounts, enrollment } = server.app.services.auth;
    const people = [
      { staffId: 'tanaka-y', displayName: '田中 陽子', role: 'clerk' as const },
      { staffId: 'watanabe-s', displayName: '渡辺 聡', role: 'clerk' as const },
      { staffId: 'sato', displayName: '佐藤 監督者', role: 'supervisor' as const },
      { staffId: 'ono', displayName: '小野 現地', role: 'onsite' as const, boothId: 'seiseki-sakuragaoka' },
    ];
    for (const person of people) await accounts.create({ ...person, password: testPassword });

    pages.onsite = (await openPage(chromium.browser, `${origin}/console/`)).page;
    await logIn(pages.onsite, 'ono', testPassword);
    await pages.onsite.getByTestId('onsite-screen').waitFor();
    pages.clerk = (await openPage(chromium.browser, `${origin}/console/`)).page;
    await logInClerk(pages.clerk, 'tanaka-y', testPassword);
    // The clerk sees their own skills (住民記録 at proficiency 3 in the catalogue).
    expect(await pages.clerk.getByTestId('clerk-skill-juumin-kiroku').getAttribute('data-proficiency')).toBe(
      '3',
    );
    pages.kiosk = (await openPage(chromium.browser, `${origin}/kiosk/`)).page;
    await enrollKiosk(pages.kiosk, (await enrollment.createCode('seiseki-1', 'test')).code);
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it('takes a call, captures, collects a signature and shows a document', async () => {
    const { clerk, kiosk, onsite } = pages as Record<'clerk' | 'kiosk' | 'onsite', Page>;
    await placeCall(kiosk, 'juumin-idou');
    await onsite.locator('[data-testid=onsite-kiosk-seiseki-1][data-state=waiting]').waitFor();
    await acceptAndMeasure(clerk, kiosk);
    await onsite.locator('[data-testid=onsite-kiosk-seiseki-1][data-state=in-call]').waitFor();
    await clerk.getByTestId('toggle-microphone').click();
    await clerk.getByTestId('microphone-off-notice').waitFor();
    await clerk.getByTestId('toggle-microphone').click();
    await clerk.getByTestId('microphone-off-notice').waitFor({ state: 'detached' });
    await clerk.getByTestId('call-notes').fill('転入届、本人確認済み');

    await clerk.getByTestId('capture-request-still').click();
    await clerk
      .locator('[data-testid^="capture-thumb-"][data-status="ready"]')
      .first()
      .waitFor({ timeout: 20_000 });

    await clerk.getByTestId('signature-request').click();
    await kiosk.getByTestId('signature-screen').waitFor();
    const box = (await kiosk.getByTestId('signature-pad').boundingBox())!;
    await kiosk.mouse.move(box.x + 40, box.y + 60);
    await kiosk.mouse.down();
    for (let i = 1; i < 20; i++) await kiosk.mouse.move(box.x + 40 + i * 10, box.y + 60 + (i % 5) * 6);
    await kiosk.mouse.up();
    await kiosk.getByTestId('signature-done').click();
    await clerk.locator('[data-testid=signature-status][data-status=submitted]').waitFor();
    await clerk.getByTestId('signature-accept').click();
    await clerk.locator('[data-testid=signature-status][data-status=accepted]').waitFor();

    await clerk.getByTestId('document-push-input').setInputFiles({
      name: 'form.png',
      mimeType: 'image/png',
      buffer: pngOf(800, 1131, [255, 255, 255]),
    });
    await kiosk.locator('[data-testid=document-viewer][data-status=ready]').waitFor();
    await kiosk.getByTestId('document-close').click();
  });

  it('a supervisor monitors the call unseen by the resident, then joins to assist and leaves', async () => {
    const { kiosk } = pages as Record<'kiosk', Page>;
    const supervisor = (await openPage(chromium.browser, `${origin}/console/`)).page;
    pages.supervisor = supervisor;
    await logIn(supervisor, 'sato', testPassword);
    await supervisor.getByTestId('supervisor-screen').waitFor();
    const remoteVideosBefore = await kiosk.locator('video[data-testid^=remote]').count();
    const staffBefore = await kiosk.getByTestId('clerk-name').textContent();

    await supervisor.locator('[data-testid^=supervisor-monitor-]').first().click();
    await supervisor.getByTestId('monitor-panel').waitFor();
    const seen = await waitForInboundMedia(
      supervisor,
      (s) =>
        s.videoFramesDecoded.filter((n) => n > 0).length >= 2 && s.audioPacketsReceived.some((n) => n > 0),
    );
    expect(seen.videoFramesDecoded.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    await supervisor.screenshot({ path: path.join(artifacts, 'console-supervisor-monitor.png') });

    // Nothing new on the resident's screen.
    expect(await kiosk.locator('video[data-testid^=remote]').count()).toBe(remoteVideosBefore);
    expect(await kiosk.getByTestId('clerk-name').textContent()).toBe(staffBefore);
    // Joining to assist makes the supervisor a visible participant; leaving makes them go again.
    await supervisor.getByTestId('supervisor-join').click();
    await supervisor.getByTestId('supervisor-joined').waitFor();
    await kiosk.locator('[data-testid=clerk-name][data-count="2"]').waitFor();
    await supervisor.getByTestId('supervisor-leave').click();
    await kiosk.locator('[data-testid=clerk-name][data-count="1"]').waitFor();
    await supervisor.getByTestId('monitor-panel').waitFor({ state: 'detached' });
  });

  it('transfers to another procedure where a second clerk answers; the first wraps up with a task the booth completes', async () => {
    const { clerk, kiosk, onsite } = pages as Record<'clerk' | 'kiosk' | 'onsite', Page>;
    const specialist = (await openPage(chromium.browser, `${origin}/console/`)).page;
    await logInClerk(specialist, 'watanabe-s', testPassword);

    await clerk.getByTestId('transfer-open').click();
    await clerk.getByTestId('transfer-procedure').selectOption('kokuho-nenkin');
    await clerk.getByTestId('transfer-note').fill('国保の加入手続きをお願いします');
    await clerk.getByTestId('transfer-confirm').click();
    await kiosk.getByTestId('transfer-notice').waitFor();

    await specialist.getByTestId('offer-panel').waitFor();
    await specialist.getByTestId('offer-transfer').waitFor();
    await specialist.waitForTimeout(1_000);
    await specialist.getByTestId('accept-button').click();
    await specialist.getByTestId('in-call-screen').waitFor();
    await waitForInboundMedia(specialist, (s) => s.videoFramesDecoded.filter((n) => n > 0).length >= 2);
    await kiosk.getByTestId('clerk-changed-notice').waitFor();

    // The first clerk's part is over: wrap-up with a hand-over task for the booth.
    await clerk.getByTestId('wrap-up-panel').waitFor();
    // The notes taken during the call are carried into the wrap-up.
    expect(await clerk.getByTestId('wrap-up-notes').inputValue()).toBe('転入届、本人確認済み');
    await clerk.getByTestId('wrap-up-outcome-referred').check();
    await clerk.getByTestId('wrap-up-notes').fill('転入届受理、国保へ転送');
    await clerk.getByTestId('wrap-up-add-task').click();
    await clerk.getByTestId('wrap-up-task-kind-0').selectOption('hand-over-certificate');
    await clerk.getByTestId('wrap-up-task-note-0').fill('住民票の写し 1通');
    await clerk.getByTestId('wrap-up-submit').click();
    await clerk.getByTestId('wrap-up-panel').waitFor({ state: 'detached' });

    const task = onsite.locator('[data-testid^=onsite-task-][data-status=open]').first();
    await task.waitFor();
    const taskId = (await task.getAttribute('data-testid'))!.replace('onsite-task-', '');
    await onsite.screenshot({ path: path.join(artifacts, 'console-onsite.png') });
    await onsite.getByTestId(`onsite-task-done-${taskId}`).click();
    await onsite.locator(`[data-testid=onsite-task-${taskId}][data-status=done]`).waitFor();

    await specialist.getByTestId('hang-up-button').click();
    await kiosk.getByTestId('survey-screen').waitFor();
  });
});
