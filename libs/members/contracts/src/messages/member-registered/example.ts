import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  memberId: '8000000000000001',
  organizationId: 'b-1',
  profile: {
    maskedName: '张*',
    gender: 'Male',
    birthDate: '1990-01-01',
    ethnicity: '汉族',
    education: '本科',
    category: 'Employed',
    posts: [],
    unitId: null,
  },
  protectedData: {
    keyId: 'k-8000000000000001',
    sealingKey: 'Mzk0ZjU1YjYtZTEyNS00ZDJkLWJiZjQtNmJkYzQ3ZTA',
    name: 'v1.nnnn.oooo.pppp',
    idNumber: 'v1.aaaa.bbbb.cccc',
    phone: null,
  },
  stage: 'FullMember',
  stageHistory: [
    { stage: 'ProbationaryMember', since: '2014-07-01' },
    { stage: 'FullMember', since: '2015-07-01' },
  ],
  probationEndsOn: null,
  status: 'Normal',
  registeredOn: '2026-11-22',
  source: 'Import',
};
