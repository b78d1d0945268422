import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../support/axe.ts';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import { openClerkAndKiosk } from '../support/booth-pages.ts';
import { acceptAndMeasure } from '../support/call-flow.ts';
import { pngOf } from '../support/images.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const artifacts = path.resolve(import.meta.dirname, '../../test-results');

/**
 * A resident's whole visit, as an elderly first-time user or a new foreign resident would make it:
 * attract → language → procedure → waiting → call (chat, a document shown by the clerk) → survey →
 * wipe. axe-core checks every screen; the wipe must leave nothing of the visit in the page.
 */
describe('the resident’s journey at the kiosk (Chromium)', () => {
  let server: TestServer;
  let chromium: LaunchedBrowser;
  let clerk: Page;
  let kiosk: Page;

  beforeAll(async () => {
    server = await startTestServer({ SERVE_CLIENTS: 'true' });
    chromium = await launchChromium();
    ({ clerk, kiosk } = await openClerkAndKiosk(
      server,
      chromium,
      { staffId: 'kato-d', displayName: '加藤 大輔' },
      'seiseki-2',
    ));
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  async function expectAccessible(page: Page, screen: string): Promise<void> {
    const violations = await accessibilityViolations(page);
    expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }

  for (const language of ['ja', 'en'] as const) {
    it(`in ${language}: from the attract screen through a call and the survey back to a clean start`, async () => {
      await kiosk.getByTestId('attract-screen').waitFor();
      await expectAccessible(kiosk, 'attract');
      await kiosk.screenshot({ path: path.join(artifacts, `kiosk-attract-${language}.png`) });
      await kiosk.getByTestId('start-button').click();

      await kiosk.getByTestId('language-screen').waitFor();
      await expectAccessible(kiosk, 'language');
      await kiosk.getByTestId(`language-${language}`).click();

      await kiosk.getByTestId('idle-screen').waitFor();
      expect(await kiosk.locator('.app').getAttribute('data-language')).toBe(language);
      expect(await kiosk.locator('html').getAttribute('lang')).toBe(language);
      await expectAccessible(kiosk, 'procedures');
      await kiosk.screenshot({ path: path.join(artifacts, `kiosk-procedures-${language}.png`) });
      // The modes for residents who see poorly keep every screen accessible too.
      await kiosk.getByTestId('large-text-toggle').click();
      await kiosk.getByTestId('high-contrast-toggle').click();
      await expectAccessible(kiosk, 'procedures, large text and high contrast');
      await kiosk.screenshot({
        path: path.join(artifacts, `kiosk-procedures-high-contrast-${language}.png`),
      });
      await kiosk.getByTestId('large-text-toggle').click();
      await kiosk.getByTestId('high-contrast-toggle').click();
      await kiosk.getByTestId('procedure-juumin-idou').click();

      await kiosk.getByTestId('confirm-screen').waitFor();
      await expectAccessible(kiosk, 'confirm');
      await kiosk.getByTestId('call-button').click();
      await kiosk.getByTestId('waiting-screen').waitFor();
      await expectAccessible(kiosk, 'waiting');
      await kiosk.getByTestId('help-button').click();
      await kiosk.locator('[data-testid=help-notice][data-state=requested]').waitFor();
      await expectAccessible(kiosk, 'help requested');

      // The clerk sees which language the resident chose.
      await clerk.getByTestId('offer-panel').waitFor();
      expect(await clerk.getByTestId('offer-language').getAttribute('data-language')).toBe(language);
      await acceptAndMeasure(clerk, kiosk);
      await kiosk.getByTestId('in-call-screen').waitFor();
      await kiosk.locator('[data-testid=connection-quality]:not([data-quality=unknown])').waitFor();
      await expectAccessible(kiosk, 'in call');

      // Chat for a resident who cannot hear well, both ways.
      const residentText =
        language === 'ja' ? '耳が遠いので文字でお願いします' : 'Could you write it down, please?';
      await kiosk.getByTestId('chat-input').fill(residentText);
      await kiosk.getByTestId('chat-send').click();
      await clerk
        .locator('[data-testid=chat-message][data-from=resident]', { hasText: residentText })
        .waitFor();
      await clerk.getByTestId('chat-input').fill('承知しました / Certainly');
      await clerk.getByTestId('chat-send').click();
      await kiosk.locator('[data-testid=chat-message][data-from=clerk]').waitFor();

      // The clerk shows the page of the form where to sign; the resident zooms in and closes it.
      await clerk.getByTestId('document-push-input').setInputFiles({
        name: 'form.png',
        mimeType: 'image/png',
        buffer: pngOf(1240, 1754, [255, 255, 255]),
      });
      await kiosk.locator('[data-testid=document-viewer][data-status=ready]').waitFor();
      await expectAccessible(kiosk, 'document viewer');
      await kiosk.getByTestId('document-zoom-in').click();
      expect(Number(await kiosk.getByTestId('document-viewer').getAttribute('data-scale'))).toBeGreaterThan(
        1,
      );
      await kiosk.getByTestId('document-close').click();
      await kiosk.screenshot({ path: path.join(artifacts, `kiosk-in-call-${language}.png`) });

      // The clerk ends the call; one tap on the survey, a comment, thanks, wipe.
      await clerk.getByTestId('hang-up-button').click();
      await kiosk.locator('[data-testid=survey-screen][data-step=rating]').waitFor();
      await expectAccessible(kiosk, 'survey');
      await kiosk.screenshot({ path: path.join(artifacts, `kiosk-survey-${language}.png`) });
      await kiosk.getByTestId('survey-rating-5').click();
      await kiosk.locator('[data-testid=survey-screen][data-step=comment]').waitFor();
      await kiosk.getByTestId('survey-comment').fill(language === 'ja' ? '丁寧でした' : 'Very kind');
      await kiosk.getByTestId('survey-submit').click();
      await kiosk.getByTestId('thanks-screen').waitFor();
      await expectAccessible(kiosk, 'thanks');
      await kiosk.getByTestId('thanks-done').click();
      await kiosk.getByTestId('attract-screen').waitFor();

      const comment = language === 'ja' ? '丁寧でした' : 'Very kind';
      const stored = await waitForSurvey(server, comment);
      expect(stored).toMatchObject({ rating: 5, language, procedureId: 'juumin-idou', staffIds: ['kato-d'] });

      // Nothing of the visit is left: not in the page, not in storage.
      const trace = await kiosk.evaluate((text) => {
        const storageKeys = [...Array(localStorage.length).keys()].map((i) => localStorage.key(i));
        return {
          hasChat: document.body.innerText.includes(text),
          hasProcedureName: document.body.innerText.includes('住民異動'),
          storageKeys,
          sessionKeys: sessionStorage.length,
          liveRemoteVideos: [...document.querySelectorAll('video')].filter(
            (video) => video.dataset.testid?.startsWith('remote') && video.srcObject !== null,
          ).length,
          images: document.querySelectorAll('img[src^="blob:"]').length,
          language: document.querySelector('.app')?.getAttribute('data-language'),
        };
      }, residentText);
      expect(trace).toEqual({
        hasChat: false,
        hasProcedureName: false,
        storageKeys: ['madoguchi.kiosk.settings'],
        sessionKeys: 0,
        liveRemoteVideos: 0,
        images: 0,
        language: 'ja',
      });
    });
  }

  /** The latest stored survey once it carries the comment (the rating is stored first, on the tap). */
  async function waitForSurvey(testServer: TestServer, comment: string) {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const latest = await testServer.app.services.surveys.latest();
      if (latest?.comment === comment) return latest;
      if (Date.now() > deadline)
        throw new Error(`no survey with comment ${comment}: ${JSON.stringify(latest)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
});
