/**
 * Both vendors are .NET services, whose `int` is 32-bit: a number outside that range is not a value
 * the vendor can mean, so an answer carrying one is malformed (and the schema's Int could not carry it).
 */
export const INT32_MIN = -(2 ** 31);
export const INT32_MAX = 2 ** 31 - 1;

export function isInt32(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
}
