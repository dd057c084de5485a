import { registerEnumType } from 'type-graphql';

/** The values of an enum made by `describedEnum`, as a type. */
export type EnumValue<E> = E[keyof E];

/**
 * A GraphQL enum whose values are written once, each beside its description: the enum object (`X.VALUE`, its own
 * name as its value, like a TypeScript string enum) and its registration with type-graphql, from one table. Values
 * keep the table's order.
 */
export function describedEnum<const K extends string>(
  name: string,
  description: string,
  values: Record<K, string>,
): { readonly [V in K]: V } {
  const names = Object.keys(values) as K[];
  const enumObject = Object.fromEntries(names.map((value) => [value, value])) as { [V in K]: V };
  const valuesConfig = Object.fromEntries(names.map((value) => [value, { description: values[value] }])) as Record<
    K,
    { description: string }
  >;
  registerEnumType(enumObject, { name, description, valuesConfig });
  return enumObject;
}
