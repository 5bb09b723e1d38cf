import { renderContractFiles } from '@lianjian/contracts';
import { PROJECTS_CONTRACT } from './contract';

/** The projects service's published contract as files: one JSON Schema per event and its AsyncAPI 3 document. */
export const renderProjectsEventDocs = (): Record<string, string> => renderContractFiles(PROJECTS_CONTRACT);
