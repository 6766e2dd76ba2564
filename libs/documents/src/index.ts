export { detectDocumentType, DOCUMENT_MIME_TYPES, type DocumentType } from './intake/detect-document-type';
export { detectSourceFormat, SOURCE_FORMAT_MIME_TYPES, type SourceFormat } from './intake/detect-source-format';
export { DocumentError, type DocumentErrorCode } from './document.error';
export { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from './limits/document-limits';
export { checkFileSize, createFileSizeGuard } from './limits/file-size.limit';
export type { ConversionOptions, ConvertedDocument, InspectedDocument, Thumbnail } from './conversion.types';
export { FAX_WIDTH_PX, PAGE_SIZES_PT, type FaxResolution, type PageSize } from './page-size';
export type { Halftone } from './raster/bilevel';
export { FAX_COMPRESSIONS, type FaxCompression } from './tiff/fax-page.encoder';
export { createConversionPool, type ConversionPool, type ConversionPoolOptions } from './pool/conversion-pool';
export { inspectDocument, type InspectOptions } from './intake/inspect-document';
export { documentToPdf, type DocumentToPdfOptions } from './intake/document-to-pdf';
export { textToPdf, type TextToPdfOptions } from './text/text-to-pdf';
export { imageToPdf, type ImageToPdfOptions } from './image/image-to-pdf';
export { tiffToPdf, type TiffToPdfOptions } from './tiff/tiff-to-pdf';
export { renderFaxTiff, type RenderFaxTiffOptions } from './pdf/render-fax-tiff';
export { renderThumbnail, type RenderThumbnailOptions } from './pdf/render-thumbnail';
export {
  prependCoverPage,
  renderCoverPage,
  withCoverPage,
  type CoveredDocument,
  type CoverPageFields,
  type CoverPageOptions,
  type CoverPageParty,
} from './cover/cover-page';
