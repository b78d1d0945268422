import { randomBytes, randomUUID } from 'node:crypto';
import type { ParticipantId, ResumeToken } from '@madoguchi/shared';
import { identityKeyOf, Participant, type Identity } from './participant.ts';

/** Every live session, by id, by resume token and by identity. */
export class ParticipantRegistry {
  readonly #byId = new Map<ParticipantId, Participant>();
  readonly #byToken = new Map<string, Participant>();
  readonly #byIdentity = new Map<string, Participant>();

  create(identity: Identity): Participant {
    const participant = new Participant(
      randomUUID() as ParticipantId,
      identity,
      randomBytes(32).toString('base64url') as ResumeToken,
    );
    this.#byId.set(participant.id, participant);
    this.#byToken.set(participant.resumeToken, participant);
    this.#byIdentity.set(participant.identityKey, participant);
    return participant;
  }

  /** The session this token belongs to, if it is still alive and was opened by the same identity. */
  findResumable(token: ResumeToken, identity: Identity): Participant | undefined {
    const participant = this.#byToken.get(token);
    if (!participant) return undefined;
    return identityKeyOf(identity) === participant.identityKey ? participant : undefined;
  }

  findByIdentity(identity: Identity): Participant | undefined {
    return this.#byIdentity.get(identityKeyOf(identity));
  }

  /** The connected clerk with this staff id, if any. */
  findClerk(staffId: string): Participant | undefined {
    return this.#byIdentity.get(`clerk:${staffId}`);
  }

  get(id: ParticipantId): Participant | undefined {
    return this.#byId.get(id);
  }

  all(): IterableIterator<Participant> {
    return this.#byId.values();
  }

  remove(participant: Participant): void {
    participant.cancelGrace();
    this.#byId.delete(participant.id);
    this.#byToken.delete(participant.resumeToken);
    if (this.#byIdentity.get(participant.identityKey) === participant)
      this.#byIdentity.delete(participant.identityKey);
  }
}
