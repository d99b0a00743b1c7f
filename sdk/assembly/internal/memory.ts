// Raw memory regions the module hands to the host: the scratch buffer (strings in
// and out) and arena regions (descriptors and packet bytes written by the host).
// All are plain heap blocks, never seen by the GC.

let scratchPtr: usize = 0;
let scratchCap: usize = 0;

/** Address of a scratch buffer of at least `len` bytes. */
export function scratch(len: usize): usize {
  if (len > scratchCap) {
    const cap = max<usize>(len, 256);
    scratchPtr = scratchPtr == 0 ? heap.alloc(cap) : heap.realloc(scratchPtr, cap);
    scratchCap = cap;
  }
  return scratchPtr;
}

/** A host-owned region of `bytes` bytes (descriptors and packet bytes). Heap
 *  blocks never move, so several regions can be live at once (nested crossings). */
export function arenaAlloc(bytes: usize): usize { return heap.alloc(max<usize>(bytes, 16)); }
export function arenaFree(ptr: usize): void { if (ptr != 0) heap.free(ptr); }

/** Writes `s` as UTF-8 into the scratch buffer; returns the byte length. */
export function stringToScratch(s: string): i32 {
  const len = String.UTF8.byteLength(s, false);
  const ptr = scratch(<usize>len);
  String.UTF8.encodeUnsafe(changetype<usize>(s), s.length, ptr, false);
  return len;
}

/** Reads `len` UTF-8 bytes from the scratch buffer as a string. */
export function stringFromScratch(len: i32): string {
  return String.UTF8.decodeUnsafe(scratchPtr, <usize>len, false);
}
