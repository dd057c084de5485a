import type { Vendors } from '../../src/vendors/vendor-operations.js';

/**
 * Wraps the real datasources so that Kognitiv's `method` rejects with `new TypeError(message)`: a bug nobody raised
 * on purpose, for a test of what a client and the operator see of one.
 */
export function withKognitivBug(method: keyof Vendors['kognitiv'], message: string): (vendors: Vendors) => Vendors {
  return (vendors) => ({
    ...vendors,
    kognitiv: new Proxy(vendors.kognitiv, {
      get: (target, name, receiver) =>
        name === method ? () => Promise.reject(new TypeError(message)) : Reflect.get(target, name, receiver),
    }),
  });
}
