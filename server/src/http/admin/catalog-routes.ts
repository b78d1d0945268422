import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  saveCatalogRequestSchema,
  type CatalogRevisionSummary,
  type CatalogRevisionView,
} from '@madoguchi/shared/catalog';
import type { AuditLog } from '../../auth/audit-log.ts';
import type { StaffAccounts } from '../../auth/staff-accounts.ts';
import type { StaffSessions } from '../../auth/staff-sessions.ts';
import type { CatalogRevisionRecord, LiveCatalog, LiveWork } from '../../catalog/index.ts';
import { parseBody } from '../../validation.ts';
import { requireStaff } from '../staff-auth.ts';

export interface CatalogRoutesDeps {
  accounts: StaffAccounts;
  sessions: StaffSessions;
  audit: AuditLog;
  catalog: LiveCatalog;
  /** What is going on now, which a change must not strand. */
  liveWork: () => LiveWork;
}

const revisionsQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

const summaryOf = (record: CatalogRevisionRecord): CatalogRevisionSummary => ({
  revision: record.revision,
  savedAt: new Date(record.savedAt).toISOString(),
  savedBy: record.savedBy,
  changes: record.changes,
});

/**
 * The catalogue (procedures, skills, clerks, booths and kiosks, hours and holidays, retention) as
 * administrators edit it: read the revision in force, save a whole new one against it, list the
 * revisions. Supervisors may read what is in force; only administrators change it. Every change
 * is audited with the ids it touched.
 */
export const catalogRoutes =
  (deps: CatalogRoutesDeps): FastifyPluginAsync =>
  async (app) => {
    const admin = requireStaff(deps, ['admin']);
    const reader = requireStaff(deps, ['supervisor', 'admin']);

    app.get('/api/admin/catalog', { preHandler: reader }, async (): Promise<CatalogRevisionView> => {
      const { catalog, ...record } = deps.catalog.current;
      return { ...summaryOf(record), catalog };
    });

    app.put('/api/admin/catalog', { preHandler: admin }, async (request): Promise<CatalogRevisionSummary> => {
      const body = parseBody(saveCatalogRequestSchema, request.body);
      const actor = request.staff!.account.staffId;
      const saved = await deps.catalog.save({
        actor,
        baseRevision: body.baseRevision,
        document: body.catalog,
        liveWork: deps.liveWork,
      });
      if (saved.isChanged) {
        await deps.audit.record({
          actor,
          action: 'catalog.updated',
          subject: `revision-${saved.record.revision}`,
          details: { ...saved.record.changes },
        });
      }
      return summaryOf(saved.record);
    });

    app.get('/api/admin/catalog/revisions', { preHandler: admin }, async (request) => {
      const { limit } = parseBody(revisionsQuerySchema, request.query);
      return { revisions: (await deps.catalog.revisions(limit)).map(summaryOf) };
    });
  };
