import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/** The built kiosk and console, each under its own path prefix. */
export const clientPages =
  (apps: { prefix: string; dir: string }[]): FastifyPluginAsync =>
  async (app) => {
    for (const [index, { prefix, dir }] of apps.entries()) {
      if (!existsSync(path.join(dir, 'index.html'))) {
        app.log.warn({ dir }, 'client build missing; run the start command to build it');
        continue;
      }
      await app.register(fastifyStatic, {
        root: dir,
        prefix,
        decorateReply: index === 0,
        index: 'index.html',
      });
    }
    app.get('/', async (_request, reply) => reply.redirect('/kiosk/'));
  };
