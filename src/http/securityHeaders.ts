import type { RequestHandler } from 'express';

/**
 * Headers every answer carries, so a browser never reads the simulator's
 * data as anything but what it is: no MIME sniffing, no framing by another
 * site (clickjacking the training client), no referrer leaving it, and no
 * cached copy of data or errors (a shared classroom machine). Static files of
 * the web client set their own Cache-Control after this.
 */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
  next();
};
