import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stroke } from '@madoguchi/shared';
import { accessibilityViolations } from '../support/axe.ts';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import { openClerkAndKiosk } from '../support/booth-pages.ts';
import { acceptAndMeasure, placeCall } from '../support/call-flow.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const artifacts = path.resolve(import.meta.dirname, '../../test-results');

describe('document stills and signatures in a real call (Chromium)', () => {
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
      'tama-center-1',
    ));
    await placeCall(kiosk, 'juumin-idou');
    await acceptAndMeasure(clerk, kiosk);
    await clerk.getByTestId('in-call-screen').waitFor();
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it('a still taken at the kiosk reaches the clerk at the document camera’s full resolution', async () => {
    const camera = await kiosk.evaluate(() => {
      const video = document.querySelector<HTMLVideoElement>('[data-testid=local-video-document-camera]')!;
      const settings = (video.srcObject as MediaStream).getVideoTracks()[0]!.getSettings();
      return { width: settings.width!, height: settings.height! };
    });
    expect(camera.width).toBeGreaterThanOrEqual(1280);

    await clerk.getByTestId('capture-request-still').click();
    await kiosk.locator('[data-testid=capture-notice][data-kind=document-photographed]').waitFor();
    const thumb = clerk.locator('[data-testid^="capture-thumb-"][data-status="ready"]').first();
    await thumb.waitFor({ timeout: 20_000 });
    expect(Number(await thumb.getAttribute('data-width'))).toBe(camera.width);
    expect(Number(await thumb.getAttribute('data-height'))).toBe(camera.height);

    await thumb.click();
    await clerk.getByTestId('capture-zoom-100').click();
    const image = clerk.getByTestId('capture-viewer-image');
    await image.waitFor();
    const natural = await image.evaluate(async (element: HTMLImageElement) => {
      await element.decode();
      return { width: element.naturalWidth, height: element.naturalHeight };
    });
    expect(natural).toEqual(camera);
    await clerk.screenshot({ path: path.join(artifacts, 'console-still-100.png') });
    await clerk.getByTestId('capture-viewer-close').click();
  });

  it('a signature drawn on the kiosk arrives at the clerk with the same shape, and is accepted', async () => {
    await clerk.getByTestId('signature-request').click();
    await kiosk.getByTestId('signature-screen').waitFor();
    expect(await accessibilityViolations(kiosk)).toEqual([]);
    const pad = kiosk.getByTestId('signature-pad');
    const box = (await pad.boundingBox())!;

    // Three strokes of a simple name-like scribble, in pad pixels.
    const drawn: { x: number; y: number }[][] = [
      Array.from({ length: 25 }, (_, i) => ({ x: 40 + i * 8, y: 60 + Math.sin(i / 3) * 25 })),
      Array.from({ length: 20 }, (_, i) => ({ x: 280 + i * 6, y: 50 + i * 4 })),
      Array.from({ length: 15 }, (_, i) => ({ x: 60 + i * 20, y: box.height - 40 })),
    ];
    for (const stroke of drawn) {
      await kiosk.mouse.move(box.x + stroke[0]!.x, box.y + stroke[0]!.y);
      await kiosk.mouse.down();
      for (const point of stroke.slice(1)) await kiosk.mouse.move(box.x + point.x, box.y + point.y);
      await kiosk.mouse.up();
    }

    // Live: the console has every point the pad recorded.
    const padPoints = await pad.getAttribute('data-points');
    await clerk.waitForFunction(
      (expected) =>
        document.querySelector('[data-testid=signature-live]')?.getAttribute('data-points') === expected,
      padPoints,
      { timeout: 10_000 },
    );
    await clerk.screenshot({ path: path.join(artifacts, 'console-signature-live.png') });
    await kiosk.screenshot({ path: path.join(artifacts, 'kiosk-signature.png') });

    const imageRequest = clerk.waitForRequest((request) =>
      /\/api\/captures\/[0-9a-f-]{36}$/.test(request.url()),
    );
    await kiosk.getByTestId('signature-done').click();
    await clerk.locator('[data-testid=signature-status][data-status=submitted]').waitFor();
    const captureId = (await imageRequest).url().split('/').pop()!;

    // Stored: the strokes, mapped back to pad pixels, follow what was drawn (±3 px).
    const { strokes } = (await clerk.evaluate(
      (id) => fetch(`/api/captures/${id}/strokes`).then((response) => response.json()),
      captureId,
    )) as { strokes: Stroke[] };
    const stored = strokes.flatMap((stroke) =>
      stroke.points.map((p) => ({ x: p.x * box.width, y: p.y * box.height })),
    );
    const wanted = drawn.flat();
    for (const point of wanted) {
      const nearest = Math.min(...stored.map((s) => Math.hypot(s.x - point.x, s.y - point.y)));
      expect(nearest).toBeLessThanOrEqual(3);
    }
    for (const point of stored) {
      const nearest = Math.min(...wanted.map((w) => Math.hypot(w.x - point.x, w.y - point.y)));
      expect(nearest).toBeLessThanOrEqual(3);
    }

    await clerk.getByTestId('signature-accept').click();
    await clerk.locator('[data-testid=signature-status][data-status=accepted]').waitFor();
    await kiosk.locator('[data-testid=capture-notice][data-kind=signature-accepted]').waitFor();
    expect(await kiosk.getByTestId('signature-screen').count()).toBe(0);
  });
});
