/**
 * The one Content-Security-Policy for the UI, whichever way it is served (Electron's window or the
 * headless server). The renderer is a bundle of same-origin files: nothing inline, nothing remote,
 * no eval, no frames, no forms posting elsewhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
