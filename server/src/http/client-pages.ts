import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export interface ClientPagesOptions {
  /**
   * Mark every page 「デモ」 (demo mode): the pages' HTML gets a visible mark and a link to its
   * stylesheet, both served from here, so the Content-Security-Policy stays as strict as it is.
   */
  hasDemoMark: boolean;
}

/** Where the mark's stylesheet is served (outside both front ends, which each have their own prefix). */
export const demoMarkStylesheet = '/demo-mark.css';

/** What the mark says, in Japanese and English: shown, and read out by screen readers. */
export const demoMarkTitle = 'デモ環境：実際の手続きには使えません / Demonstration: not for real procedures';

const demoMarkHtml =
  `<div class="madoguchi-demo-mark" role="note" lang="ja" title="${demoMarkTitle}" aria-label="${demoMarkTitle}">` +
  '<strong class="madoguchi-demo-mark__label">デモ</strong>' +
  '<span class="madoguchi-demo-mark__text">実際の手続きには使えません · Demo: not for real procedures</span>' +
  '</div>';

// Never in the way: it lets every tap and click through to the page under it.
const demoMarkCss = `.madoguchi-demo-mark {
  position: fixed;
  top: 0;
  left: 50%;
  z-index: 2147483647;
  display: flex;
  gap: 0.5em;
  align-items: baseline;
  padding: 2px 12px 4px;
  font: 14px/1.4 system-ui, sans-serif;
  color: #fff;
  background: rgb(176 0 32 / 88%);
  border-radius: 0 0 8px 8px;
  transform: translateX(-50%);
  pointer-events: none;
  user-select: none;
}
.madoguchi-demo-mark__label {
  font-size: 16px;
  font-weight: 700;
  letter-spacing: 0.1em;
}
@media print {
  .madoguchi-demo-mark {
    position: static;
    transform: none;
  }
}
`;

/** The page with the mark's stylesheet linked in its head and the mark first in its body. */
export function withDemoMark(html: string): string {
  const head = html.indexOf('</head>');
  const body = /<body[^>]*>/i.exec(html);
  if (head < 0 || !body || body.index < head) throw new Error('page has no <head> and <body> to mark');
  const bodyEnd = body.index + body[0].length;
  return (
    html.slice(0, head) +
    `<link rel="stylesheet" href="${demoMarkStylesheet}">\n  ` +
    html.slice(head, bodyEnd) +
    demoMarkHtml +
    html.slice(bodyEnd)
  );
}

/** The built kiosk and console, each under its own path prefix. */
export const clientPages =
  (apps: { prefix: string; dir: string }[], options: ClientPagesOptions): FastifyPluginAsync =>
  async (app) => {
    for (const [index, { prefix, dir }] of apps.entries()) {
      const indexFile = path.join(dir, 'index.html');
      if (!existsSync(indexFile)) {
        app.log.warn({ dir }, 'client build missing; run the start command to build it');
        continue;
      }
      await app.register(fastifyStatic, {
        root: dir,
        prefix,
        decorateReply: index === 0,
        index: 'index.html',
      });
      if (options.hasDemoMark) {
        // Exact routes win over the static wildcard; read on each request like the static files,
        // so a rebuilt front end is served with its new asset names.
        for (const url of [prefix, `${prefix}index.html`]) {
          app.get(url, async (_request, reply) =>
            reply
              .type('text/html; charset=utf-8')
              .header('cache-control', 'no-cache')
              .send(withDemoMark(await readFile(indexFile, 'utf8'))),
          );
        }
      }
    }
    if (options.hasDemoMark) {
      app.get(demoMarkStylesheet, async (_request, reply) =>
        reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(demoMarkCss),
      );
    }
    app.get('/', async (_request, reply) => reply.redirect('/kiosk/'));
  };
