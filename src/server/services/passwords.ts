/**
 * Password hashing: Argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane). The native `argon2` package runs the
 * hash in libuv's thread pool, so a sign-in does not stall other requests for its ~50 ms.
 */
import argon2 from 'argon2';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * A hash of a random password nobody knows, with the same parameters. A sign-in with an unknown username is
 * checked against it, so it takes as long as one with a known username and the timing does not tell which exist.
 */
const DUMMY_HASH = '$argon2id$v=19$m=19456,p=1,t=2$HxLWsGAhaHsOQ5pmvBnuVw$bIPJIvNzfMgPYBccNNe+F+x2xmQZ1gENLLtFx3Bhhrw';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

/** false for a wrong password and for a hash that cannot be read, so a damaged row never signs anyone in. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Spends the time of one verification and answers false. */
export async function verifyNobody(password: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, password);
  return false;
}

/** Whether a hash that just verified was made with other settings than today's, so a sign-in should store a new one. */
export function needsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, OPTIONS);
}
