import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import {
  commands,
  type Ack,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
} from '@madoguchi/shared';
import { AppError, toWireError } from '../errors.ts';
import { parseBody } from '../validation.ts';
import type { Participant } from '../sessions/participant.ts';

export type CommandHandler<N extends CommandName> = (
  participant: Participant,
  payload: CommandRequest<N>,
) => Promise<CommandResponse<N>> | CommandResponse<N>;

export type CommandHandlers = { [N in CommandName]: CommandHandler<N> };

const commandNames = new Set<string>(Object.keys(commands));

/**
 * Wires every command of the contract to its handler with the same steps: check the role, parse
 * the payload, run, answer through the acknowledgement. Nothing a client sends can throw past
 * this function, and every refusal carries a code.
 */
export function registerHandlers(
  socket: Socket,
  participant: Participant,
  handlers: CommandHandlers,
  log: Logger,
  isWithinRate: () => Promise<boolean>,
): void {
  for (const name of Object.keys(commands) as CommandName[]) {
    socket.on(name, (payload: unknown, ack: unknown) => {
      void isWithinRate().then((isAllowed) =>
        isAllowed
          ? handle(name, payload, ack, participant, handlers, log)
          : refuse(ack, new AppError('RATE_LIMITED', 'too many requests; slow down')),
      );
    });
  }
  // Unknown events spend the connection's budget like commands, so a flood of them is refused
  // (and logged) at the same rate instead of filling the log.
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && commandNames.has(event)) return;
    const ack = args.at(-1);
    void isWithinRate().then((isAllowed) => {
      if (!isAllowed) {
        refuse(ack, new AppError('RATE_LIMITED', 'too many requests; slow down'));
        return;
      }
      log.warn({ event: String(event).slice(0, 64) }, 'unknown event');
      refuse(ack, AppError.validation('unknown event'));
    });
  });
}

function refuse(ack: unknown, error: AppError): void {
  if (typeof ack === 'function') ack({ ok: false, error: toWireError(error) } satisfies Ack<never>);
}

async function handle<N extends CommandName>(
  name: N,
  payload: unknown,
  ack: unknown,
  participant: Participant,
  handlers: CommandHandlers,
  log: Logger,
): Promise<void> {
  if (typeof ack !== 'function') {
    log.warn({ event: name }, 'command sent without acknowledgement; ignored');
    return;
  }
  const reply = ack as (response: Ack<CommandResponse<N>>) => void;
  const spec = commands[name];
  try {
    if (!(spec.roles as readonly string[]).includes(participant.role)) throw AppError.forbidden(name);
    const request = parseBody(spec.request, payload, 'payload') as CommandRequest<N>;
    const handler = handlers[name] as CommandHandler<N>;
    const data = await handler(participant, request);
    reply({ ok: true, data });
  } catch (error) {
    const wire = toWireError(error);
    if (wire.code === 'INTERNAL') {
      log.error({ err: error, event: name }, 'command failed');
    } else {
      log.info({ event: name, code: wire.code, reason: wire.message }, 'command refused');
    }
    reply({ ok: false, error: wire });
  }
}
