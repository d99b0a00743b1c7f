// The SDK line this scaffolder writes packages for: ABI v1 is implemented by
// @clickos/sdk 0.1.x. test/scaffold checks these against the SDK's own constants.
export const SDK_RANGE = "^0.1.0";
export const ABI_VERSION = 1;
