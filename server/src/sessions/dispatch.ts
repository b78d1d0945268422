/**
 * Interim routing until the skills-based queue is wired in: the longest-waiting caller goes to the
 * longest-idle available clerk, skipping clerks who already passed on that caller. Pure.
 */
export interface WaitingCaller {
  id: string;
  requestedAt: number;
  passedBy: ReadonlySet<string>;
}

export interface IdleClerk {
  id: string;
  availableSince: number;
}

export function matchCallersToClerks(
  callers: readonly WaitingCaller[],
  clerks: readonly IdleClerk[],
): { callerId: string; clerkId: string }[] {
  const byWait = [...callers].sort((a, b) => a.requestedAt - b.requestedAt);
  const free = [...clerks].sort((a, b) => a.availableSince - b.availableSince);
  const matches: { callerId: string; clerkId: string }[] = [];
  for (const caller of byWait) {
    const index = free.findIndex((clerk) => !caller.passedBy.has(clerk.id));
    if (index === -1) continue;
    const [clerk] = free.splice(index, 1);
    if (clerk) matches.push({ callerId: caller.id, clerkId: clerk.id });
  }
  return matches;
}
