import { assertImageDecodes, readImagePages } from '../image/image-pages';
import type { DocumentLimits } from '../limits/document-limits';
import { checkFileSize } from '../limits/file-size.limit';
import type { PageSize } from '../page-size';
import { inspectPdf } from '../pdf/inspect-pdf';
import { decodeText, faxTextPages } from '../text/fax-text-pages';
import { requireSourceFormat, type SourceFormat } from './detect-source-format';

/** Input of the `inspect` worker task. */
export interface InspectInput {
  bytes: Uint8Array;
  pageSize: PageSize;
  limits: DocumentLimits;
}

/**
 * Decides the format by content and parses the file as far as needed to promise a conversion will
 * work: a PDF is opened and every page loaded, an image fully decoded (at a small size), a text
 * checked against the fax font and laid out. Refusals are {@link DocumentError}s.
 */
export async function inspectTask(input: InspectInput): Promise<{ format: SourceFormat; pages: number }> {
  const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  checkFileSize(bytes.length, input.limits.maxFileBytes);
  const format = requireSourceFormat(bytes);
  switch (format) {
    case 'pdf':
      return { format, pages: await inspectPdf(bytes, input.limits) };
    case 'txt':
      return { format, pages: faxTextPages(decodeText(bytes), input.pageSize, input.limits).length };
    default: {
      const pages = await readImagePages(bytes, format, input.limits);
      await assertImageDecodes(bytes, pages, input.limits);
      return { format, pages: pages.length };
    }
  }
}
