import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import type { KioskId, LocalizedText } from '@madoguchi/shared';
import { pino, type Logger } from 'pino';
import type { Server as HttpsServer } from 'node:https';
import {
  clerkProfile,
  LiveCatalog,
  requiredLanguage,
  retentionOf,
  routingProcedures,
  serviceHours,
  type Catalog,
} from './catalog/index.ts';
import type { Config } from './config.ts';
import { clientPages } from './http/client-pages.ts';
import { httpErrorHandler, httpNotFoundHandler } from './http/error-handler.ts';
import { healthRoutes } from './http/health/routes.ts';
import { procedureRoutes } from './http/procedures/routes.ts';
import { WorkerPool } from './media/worker-pool.ts';
import { ConsultationService } from './sessions/consultation-service.ts';
import { ParticipantRegistry } from './sessions/participant-registry.ts';
import { SessionMediaService } from './sessions/session-media.ts';
import { BlobStore, loadBlobKeys } from './store/blob-store.ts';
import { openDatabase } from './store/database.ts';
import { PendingWrites } from './store/pending-writes.ts';
import { QueueEventArchive } from './store/queue-event-archive.ts';
import { eraseOldFreeText } from './store/free-text-retention.ts';
import { QueueEventStore } from './store/queue-event-store.ts';
import { AuditLog } from './auth/audit-log.ts';
import { KioskEnrollment } from './auth/kiosk-enrollment.ts';
import { StaffAccounts } from './auth/staff-accounts.ts';
import { StaffSessions } from './auth/staff-sessions.ts';
import { SecondFactors } from './auth/second-factors.ts';
import { SecretBox } from './auth/secret-box.ts';
import { CaptureRecords } from './captures/capture-records.ts';
import { CaptureService } from './captures/capture-service.ts';
import { loadProofKeys, SignatureProofs } from './captures/signature-proofs.ts';
import { adminRoutes } from './http/admin/routes.ts';
import { catalogRoutes } from './http/admin/catalog-routes.ts';
import { CatalogRevisions } from './store/catalog-revisions.ts';
import { captureRoutes } from './http/captures/routes.ts';
import { documentRoutes } from './http/documents/routes.ts';
import { reportRoutes } from './http/reports/routes.ts';
import { boothHoursOf } from './reports/national.ts';
import { SharedDocuments } from './captures/shared-documents.ts';
import { generateDemoRecords, hasDemoRecords } from './demo/demo-records.ts';
import { KioskStatusBoard } from './sessions/kiosk-status.ts';
import { Surveys } from './store/surveys.ts';
import { ConsultationRecords } from './store/consultation-records.ts';
import { BoothBoards } from './sessions/booth-boards.ts';
import { authRoutes } from './http/auth/routes.ts';
import { clientAddressOf } from './http/client-address.ts';
import { kioskRoutes } from './http/kiosk/routes.ts';
import { securityHeaders } from './http/security-headers.ts';
import { createIdentify } from './signalling/identify.ts';
import { createRateLimits } from './signalling/rate-limits.ts';
import { createSocketServer } from './signalling/socket-server.ts';
import type { Server as SocketServer } from 'socket.io';
import { loadOrCreateCertificate } from './tls/certificate.ts';
import { refuseUnsafeProduction } from './production/start-checks.ts';

export interface AppServices {
  pool: WorkerPool;
  /** The socket.io server, for operations on live connections (e.g. cutting off a revoked client). */
  signalling: SocketServer;
  registry: ParticipantRegistry;
  consultations: ConsultationService;
  auth: {
    accounts: StaffAccounts;
    sessions: StaffSessions;
    enrollment: KioskEnrollment;
    audit: AuditLog;
    secondFactors: SecondFactors;
  };
  captures: CaptureService;
  surveys: Surveys;
  kiosks: KioskStatusBoard;
  records: ConsultationRecords;
  /** The copy of the queue's events in PostgreSQL; absent with the embedded SQLite file. */
  queueArchive: QueueEventArchive | undefined;
  /** The catalogue in force and its revisions. */
  catalog: LiveCatalog;
  routes: readonly { method: string; url: string }[];
}

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
  }
}

