import { relative, sep } from 'node:path';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isApiPath, sendError } from './replies.ts';

const ROBOTS_TXT = 'User-agent: *\nDisallow: /\n';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Files under assets/ carry a content hash in their name, so they never change and may be cached for a year.
 * Everything else (index.html, sw.js, manifest.webmanifest, icons) is revalidated on every use, so an update
 * reaches people on their next visit.
 */
export function cacheControlFor(pathInRoot: string): string {
  return pathInRoot.split(sep).join('/').startsWith('assets/') ? IMMUTABLE : 'no-cache';
}

/** 64 kB: about 60 records, compressed (brotli quality 4) in well under a millisecond. */
const SYNC_COMPRESS_MAX_BYTES = 65_536;

/** Registers compression (it must come before static so files are compressed) and the built PWA, if any. */
export async function registerStatic(app: FastifyInstance, staticDir: string | undefined): Promise<void> {
  // The small answers most requests get (an incremental pull, a push result) are compressed in one call: a zlib
  // stream per response costs more in set-up and scheduling than the compression itself, and under many devices
  // on a small server those costs queued answers for seconds. Larger pages still stream through the thread pool.
  await app.register(compress, { syncThreshold: SYNC_COMPRESS_MAX_BYTES });
  app.get('/robots.txt', async (_request, reply) => reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(ROBOTS_TXT));
  if (staticDir === undefined) return;
  await app.register(fastifyStatic, {
    root: staticDir,
    cacheControl: false,
    allowedPath: (pathName) => !isApiPath(pathName),
    setHeaders: (reply, filePath) => void reply.header('cache-control', cacheControlFor(relative(staticDir, filePath))),
  });
}

function wantsHtml(request: FastifyRequest): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && (request.headers.accept ?? '').includes('text/html');
}

/** Unknown API routes get a code; a page address the SPA's router knows gets index.html. */
export function notFoundHandler(staticDir: string | undefined) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    if (staticDir !== undefined && !isApiPath(request.url) && wantsHtml(request)) return reply.sendFile('index.html');
    return sendError(reply, 404, 'notFound');
  };
}
