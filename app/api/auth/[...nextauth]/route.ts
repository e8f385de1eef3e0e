// next-auth's own endpoints (sign-in, sign-out, session, csrf). Public by nature; the matrix test
// lists this file as the one route not built with lib/http/route.ts. lib/auth/auth-route.ts adds
// body limits, sign-in rate limits and server-side sign-out around next-auth.
import { authHandler } from "@/lib/auth/auth-route";

export { authHandler as GET, authHandler as POST };
