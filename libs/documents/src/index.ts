export { detectDocumentType, DOCUMENT_MIME_TYPES, type DocumentType } from './intake/detect-document-type';
