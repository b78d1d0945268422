import type { Language } from '@madoguchi/shared';
import { clerkSources, kioskSources, startFakeMedia } from './fake-media.ts';
import { kioskCredentials, procedureId, queued, staffCredentials, type Credentials } from './identities.ts';
import { TestClient } from './test-client.ts';
import type { TestServer } from './test-server.ts';

export interface AnsweredCall {
  clerk: TestClient;
  clerkCredentials: Credentials;
  kiosk: TestClient;
  kioskCredentials: Credentials;
  consultationId: ReturnType<typeof queued>['consultationId'];
}

/**
 * A clerk and a kiosk with their media, the kiosk calling about 住民異動 and the clerk answering.
 * `track` receives every client so the test can close them.
 */
export async function answeredCall(
  server: TestServer,
  track: (client: TestClient) => void,
  options: { clerkId?: string; kioskId?: string; language?: Language } = {},
): Promise<AnsweredCall> {
  const clerkCredentials = await staffCredentials(server, options.clerkId ?? 'tanaka-y');
  const clerk = await TestClient.connect(server.url, clerkCredentials);
  track(clerk);
  await startFakeMedia(clerk, clerkSources);
  await clerk.signalling.request('staff:set-status', { status: 'available' });
  const kioskCreds = await kioskCredentials(server, options.kioskId ?? 'seiseki-1');
  const kiosk = await TestClient.connect(server.url, kioskCreds);
  track(kiosk);
  const consultation = queued(
    await kiosk.signalling.request('consultation:request', {
      procedureId,
      language: options.language ?? 'ja',
    }),
  );
  await startFakeMedia(kiosk, kioskSources);
  await clerk.waitFor('call:offered');
  await clerk.signalling.request('call:accept', { consultationId: consultation.consultationId });
  return {
    clerk,
    clerkCredentials,
    kiosk,
    kioskCredentials: kioskCreds,
    consultationId: consultation.consultationId,
  };
}
