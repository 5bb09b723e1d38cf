import { runSubgraph } from '@lianjian/api';
import { createProjectsApp } from './bootstrap';
import { settingsFromEnv } from './settings';

runSubgraph('projects', () => settingsFromEnv(), createProjectsApp);
