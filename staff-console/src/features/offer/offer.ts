import type { FactPayload } from '@madoguchi/shared';

/** A call rung on this clerk's console, to accept or decline. */
export type Offer = FactPayload<'call:offered'>;
