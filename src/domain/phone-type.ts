/**
 * The kinds of phone a member may save. Below both config.ts (KOGNITIV_PHONE_TYPES maps each to Kognitiv's reference)
 * and schema/ (which publishes it as the GraphQL enum `PhoneType`, in schema/phone/phone-type.enum.ts).
 */
export enum PhoneType {
  HOME = 'HOME',
  MOBILE = 'MOBILE',
  WORK = 'WORK',
  EMERGENCY = 'EMERGENCY',
}
