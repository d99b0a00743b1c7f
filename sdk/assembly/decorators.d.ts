// Editor and type-checker declarations of the element decorators. `clickos build`
// reads them from the source with ts-morph (AssemblyScript ignores them); an
// element package's src/tsconfig.json includes this file so editors know them.

/** Declares an element class: its Click class name, port counts ("1/1-2") and
 *  processing code ("a", "h/l"), as in Click; defaults "1/1" and "a". */
declare function element(name: string, options?: { ports?: string; processing?: string; flow?: string }): (target: any) => void;

/** Declares a handler: on a field (read; "rw" also writes it), on a method
 *  returning string or taking a StringAccum (read), or on a method taking a
 *  string with "w" (write). */
declare function handler(name: string, mode?: "r" | "w" | "rw"): (target: any, key: string, descriptor?: any) => void;
