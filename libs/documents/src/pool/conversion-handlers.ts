import { prependCoverPageTask, renderCoverPageTask, withCoverPageTask } from '../cover/cover-page.task';
import { imageToPdfTask } from '../image/image-to-pdf.task';
import { documentToPdfTask } from '../intake/document-to-pdf.task';
import { inspectTask } from '../intake/inspect.task';
import { extractTextTask } from '../pdf/extract-text.task';
import { renderFaxTiffTask } from '../pdf/render-fax-tiff.task';
import { renderThumbnailTask } from '../pdf/render-thumbnail.task';
import { textToPdfTask } from '../text/text-to-pdf.task';
import type { ConversionTasks } from './conversion-tasks';

/** The function behind each task, run inside a conversion worker. */
export const CONVERSION_HANDLERS: { [K in keyof ConversionTasks]: (input: ConversionTasks[K]['input']) => Promise<ConversionTasks[K]['output']> } = {
  inspect: inspectTask,
  'document-to-pdf': documentToPdfTask,
  'text-to-pdf': textToPdfTask,
  'image-to-pdf': imageToPdfTask,
  'render-fax-tiff': renderFaxTiffTask,
  'render-thumbnail': renderThumbnailTask,
  'extract-text': extractTextTask,
  'render-cover-page': renderCoverPageTask,
  'prepend-cover-page': prependCoverPageTask,
  'with-cover-page': withCoverPageTask,
};
