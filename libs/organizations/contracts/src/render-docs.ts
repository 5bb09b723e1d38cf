import { renderContractFiles } from '@lianjian/contracts';
import { ORGANIZATIONS_CONTRACT } from './contract';

/** The published contract as files: one JSON Schema per event, and the AsyncAPI 3 document of the service. */
export const renderEventDocs = (): Record<string, string> => renderContractFiles(ORGANIZATIONS_CONTRACT);
