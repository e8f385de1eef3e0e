/**
 * Security headers on every response (pages, API, static files, socket.io), set by server.ts.
 * The CSP is what Next and Monaco work under: Next's bootstrap and Monaco's theme use inline
 * scripts and styles (nonces would force every page to render dynamically), Monaco's workers are
 * files of the app (and blob: for its fallbacks), socket.io needs ws:/wss: to the same host. Nothing
 * is loaded from another origin, and no page may be framed. Development adds 'unsafe-eval' for
 * React's refresh runtime.
 */
export function securityHeaders(dev: boolean): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
}
