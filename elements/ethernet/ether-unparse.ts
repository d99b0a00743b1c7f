// Click's text form of an Ethernet address for handler output: "00-1A-2B-3C-4D-5E"
// (EtherAddress::unparse_dash, upper-case hex). The SDK's EtherAddress.toString()
// prints lower-case colons; this belongs in the SDK as unparseDash().

const HEX = "0123456789ABCDEF";

export function unparseEtherDash(raw: u64): string {
  let s = "";
  for (let i = 0; i < 6; i++) {
    const b = <i32>((raw >>> (<u64>i << 3)) & 0xff);
    if (i > 0) s += "-";
    s += HEX.charAt(b >> 4) + HEX.charAt(b & 15);
  }
  return s;
}
