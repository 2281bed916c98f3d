/** The server's sign-in endpoints, answers checked against the shared schemas. */
import { sessionResponse, signInResponse, type SessionResponse, type SignInRequest, type SignInResponse } from '#shared/schema/auth.ts';
import { answerOf, apiRequest, type FetchLike } from '../platform/apiRequest.ts';

export interface AuthApi {
  signIn(request: SignInRequest): Promise<SignInResponse>;
  signOut(): Promise<void>;
  session(): Promise<SessionResponse>;
}

export function httpAuthApi(baseUrl = '', fetchImpl: FetchLike = (...args) => fetch(...args)): AuthApi {
  return {
    async signIn(request) {
      return answerOf(signInResponse, await apiRequest(fetchImpl, `${baseUrl}/api/auth/sign-in`, { method: 'POST', body: request }));
    },
    async signOut() {
      await apiRequest(fetchImpl, `${baseUrl}/api/auth/sign-out`, { method: 'POST' });
    },
    async session() {
      return answerOf(sessionResponse, await apiRequest(fetchImpl, `${baseUrl}/api/auth/session`));
    },
  };
}
