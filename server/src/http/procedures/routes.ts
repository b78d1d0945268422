import type { FastifyPluginAsync } from 'fastify';
import type { Procedure, ProceduresResponse } from '@madoguchi/shared';

/** The procedures residents can choose, as the catalogue in force lists them. */
export const procedureRoutes =
  (procedures: () => readonly Procedure[]): FastifyPluginAsync =>
  async (app) => {
    app.get('/api/procedures', async (): Promise<ProceduresResponse> => ({ procedures: [...procedures()] }));
  };
