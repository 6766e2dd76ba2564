import PDFDocument from 'pdfkit';

/**
 * Runs `draw` on a new pdfkit document (no automatic first page; each page is added by `draw`)
 * and returns the finished file.
 */
export async function writePdf(draw: (document: PDFKit.PDFDocument) => void | Promise<void>): Promise<Buffer> {
  const document = new PDFDocument({ autoFirstPage: false, compress: true, info: { Producer: 'Faxbot', Creator: 'Faxbot' } });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
  await draw(document);
  document.end();
  return finished;
}