export interface BuildAppOptions {
  /**
   * The municipality's procedures, clerks, booths and opening hours as its file has them: in force
   * until an administrator saves a revision in the console.
   */
  catalog: Catalog;
  /** Defaults to a pino logger at the configured level. */
  logger?: Logger;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Names in every resident language: やさしい日本語 falls back to Japanese, the others to English. */
function inEveryLanguage(name: Catalog['procedures'][number]['name']): LocalizedText {
  return {
    ja: name.ja,
    'ja-easy': name['ja-easy'] ?? name.ja,
    en: name.en,
    'zh-Hans': name['zh-Hans'] ?? name.en,
    ko: name.ko ?? name.en,
    vi: name.vi ?? name.en,
  };
}

/** Builds the whole server (HTTPS, signalling, media workers) without listening. */
export async function buildApp(config: Config, options: BuildAppOptions): Promise<FastifyInstance> {
  const log = options.logger ?? pino({ level: config.logLevel });
  const tls = await loadOrCreateCertificate({ configured: config.tls, dataDir: config.dataDir, log });
  // Before anything starts, so a refused start leaves no worker or connection behind.
  if (config.mode === 'production') await refuseUnsafeProduction({ config, certificate: tls.cert, log });
  const app = Fastify({
    loggerInstance: log,
    https: { key: tls.key, cert: tls.cert },
    bodyLimit: 256 * 1024,
    trustProxy: config.trustProxy,
  }) as unknown as FastifyInstance;

  const pool = await WorkerPool.start(config.media, log.child({ component: 'media' }));
  const registry = new ParticipantRegistry();
  const db = await openDatabase(config.database, { log: log.child({ component: 'database' }) });
  const queueJournal = QueueEventStore.open(config.queueJournalFile);
  // The latest revision an administrator saved, or the file's catalogue stored as revision 1.
  const liveCatalog = await LiveCatalog.open({
    store: new CatalogRevisions(db),
    initial: options.catalog,
    log: log.child({ component: 'catalog' }),
  });
  // Every closure below reads `catalog` when it runs, so it follows a saved revision by itself;
  // what is built from it once is rebuilt in `applyCatalog`.
  let catalog = liveCatalog.catalog;
  const routingOf = (next: Catalog) => ({
    procedures: routingProcedures(next),
    serviceHours: config.serviceHours === 'catalog' ? serviceHours(next) : null,
  });
  const staffOf = (next: Catalog) =>
    new Map(
      next.clerks.map((clerk) => [
        clerk.id,
        { profile: clerkProfile(clerk), displayName: clerk.displayName },
      ]),
    );
  const openKioskIds = (next: Catalog) =>
    next.booths
      .filter((booth) => booth.status === 'open')
      .flatMap((booth) => booth.kiosks.map((kiosk) => kiosk.id));
  const proceduresOf = (next: Catalog) =>
    next.procedures.map(({ id, name }) => ({ id, name: inEveryLanguage(name) }));
  let procedures = proceduresOf(catalog);
  let booths = boothHoursOf(catalog);
  const retention = () =>
    retentionOf(catalog, { captureMs: config.captureRetentionMs, freeTextMs: config.freeTextRetentionMs });
  const consultations = new ConsultationService({
    pool,
    registry,
    store: queueJournal,
    routing: {
      ...routingOf(catalog),
      offerTimeoutMs: config.offerTimeoutMs,
      wrapUpMs: config.wrapUpMs,
    },
    staff: staffOf(catalog),
    requiredLanguage,
    kioskIds: openKioskIds(catalog),
    kioskDevices: (kioskId) => kiosks.devicesOf(kioskId),
    resumeGraceMs: config.resumeGraceMs,
    log: log.child({ component: 'consultations' }),
  });
  const media = new SessionMediaService({
    pool,
    consultations,
    turn: config.turn,
    log: log.child({ component: 'session-media' }),
  });

  const accounts = new StaffAccounts(db);
  const sessions = new StaffSessions(db, { ttlMs: config.sessionTtlMs, idleMs: config.staffIdleTimeoutMs });
  const enrollment = new KioskEnrollment(db);
  const audit = new AuditLog(db);
  const isKnownKiosk = (kioskId: string) =>
    catalog.booths.some((booth) => booth.kiosks.some((kiosk) => kiosk.id === kioskId));
  const isRoutableClerk = (staffId: string) => catalog.clerks.some((clerk) => clerk.id === staffId);
  const attempts = createRateLimits(config.rateLimits);

  const boothOfKiosk = (kioskId: string) =>
    catalog.booths.find((booth) => booth.kiosks.some((kiosk) => kiosk.id === kioskId))?.id;
  const blobKeys = loadBlobKeys({ files: config.captureKeyFiles, inline: config.blobKeys }, config.dataDir);
  const blobs = new BlobStore(path.join(config.dataDir, 'blobs'), blobKeys);
  // TOTP secrets are sealed under the capture keys too: they live apart from the database.
  const secondFactors = new SecondFactors(db, { box: new SecretBox(blobKeys, 'second factor') });
  const documents = new SharedDocuments({ blobs, consultations });
  const surveys = new Surveys(db);
  const kiosks = new KioskStatusBoard({
    registry,
    boothOf: (kioskId) => boothOfKiosk(kioskId),
  });
  const records = new ConsultationRecords(db);
  const writes = new PendingWrites();
  if (config.isDemo && !(await hasDemoRecords(db))) {
    // Demonstration: last month and this one so far, so the dashboard means something at once.
    const today = new Date(Date.now() + 9 * 3_600_000);
    const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1))
      .toISOString()
      .slice(0, 10);
    const to = new Date(today.getTime() + 86_400_000).toISOString().slice(0, 10);
    const written = await generateDemoRecords(db, catalog, { from, to, seed: 2026 });
    log.info({ from, to, consultations: written }, 'demo records generated');
  }
  consultations.onEnded((consultation) => {
    const record = {
      consultationId: consultation.id,
      kioskId: consultation.kioskId,
      boothId: boothOfKiosk(consultation.kioskId) ?? null,
      procedureId: consultation.procedureId,
      language: consultation.language,
      requestedAt: consultation.requestedAt,
      answeredAt: consultation.answeredAt ?? null,
      endedAt: consultation.endedAt ?? Date.now(),
      endReason: consultation.endReason ?? 'hung-up',
      staffIds: [...consultation.servedBy],
    };
    // The whole record goes to the log if the database refuses it, so it can be entered again.
    writes.track(records.recordEnd(record), (error) =>
      log.error({ err: error, record }, 'consultation record could not be stored'),
    );
  });
  // With the default SQLite file the journal is already part of the records' database.
  const archive =
    config.database.kind === 'postgres'
      ? new QueueEventArchive(queueJournal, db, log.child({ component: 'queue-archive' }))
      : undefined;
  if (archive) {
    consultations.onChanged(() => archive.schedule());
    archive.schedule();
  }
  const boards = new BoothBoards({
    registry,
    consultations,
    kiosks,
    records,
    kiosksOf: (boothId) =>
      catalog.booths.find((booth) => booth.id === boothId)?.kiosks.map((kiosk) => kiosk.id) ?? [],
  });
  await boards.load(catalog.booths.map((booth) => booth.id));
  const captures = new CaptureService({
    records: new CaptureRecords(db),
    blobs,
    consultations,
    audit,
    proofs: new SignatureProofs(db, loadProofKeys(config.proofKeyFiles, config.dataDir)[0]!),
    documentShown: (consultationId) => documents.shownIn(consultationId),
    retentionMs: () => retention().captureMs,
    log: log.child({ component: 'captures' }),
  });
  const applyRetention = async () => {
    await captures.purgeExpired();
    const erased = await eraseOldFreeText(db, Date.now() - retention().freeTextMs);
    if (erased > 0) {
      await audit.record({ actor: 'retention', action: 'free-text-erased', details: { texts: erased } });
      log.info({ erased }, 'survey comments and wrap-up notes past their retention erased');
    }
  };
  const retentionFailed = (error: unknown) => log.error({ err: error }, 'retention job failed');
  const purge = setInterval(() => writes.track(applyRetention(), retentionFailed), config.purgeIntervalMs);
  purge.unref();
  await applyRetention();

  // Every route, as registered: the authorisation test checks each one is accounted for.
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  app.setErrorHandler(httpErrorHandler);
  app.setNotFoundHandler(httpNotFoundHandler);
  await app.register(securityHeaders);
  await app.register(fastifyCookie);
  const signalling = createSocketServer({
    server: app.server as HttpsServer,
    registry,
    consultations,
    media,
    captures,
    booth: { consultations, documents, surveys, kiosks },
    handover: { consultations, records, boards, boothOf: boothOfKiosk, audit },
    identify: createIdentify({
      enrollment,
      sessions,
      accounts,
      isKnownKiosk,
      isRoutableClerk,
      parseCookie: (header) => app.parseCookie(header),
    }),
    resumeGraceMs: config.resumeGraceMs,
    rateLimits: config.rateLimits,
    clientAddress: clientAddressOf(config.trustProxy),
    staffSessions: {
      isLive: (key) => sessions.isLive(key),
      touch: (key) => sessions.touch(key),
      checkIntervalMs: config.staffSessionCheckIntervalMs,
    },
    log: log.child({ component: 'signalling' }),
  });
  const io = signalling.io;
  await app.register(healthRoutes(pool));
  await app.register(procedureRoutes(() => procedures));
  await app.register(
    authRoutes({
      accounts,
      sessions,
      secondFactors,
      audit,
      isLoginWithinRate: attempts.login,
      disconnectStaff: signalling.disconnectStaff,
    }),
  );
  await app.register(
    adminRoutes({
      accounts,
      sessions,
      secondFactors,
      enrollment,
      audit,
      isKnownKiosk,
      isKnownBooth: (boothId) => catalog.booths.some((booth) => booth.id === boothId),
      kiosks: () =>
        Promise.all(
          catalog.booths.flatMap((booth) =>
            booth.kiosks.map(async (kiosk) => ({
              kioskId: kiosk.id as KioskId,
              boothId: booth.id,
              boothName: { ja: booth.name.ja, en: booth.name.en },
              isBoothOpen: booth.status === 'open',
              isEnrolled: await enrollment.isEnrolled(kiosk.id),
            })),
          ),
        ),
      disconnectKiosk: (kioskId) =>
        signalling.disconnect({ role: 'kiosk', kioskId: kioskId as KioskId }, 'revoked'),
      disconnectStaff: signalling.disconnectStaff,
    }),
  );
  await app.register(kioskRoutes({ enrollment, audit, isWithinRate: attempts.enrollment }));
  await app.register(captureRoutes({ captures, enrollment, sessions, accounts }));
  await app.register(documentRoutes({ documents, enrollment, sessions, accounts }));
  await app.register(reportRoutes({ db, sessions, accounts, booths: () => booths }));
  if (config.serveClients) {
    await app.register(
      clientPages(
        [
          { prefix: '/kiosk/', dir: path.join(repoRoot, 'kiosk-client/dist') },
          { prefix: '/console/', dir: path.join(repoRoot, 'staff-console/dist') },
        ],
        { hasDemoMark: config.mode === 'demo' },
      ),
    );
  }

  /**
   * Puts a saved catalogue in force: procedures, opening hours and kiosks for the next request,
   * clerks' skills and languages at their next sign-in, retention periods from the next purge
   * (run at once when they changed), removed kiosks cut off.
   */
  liveCatalog.onApplied((next, previous) => {
    catalog = next;
    procedures = proceduresOf(next);
    booths = boothHoursOf(next);
    consultations.reconfigure({
      routing: routingOf(next),
      staff: staffOf(next),
      kioskIds: openKioskIds(next),
    });
    boards.pushAll();
    // A kiosk taken out of the catalogue (never one in use: that save is refused) is cut off; its
    // credential no longer opens a session either.
    const kept = new Set(next.booths.flatMap((booth) => booth.kiosks.map((kiosk) => kiosk.id as string)));
    for (const kiosk of previous.booths.flatMap((booth) => booth.kiosks))
      if (!kept.has(kiosk.id)) signalling.disconnect({ role: 'kiosk', kioskId: kiosk.id }, 'revoked');
    if (JSON.stringify(next.retention) !== JSON.stringify(previous.retention))
      writes.track(applyRetention(), retentionFailed);
  });

  await app.register(
    catalogRoutes({
      accounts,
      sessions,
      audit,
      catalog: liveCatalog,
      liveWork: () => consultations.liveWork(),
    }),
  );

  app.decorate('services', {
    pool,
    signalling: io,
    registry,
    consultations,
    auth: { accounts, sessions, enrollment, audit, secondFactors },
    captures,
    surveys,
    kiosks,
    records,
    queueArchive: archive,
    catalog: liveCatalog,
    routes,
  });
  app.addHook('preClose', async () => {
    signalling.close();
    consultations.close();
    io.disconnectSockets(true);
  });
  app.addHook('onClose', async () => {
    // The HTTP server is already closed by now; socket.io only has its engine left to stop.
    await io.close().catch(() => undefined);
    clearInterval(purge);
    pool.close();
    await writes.settled();
    await archive?.settled();
    queueJournal.close();
    await db.destroy();
  });
  return app;
}
