import { Id, Nullable, IsoDate, StringEnum, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS, SIGN_IN_KINDS, StructWithRules, presentWhen } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = StructWithRules(
  {
    projectId: Id,
    signInId: Id,
    kind: StringEnum(SIGN_IN_KINDS),
    memberId: Nullable(Id),
    on: IsoDate,
  },
  presentWhen('kind', 'Member', 'memberId'),
);

export const ProjectSignedIn = defineMessage({
  type: 'ProjectSignedIn',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.project,
  key: { ...STREAM_KEYS.project, of: (data) => projectsStreamId('project', data.projectId) },
  description:
    "Someone signed in to the project's activity: a party member by member id only (the members service takes it for the member's yearly appraisal), or a volunteer by nothing personal (volunteers are not platform users: the sign-in id alone, `memberId` null). The schema holds it: a Member sign-in has a member id, a Volunteer sign-in none.",
  payload,
  example,
});
