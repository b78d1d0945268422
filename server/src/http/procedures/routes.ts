import type { FastifyPluginAsync } from 'fastify';
import type { Procedure, ProceduresResponse } from '@madoguchi/shared';

export const procedureRoutes =
  (procedures: readonly Procedure[]): FastifyPluginAsync =>
  async (app) => {
    app.get('/api/procedures', async (): Promise<ProceduresResponse> => ({ procedures: [...procedures] }));
  };
