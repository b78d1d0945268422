import type { FactPayload } from '@madoguchi/shared';

/** A colleague asks this clerk to join their running call. */
export type Invitation = FactPayload<'call:invited'>;
