import { imageToPdfTask } from '../image/image-to-pdf.task';
import type { DocumentLimits } from '../limits/document-limits';
import { checkFileSize } from '../limits/file-size.limit';
import type { PageSize } from '../page-size';
import { inspectPdf } from '../pdf/inspect-pdf';
import { textToPdfTask } from '../text/text-to-pdf.task';
import { requireSourceFormat, type SourceFormat } from './detect-source-format';

/** Input of the `document-to-pdf` worker task. */
export interface DocumentToPdfInput {
  bytes: Uint8Array;
  pageSize: PageSize;
  limits: DocumentLimits;
}

/** Checks any accepted file and returns it as a PDF: a PDF as it is, text and images converted. */
export async function documentToPdfTask(input: DocumentToPdfInput): Promise<{ bytes: Uint8Array; pages: number; format: SourceFormat }> {
  const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  checkFileSize(bytes.length, input.limits.maxFileBytes);
  const format = requireSourceFormat(bytes);
  switch (format) {
    case 'pdf':
      return { bytes, pages: await inspectPdf(bytes, input.limits), format };
    case 'txt':
      return { ...(await textToPdfTask({ text: bytes, pageSize: input.pageSize, limits: input.limits })), format };
    default:
      return { ...(await imageToPdfTask({ image: bytes, formats: ['png', 'jpeg', 'tiff'], pageSize: input.pageSize, layout: 'fit', limits: input.limits })), format };
  }
}
