export { createFaxbotClient, type FaxbotClient, type FaxbotClientOptions, type FaxDocument, type RequestOptions, type SendFaxOptions } from './faxbot-client';
export { FaxbotApiError, codeForStatus, type FaxbotApiErrorCode } from './faxbot-api.error';
export { FINAL_FAX_STATUSES, type FaxJob, type FaxStatus, type PluginCapability, type CapabilitiesResponse, type HealthResponse } from './fax-job';
