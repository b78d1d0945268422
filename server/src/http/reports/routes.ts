import type { FastifyPluginAsync } from 'fastify';
import { kpiQuerySchema, nationalReportQuerySchema } from '@madoguchi/shared';
import type { StaffAccounts } from '../../auth/staff-accounts.ts';
import type { StaffSessions } from '../../auth/staff-sessions.ts';
import { AppError } from '../../errors.ts';
import { kpiCsv, kpiReport } from '../../reports/kpis.ts';
import { nationalReport, type BoothHours } from '../../reports/national.ts';
import type { Database } from '../../store/database.ts';
import { parseBody } from '../../validation.ts';
import { requireStaff } from '../staff-auth.ts';

/** Longest period one request may cover: a year and a day. */
const maxPeriodDays = 367;

function checkPeriod(from: string, to: string): void {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (!(days > 0 && days <= maxPeriodDays))
    throw AppError.validation(`to: 1 to ${maxPeriodDays} days after from`);
}

/** The figures the city reports, for supervisors and administrators. */
export const reportRoutes =
  (deps: {
    db: Database;
    booths: () => BoothHours[];
    sessions: StaffSessions;
    accounts: StaffAccounts;
  }): FastifyPluginAsync =>
  async (app) => {
    const overseer = requireStaff(deps, ['supervisor', 'admin']);
    const report = (query: unknown) => {
      const parsed = parseBody(kpiQuerySchema, query);
      checkPeriod(parsed.from, parsed.to);
      return kpiReport(deps.db, { ...parsed, isDemo: parsed.demo === 'true' });
    };

    app.get('/api/reports/kpis', { preHandler: overseer }, async (request) => report(request.query));

    app.get('/api/reports/kpis.csv', { preHandler: overseer }, async (request, reply) => {
      const kpis = await report(request.query);
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="madoguchi-kpis-${kpis.groupBy}-${kpis.from}-${kpis.to}.csv"`,
        );
      return kpiCsv(kpis);
    });

    app.get('/api/reports/national', { preHandler: overseer }, async (request) => {
      const query = parseBody(nationalReportQuerySchema, request.query);
      checkPeriod(query.from, query.to);
      checkPeriod(query.baselineFrom, query.baselineTo);
      return nationalReport(deps.db, { ...query, isDemo: query.demo === 'true' }, deps.booths());
    });
  };
