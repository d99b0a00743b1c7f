// Test entry for sdk/assembly/net/checksum.ts: thin exports over the library.
import {
  onesSum, foldChecksum, internetChecksum, pseudoHeaderSum4, pseudoHeaderSum6,
  incrementalUpdate16, incrementalUpdate32, incrementalUpdateRaw32,
} from "../../../assembly/net/index";

export function sum(ptr: usize, len: u32, initial: u32): u32 {
  return onesSum(ptr, len, initial);
}
export function fold(s: u32): u16 {
  return foldChecksum(s);
}
export function checksum(ptr: usize, len: u32): u16 {
  return internetChecksum(ptr, len);
}
export function pseudo4(src: u32, dst: u32, proto: u8, len: u32): u32 {
  return pseudoHeaderSum4(src, dst, proto, len);
}
export function pseudo6(srcPtr: usize, dstPtr: usize, proto: u8, len: u32): u32 {
  return pseudoHeaderSum6(srcPtr, dstPtr, proto, len);
}
export function inc16(ck: u16, oldV: u16, newV: u16): u16 {
  return incrementalUpdate16(ck, oldV, newV);
}
export function inc32(ck: u16, oldV: u32, newV: u32): u16 {
  return incrementalUpdate32(ck, oldV, newV);
}
export function incRaw32(ck: u16, oldV: u32, newV: u32): u16 {
  return incrementalUpdateRaw32(ck, oldV, newV);
}
