// Element classes and live elements of this module. `clickos build` generates one
// registerClass call per element class (in metadata order) with four plain
// functions: make a new element, read a handler, write a handler, push a batch.

import { Element } from "../element";
import { Batch } from "../batch";

export type MakeFn = () => Element;
export type ReadFn = (e: Element, handler: i32) => string;
export type WriteFn = (e: Element, handler: i32, value: string) => void;
export type PushFn = (e: Element, port: i32, batch: Batch) => void;

function pushVirtual(e: Element, port: i32, batch: Batch): void { e.push(port, batch); }

class ElementClass {
  constructor(public make: MakeFn, public read: ReadFn, public write: WriteFn, public push: PushFn) {}
}

const classes: ElementClass[] = [];
const elements: Array<Element | null> = [];
const classOf: i32[] = [];
// By handle - 1: the class's push, so a crossing makes one indirect call.
const pushOf: PushFn[] = [];

/** `push` defaults to the element's own (virtual) push, for entry files that predate it. */
export function registerClass(make: MakeFn, read: ReadFn, write: WriteFn, push: PushFn = pushVirtual): void {
  classes.push(new ElementClass(make, read, write, push));
}


/** Creates an element of class `id`; returns its handle (> 0) or 0 for a bad class id. */
export function newElement(id: i32, ninputs: i32, noutputs: i32): i32 {
  if (id < 0 || id >= classes.length) return 0;
  const e = classes[id].make();
  e.ninputs = ninputs;
  e.noutputs = noutputs;
  elements.push(e);
  classOf.push(id);
  pushOf.push(classes[id].push);
  const handle = elements.length;
  e._handle = handle;
  return handle;
}

/** The element with this handle; traps (contained by the host) on a bad handle. */
// @ts-ignore: decorator
@inline export function elementAt(handle: i32): Element {
  if (handle <= 0 || handle > elements.length) abort("bad element handle");
  const e = unchecked(elements[handle - 1]);
  if (e === null) abort("element was cleaned up");
  return e!;
}

/** The push of the element with this handle (already checked by elementAt). */
export function pushAt(handle: i32): PushFn { return unchecked(pushOf[handle - 1]); }

export function classAt(handle: i32): ElementClass {
  return classes[classOf[handle - 1]];
}

export function dropElement(handle: i32): void {
  if (handle > 0 && handle <= elements.length) elements[handle - 1] = null;
}
