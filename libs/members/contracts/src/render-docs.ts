import { renderContractFiles } from '@lianjian/contracts';
import { MEMBERS_CONTRACT } from './contract';

/** The members service's published contract as files: one JSON Schema per event and its AsyncAPI 3 document. */
export const renderMembersEventDocs = (): Record<string, string> => renderContractFiles(MEMBERS_CONTRACT);
