/**
 * What the sandbox seed holds for a member, written out by hand (not read from the seed) so that a test compares
 * what the subgraph decodes against an answer it did not compute.
 */

/** M1001's Kognitiv profile, as the datasource and the `loyalty` field give it. */
export const AROHA_M1001_LOYALTY = {
  memberId: 5001,
  firstName: 'Aroha',
  middleName: 'Mere',
  lastName: 'Ngata',
  suffix: null,
  nickName: 'Ro',
  birthDate: '1988-03-14',
  gender: 'FEMALE',
  isEmployee: false,
  isSuspended: false,
  isLocked: false,
};
