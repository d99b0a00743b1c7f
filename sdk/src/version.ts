// The SDK's own version, recorded in every module's metadata.
export const SDK_VERSION = "0.1.0";
