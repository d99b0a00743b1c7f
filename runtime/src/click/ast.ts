/** The Click configuration AST, before compound flattening. */

export interface Loc {
  file: string;
  line: number;
}

export type ClassRef =
  | { kind: "primitive"; name: string }
  | { kind: "compound"; def: CompoundDef };

export interface AstElement {
  /** Declared name, or `Class@N` for anonymous elements. */
  name: string;
  anonymous: boolean;
  classRef: ClassRef;
  /** Raw configuration string (comments removed, trimmed; variables not yet substituted). */
  config: string;
  loc: Loc;
}

/** A connection inside one scope; `input`/`output` name the pseudo-elements of a compound. */
export interface AstConnection {
  from: string;
  fromPort: number;
  to: string;
  toPort: number;
  loc: Loc;
}

export interface AstDefine {
  name: string;
  value: string;
  loc: Loc;
}

export interface Scope {
  /** Lexical nesting depth: 0 for the file, 1 for a top-level compound, ... */
  depth: number;
  elements: AstElement[];
  connections: AstConnection[];
  defines: AstDefine[];
}

export interface Formal {
  /** Variable name without `$`. */
  name: string;
  /** Keyword for keyword formals, "__REST__" for the rest formal, "" for positional. */
  keyword: string;
}

export interface CompoundBody {
  formals: Formal[];
  scope: Scope;
  ninputs: number;
  noutputs: number;
  loc: Loc;
}

export interface CompoundDef {
  /** Class name, "" for an anonymous compound. */
  name: string;
  /** Overloads, tried in order. */
  bodies: CompoundBody[];
  /** Target of a trailing `...` (the class this compound extends), if any. */
  extends?: ClassRef;
  loc: Loc;
}

export interface Requirement {
  kind: "package" | "library" | string;
  value: string;
  loc: Loc;
}

export interface RouterAst {
  file: string;
  scope: Scope;
  requires: Requirement[];
}
