/**
 * The three `Reflect` metadata functions tsyringe (a dependency of @peculiar/x509) checks for at load
 * time. The full reflect-metadata polyfill is not a dependency of this repo, and @peculiar/x509 never
 * emits design-time metadata, so a WeakMap per target is all it needs. Installed only when absent, so a
 * real polyfill loaded earlier wins.
 *
 * @module
 */

type MetadataReflect = {
  defineMetadata?: (key: unknown, value: unknown, target: object) => void;
  getOwnMetadata?: (key: unknown, target: object) => unknown;
  getMetadata?: (key: unknown, target: object) => unknown;
};

const reflect = Reflect as unknown as MetadataReflect;

if (typeof reflect.getMetadata !== "function") {
  const metadata = new WeakMap<object, Map<unknown, unknown>>();
  reflect.defineMetadata = (key, value, target) => {
    let own = metadata.get(target);
    if (!own) metadata.set(target, own = new Map());
    own.set(key, value);
  };
  reflect.getOwnMetadata = (key, target) => metadata.get(target)?.get(key);
  // Inherited lookup walks the prototype chain, as reflect-metadata does for class constructors.
  reflect.getMetadata = (key, target) => {
    for (let o: object | null = target; o; o = Object.getPrototypeOf(o)) {
      const own = metadata.get(o);
      if (own?.has(key)) return own.get(key);
    }
    return undefined;
  };
}
