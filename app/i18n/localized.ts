import { currentLocale, type Locale } from "./locale";

/**
 * The English dictionary's type, derived from the Chinese one: the same keys (an object literal
 * with a missing or extra key does not compile), literal strings widened to `string`, functions
 * keeping their parameters.
 */
export type Dictionary<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Dictionary<R>
    : T extends readonly (infer U)[]
      ? readonly Dictionary<U>[]
      : T extends object
        ? { readonly [K in keyof T]: Dictionary<T[K]> }
        : T;

export type Dictionaries<T> = { "zh-CN": T; en: Dictionary<T> };

/** Every dictionary pair made by `localized`, for the parity test (tests/unit/i18n-parity.test.ts). */
export const registeredDictionaries: { name: string; dictionaries: Dictionaries<object> }[] = [];

/**
 * One strings object for both languages: each property read picks the current locale's value, so
 * `t.title` in a component, a loader, an action or a zod message speaks the request's language
 * without threading the locale through. Read values at render/request time, not at module load:
 * a value copied into a module-level constant stays in whatever language was current then (zh-CN).
 */
export function localized<T extends object>(dictionaries: Dictionaries<T>, name = "strings"): Dictionary<T> {
  registeredDictionaries.push({ name, dictionaries: dictionaries as Dictionaries<object> });
  const pick = () => dictionaries[currentLocale() as Locale] as Record<PropertyKey, unknown>;
  return new Proxy(dictionaries["zh-CN"] as Record<PropertyKey, unknown>, {
    get: (_target, key) => pick()[key],
    has: (_target, key) => key in pick(),
    ownKeys: () => Reflect.ownKeys(pick()),
    getOwnPropertyDescriptor: (_target, key) => {
      const dictionary = pick();
      return Object.prototype.hasOwnProperty.call(dictionary, key)
        ? { value: dictionary[key], writable: false, enumerable: true, configurable: true }
        : undefined;
    },
  }) as unknown as Dictionary<T>;
}
