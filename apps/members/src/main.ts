import { runSubgraph } from '@lianjian/api';
import { createMembersApp } from './bootstrap';
import { settingsFromEnv } from './settings';

runSubgraph('members', () => settingsFromEnv(), createMembersApp);
