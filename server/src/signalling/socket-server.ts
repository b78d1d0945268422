import type { Server as HttpsServer } from 'node:https';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import { handshakeAuthSchema, type ClientToServerEvents, type ServerToClientEvents } from '@madoguchi/shared';
import type { ConsultationService } from '../sessions/consultation-service.ts';
import type { Deliver, Identity, Participant } from '../sessions/participant.ts';
import type { ParticipantRegistry } from '../sessions/participant-registry.ts';
import type { SessionMediaService } from '../sessions/session-media.ts';
import { AppError } from '../errors.ts';
import type { CaptureService } from '../captures/capture-service.ts';
import { boothHandlers } from './handlers/booth.ts';
import { captureHandlers } from './handlers/capture.ts';
import { handoverHandlers } from './handlers/handover.ts';
import { consultationHandlers } from './handlers/consultation.ts';
import type { Identify } from './identify.ts';
import { mediaHandlers } from './handlers/media.ts';
import { createRateLimits, type RateLimitOptions } from './rate-limits.ts';
import { registerHandlers, type CommandHandlers } from './register-handlers.ts';

export interface SocketServerOptions {
  server: HttpsServer;
  registry: ParticipantRegistry;
  consultations: ConsultationService;
  media: SessionMediaService;
  captures: CaptureService;
  booth: Parameters<typeof boothHandlers>[0];
  handover: Parameters<typeof handoverHandlers>[0];
  /** Who a handshake speaks for (throws UNAUTHENTICATED). */
  identify: Identify;
  resumeGraceMs: number;
  rateLimits: RateLimitOptions;
  log: Logger;
}

export interface SocketServer {
  io: Server;
  /** Cuts off whoever speaks for this identity (revoked kiosk, staff logged out everywhere). */
  disconnect: (identity: Identity, reason: 'logged-out' | 'revoked') => void;
}

interface SocketData {
  participant: Participant;
  isResumed: boolean;
  /** From a resuming handshake: the last fact the client received. */
  lastFactSeq: number | undefined;
}

/**
 * socket.io on the HTTPS server. The handshake must carry a valid identity; each connection is
 * bound to a session (new, or resumed with its token) and every command goes through
 * registerHandlers.
 */
export function createSocketServer(options: SocketServerOptions): SocketServer {
  const { registry, consultations, log } = options;
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(
    options.server,
    {
      // Media negotiation payloads are a few kilobytes; anything far larger is not ours.
      maxHttpBufferSize: 64 * 1024,
      serveClient: false,
      pingInterval: 10_000,
      pingTimeout: 5_000,
    },
  );
  const handlers: CommandHandlers = {
    ...mediaHandlers(options.media),
    ...consultationHandlers(consultations),
    ...captureHandlers(options.captures),
    ...boothHandlers(options.booth),
    ...handoverHandlers(options.handover),
  };
  const limits = createRateLimits(options.rateLimits);
  /** Tells the participant's sockets their session is over, then cuts them off. */
  const endSessionsOf = (participant: Participant, reason: 'replaced' | 'logged-out' | 'revoked') => {
    for (const socket of io.sockets.sockets.values()) {
      if ((socket.data as SocketData | undefined)?.participant !== participant) continue;
      socket.emit('session:ended', { reason });
      socket.disconnect(true);
    }
  };

  io.use(async (socket, next) => {
    if (!(await limits.handshake(socket.handshake.address))) {
      log.warn({ remote: socket.handshake.address }, 'handshake refused: too many attempts');
      const error = new Error('too many connection attempts') as Error & { data: unknown };
      error.data = { code: 'RATE_LIMITED' };
      next(error);
      return;
    }
    const parsed = handshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) {
      log.info({ socketId: socket.id, remote: socket.handshake.address }, 'handshake refused');
      const error = new Error('a valid identity is required') as Error & { data: unknown };
      error.data = { code: 'UNAUTHENTICATED' };
      next(error);
      return;
    }
    const auth = parsed.data;
    let identity: Identity;
    try {
      identity = await options.identify(auth, socket.handshake.headers.cookie);
    } catch (error) {
      const message = error instanceof AppError ? error.message : 'handshake refused';
      log.info({ socketId: socket.id, role: auth.role, reason: message }, 'handshake refused');
      const refusal = new Error(message) as Error & { data: unknown };
      refusal.data = { code: 'UNAUTHENTICATED' };
      next(refusal);
      return;
    }
    const resumed = auth.resumeToken ? registry.findResumable(auth.resumeToken, identity) : undefined;
    if (resumed) {
      socket.data = { participant: resumed, isResumed: true, lastFactSeq: auth.lastFactSeq };
    } else {
      // One live session per kiosk and per clerk: a fresh login replaces a stale one.
      const stale = registry.findByIdentity(identity);
      if (stale) {
        log.info({ participantId: stale.id }, 'session replaced by a new login');
        endSessionsOf(stale, 'replaced');
        consultations.leave(stale);
      }
      socket.data = { participant: registry.create(identity), isResumed: false, lastFactSeq: undefined };
    }
    next();
  });

  io.on('connection', (socket) => onConnection(socket, handlers, () => limits.command(socket.id), options));
  return {
    io,
    disconnect: (identity, reason) => {
      const participant = registry.findByIdentity(identity);
      if (!participant) return;
      endSessionsOf(participant, reason);
      // Its session ends now: no grace period for a client that was cut off on purpose.
      consultations.leave(participant);
    },
  };
}

function onConnection(
  socket: Socket,
  handlers: CommandHandlers,
  isWithinRate: () => Promise<boolean>,
  options: SocketServerOptions,
): void {
  const { participant, isResumed, lastFactSeq } = socket.data as SocketData;
  const log = options.log.child({
    participantId: participant.id,
    role: participant.role,
    socketId: socket.id,
  });
  const deliver: Deliver = (name, payload, seq) => {
    socket.emit(name, payload as never, seq);
  };
  participant.attach(deliver);
  // A resumed session may still have its old socket: it no longer speaks for the participant.
  for (const other of socket.nsp.sockets.values()) {
    if (other !== socket && (other.data as SocketData | undefined)?.participant === participant)
      other.disconnect(true);
  }
  registerHandlers(socket, participant, handlers, log, isWithinRate);
  if (!isResumed && participant.role === 'kiosk') options.consultations.kioskConnected(participant);
  // Before session:ready, so that it names a call the clerk was in before a server restart.
  if (!isResumed && participant.role === 'clerk') options.consultations.clerkReturning(participant);
  const consultation = options.consultations.current(participant);
  socket.emit('session:ready', {
    participantId: participant.id,
    role: participant.role,
    resumeToken: participant.resumeToken,
    isResumed,
    consultation: consultation?.view() ?? null,
    staffStatus: participant.role === 'clerk' ? participant.staffStatus : null,
    clerkProfile: options.consultations.clerkProfileOf(participant),
  });
  if (!participant.replay(lastFactSeq))
    log.warn({ lastFactSeq }, 'resumed session missed facts no longer kept');
  // After session:ready, so that a pending offer re-sent to the clerk arrives after it.
  if (!isResumed && participant.role === 'clerk') options.consultations.clerkConnected(participant);
  options.consultations.notifyChanged();
  log.info({ isResumed }, 'session attached');

  socket.on('disconnect', (reason) => {
    const isDetached = participant.detach(deliver, options.resumeGraceMs, () => {
      log.info('resume grace period over; session ends');
      options.consultations.leave(participant);
    });
    if (isDetached) log.info({ reason }, 'socket disconnected; waiting for resume');
    options.consultations.notifyChanged();
  });
}
