import { formatSize } from '../documents/format-size';
import type { PromptDefinition } from './prompt-definition';

/** What the prompt should say about this server's limits. */
export interface SendFaxWellOptions {
  maxFileBytes: number;
  /** Whether send_fax accepts filePath on this connection. */
  filePathAvailable: boolean;
}

/** `send_fax_well`: how to call send_fax so the fax goes out on the first try. */
export function createSendFaxWellPrompt(options: SendFaxWellOptions): PromptDefinition {
  return {
    name: 'send_fax_well',
    title: 'Send a fax well',
    description: 'Guidance for sending a fax with send_fax: number format, document choices and following delivery.',
    text: () =>
      [
        'Send a fax with the send_fax tool, following these rules.',
        '',
        'Number: use E.164 — a "+", the country code, then the national number, digits only, e.g. +15551234567 (US) or +442071234567 (UK).',
        'Drop the national trunk prefix (the leading 0 in many countries). If the country is unclear, ask the user instead of guessing.',
        '',
        `Document: PDF, plain text (TXT), PNG, JPEG or TIFF, at most ${formatSize(options.maxFileBytes)}. Give exactly one source:`,
        options.filePathAvailable
          ? '- filePath: the absolute path of a file on this computer. Best for local files.'
          : '- filePath: not available on this connection; use one of the other two.',
        '- fileUrl: an http(s) link the server downloads. Best for documents already online.',
        '- fileContent: base64 of the document plus fileName (e.g. "letter.pdf"). Only for small documents you already hold as bytes; never retype a document as base64.',
        'To fax text you wrote, prefer saving it as a .txt file and sending its filePath.',
        '',
        'After sending: send_fax returns a jobId with status "queued". Call get_fax_status with that jobId every few seconds until "final" is true.',
        'SUCCESS means delivered. FAILED comes with an errorCode such as NO_ANSWER or LINE_BUSY; tell the user and offer to retry.',
        'Faxes often carry health information: do not repeat the number or the document content back unless the user asks.',
      ].join('\n'),
  };
}
