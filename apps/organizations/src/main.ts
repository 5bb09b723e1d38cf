import { runSubgraph } from '@lianjian/api';
import { createOrganizationsApp } from './bootstrap';
import { settingsFromEnv } from './settings';

runSubgraph('organizations', () => settingsFromEnv(), createOrganizationsApp);
