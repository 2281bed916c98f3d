import { describe, expect, it } from 'vitest';
import { ApiError, apiRequest } from '#client/platform/apiRequest.ts';

/** The code a failed request rejects with, for an answer of this status and body. */
async function codeFor(status: number, body: string): Promise<string> {
  const answer = () => Promise.resolve(new Response(body, { status, headers: { 'content-type': 'application/json' } }));
  const error: unknown = await apiRequest(answer, '/api/sync/pull').then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error.code;
}

describe('apiRequest', () => {
  it("takes the code from the server's own answer", async () => {
    expect(await codeFor(503, '{"code":"serverBusy"}')).toBe('serverBusy');
    expect(await codeFor(500, '{"code":"serverError"}')).toBe('serverError');
    expect(await codeFor(409, '{"code":"deviceInUse"}')).toBe('deviceInUse');
  });

  it('says "busy or restarting" for what a proxy answers while the server is down, and names any other failure by its kind', async () => {
    for (const status of [502, 503, 504]) expect(await codeFor(status, '<html>Bad Gateway</html>')).toBe('serverBusy');
    expect(await codeFor(500, '<html>Internal Server Error</html>')).toBe('serverError');
    expect(await codeFor(400, 'not json')).toBe('badRequest');
  });
});
