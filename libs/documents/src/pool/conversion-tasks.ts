import type { CoveredOutput, PrependCoverPageInput, RenderCoverPageInput, WithCoverPageInput } from '../cover/cover-page.task';
import type { ImageToPdfInput } from '../image/image-to-pdf.task';
import type { DocumentToPdfInput } from '../intake/document-to-pdf.task';
import type { InspectInput } from '../intake/inspect.task';
import type { SourceFormat } from '../intake/detect-source-format';
import type { ExtractedPage, ExtractTextInput } from '../pdf/extract-text.task';
import type { RenderFaxTiffInput, RenderFaxTiffOutput } from '../pdf/render-fax-tiff.task';
import type { RenderThumbnailInput } from '../pdf/render-thumbnail.task';
import type { TextToPdfInput } from '../text/text-to-pdf.task';

type Converted = { bytes: Uint8Array; pages: number };

/** Every task a conversion worker runs: its input and its output, as they cross the thread. */
export interface ConversionTasks {
  inspect: { input: InspectInput; output: { format: SourceFormat; pages: number } };
  'document-to-pdf': { input: DocumentToPdfInput; output: Converted & { format: SourceFormat } };
  'text-to-pdf': { input: TextToPdfInput; output: Converted };
  'image-to-pdf': { input: ImageToPdfInput; output: Converted };
  'render-fax-tiff': { input: RenderFaxTiffInput; output: RenderFaxTiffOutput };
  'render-thumbnail': { input: RenderThumbnailInput; output: { bytes: Uint8Array; width: number; height: number } };
  'extract-text': { input: ExtractTextInput; output: { pages: ExtractedPage[] } };
  'render-cover-page': { input: RenderCoverPageInput; output: Converted };
  'prepend-cover-page': { input: PrependCoverPageInput; output: CoveredOutput };
  'with-cover-page': { input: WithCoverPageInput; output: CoveredOutput };
}

/** Name of a {@link ConversionTasks} task. */
export type ConversionTaskName = keyof ConversionTasks;

/** Worker → main thread, once, when the worker has loaded and can take tasks. */
export const WORKER_READY = 'ready';

/** Main thread → worker. */
export interface TaskRequest {
  id: number;
  task: ConversionTaskName;
  input: unknown;
}

/** Worker → main thread. */
export type TaskResponse = { id: number; ok: true; output: unknown } | { id: number; ok: false; code: string; message: string };
