import type { FastifyPluginAsync } from 'fastify';
import type { HealthResponse } from '@madoguchi/shared';
import type { WorkerPool } from '../../media/worker-pool.ts';

export const healthRoutes =
  (pool: WorkerPool): FastifyPluginAsync =>
  async (app) => {
    app.get('/api/health', async (): Promise<HealthResponse> => {
      const alive = pool.aliveCount;
      const expected = pool.expectedCount;
      return { status: alive === expected ? 'ok' : 'degraded', mediaWorkers: { alive, expected } };
    });
  };
