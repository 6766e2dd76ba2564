import type { Response } from 'express';
import type { Readable } from 'node:stream';

/** Sends a stored PDF as a download that no cache keeps. */
export function sendPdf(response: Response, stream: Readable, fileName: string): void {
  response.status(200).set({
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store, no-cache, must-revalidate',
    Pragma: 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}
