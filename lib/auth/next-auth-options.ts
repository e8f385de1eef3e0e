/**
 * next-auth: email + password credentials and JWT sessions that expire after SESSION_MAX_AGE.
 * The token carries only the user id; roles are re-read from the database on every request.
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { authSecret } from "@/lib/auth/auth-secret";
import { verifyCredentials } from "@/lib/users/verify-credentials";

export function authOptions(): NextAuthOptions {
  const maxAge = env().SESSION_MAX_AGE;
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          if (!credentials?.email || !credentials.password) return null;
          return verifyCredentials(credentials.email, credentials.password);
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        // At sign-in: the user's session version, so ending sessions (lib/users/sessions.ts) voids this token.
        if (user) {
          token.sub = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
