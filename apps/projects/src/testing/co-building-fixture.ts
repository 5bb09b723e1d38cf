import { type OrganizationsProcess, testCaller } from '@lianjian/testing';

const region = (district: string | null, street: string | null = null, community: string | null = null) => ({
  district,
  street,
  community,
});

/**
 * The part of a city a co-building test needs, in the organizations service: the city and Huangpu committees, the
 * Waitan street working committee and its Ruijin community committee, a branch in a firm, and three units of the
 * street (the firm covered by its branch), plus Xuhui for a district outside the test's scope.
 */
export async function establishCoBuildingCity(orgs: OrganizationsProcess): Promise<void> {
  await orgs.establishCityAndHuangpu();
  const establish = (organizationId: string, name: string, type: string, parentId: string, r: object) =>
    orgs.establish({ organizationId, name, organizationType: type, parentId, region: r });
  await establish('xuhui', '徐汇区委', 'Committee', 'city', region('xuhui'));
  await establish('waitan', '外滩街道党工委', 'WorkingCommittee', 'huangpu', region('huangpu', 'waitan'));
  await establish('ruijin', '瑞金社区党委', 'Committee', 'waitan', region('huangpu', 'waitan', 'ruijin'));
  await establish('xh-street', '徐家汇街道党工委', 'WorkingCommittee', 'xuhui', region('xuhui', 'xujiahui'));
  const units: Array<[string, string, string]> = [
    ['u-bank', '外滩银行', 'StateOwnedEnterprise'],
    ['u-tech', '外滩科技有限公司', 'Enterprise'],
    ['u-school', '瑞金小学', 'School'],
  ];
  for (const [unitId, name, kind] of units)
    await orgs.ok(
      testCaller('CITY_ADMIN'),
      `mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`,
      {
        input: {
          unitId,
          name,
          kind,
          industry: '服务',
          employees: 80,
          aboveScale: true,
          region: region('huangpu', 'waitan', 'ruijin'),
        },
      },
    );
  await establish('b-tech', '外滩科技联合党支部', 'JointBranch', 'waitan', region('huangpu', 'waitan'));
  await orgs.ok(testCaller('CITY_ADMIN'), `mutation($input: CoverUnitsInput!) { coverUnits(input: $input) { id } }`, {
    input: { organizationId: 'b-tech', unitIds: ['u-tech'], effectiveOn: '2020-02-01' },
  });
}
