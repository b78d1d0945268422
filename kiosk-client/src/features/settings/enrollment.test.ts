import { FakeFetch, refusal } from '@madoguchi/shared/client/testing';
import { HttpClient } from '@madoguchi/shared/client';
import { describe, expect, it } from 'vitest';
import { enroll } from './enrollment.ts';

const enrollment = { kioskId: 'seiseki-1', credential: 'k'.repeat(43) };

const setUp = () => {
  const server = new FakeFetch();
  return { server, http: new HttpClient(server.fetch) };
};

describe('enroll', () => {
  it('spends the code for the kiosk’s credential', async () => {
    const kiosk = setUp();
    kiosk.server.on('POST /api/kiosk/enroll', enrollment);
    await expect(enroll(kiosk.http, '12345678')).resolves.toEqual({ enrollment });
    expect(kiosk.server.requests[0]?.body).toEqual({ code: '12345678' });
  });

  it('words a wrong, used or expired code alike, and too many attempts apart', async () => {
    const kiosk = setUp();
    kiosk.server.on('POST /api/kiosk/enroll', () => refusal(401, 'UNAUTHENTICATED'));
    await expect(enroll(kiosk.http, '12345678')).resolves.toEqual({ problem: 'code-refused' });
    kiosk.server.on('POST /api/kiosk/enroll', () => refusal(400, 'VALIDATION_FAILED'));
    await expect(enroll(kiosk.http, '12345678')).resolves.toEqual({ problem: 'code-refused' });
    kiosk.server.on('POST /api/kiosk/enroll', () => refusal(429, 'RATE_LIMITED'));
    await expect(enroll(kiosk.http, '12345678')).resolves.toEqual({ problem: 'rate-limited' });
  });

  it('hands any other failure back to be shown', async () => {
    const kiosk = setUp();
    kiosk.server.on('POST /api/kiosk/enroll', () => ({ networkError: true }));
    const outcome = await enroll(kiosk.http, '12345678');
    expect(outcome).toHaveProperty('error');
    expect(outcome).not.toHaveProperty('problem');
  });
});
